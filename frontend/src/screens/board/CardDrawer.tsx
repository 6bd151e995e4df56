// A card's detail drawer: the card, its evidence chain both ways, and a live comment thread with
// @mentions. Opened from a card's comment button, the C key on a focused card, or `?card=<id>`.
import { useEffect, useRef } from "react";
import { Avatar } from "../../components/Avatar";
import { Chat, Close, Pencil } from "../../components/Icons";
import { PhotoAttach, PhotoGallery } from "../../components/Photos";
import { RichText } from "../../components/RichText";
import { useTick } from "../../hooks";
import { cardLabel, timeAgo } from "../../lib/format";
import { tokenizeMentions } from "../../lib/mentions";
import { SIDE_NAME } from "../../lib/workshop";
import type { BoardSync } from "../../realtime";
import type { Card, Kpi, Member, Side, UserBrief } from "../../types";
import { KIND_LABEL, OBS_KIND_LABEL, STATUS_LABEL, type ContainerId } from "./cardMeta";
import { strip } from "./CardView";
import { Composer } from "./Composer";
import { EvidenceLists } from "./EvidenceChain";
import { LearningCard } from "./LearningDialog";
import { MoveMenu } from "./MoveMenu";
import { useThread, type ThreadComment } from "./useComments";
import { useWorkshopContext } from "./workshop/useWorkshop";
import "./drawer.css";

interface Props {
  cardId: string;
  card: Card | undefined;
  ready: boolean;
  byId: Record<string, Card>;
  citedBy: string[];
  sync: BoardSync;
  canWrite: boolean;
  /** a facilitator removes anyone's photos (others only their own) */
  canFacilitate?: boolean;
  members: Member[];
  me: UserBrief;
  mySide?: Side;
  focusComposer: boolean;
  onClose(): void;
  onOpen(id: string): void;
  onEdit(card: Card): void;
  /** the "Move to…" menu's choice (absent: no menu) */
  onMove?(card: Card, to: ContainerId): void;
  highlight(ids: string[] | null): void;
}

export function CardDrawer({ cardId, card, ready, byId, citedBy, sync, canWrite, canFacilitate, members, me, mySide, focusComposer, onClose, onOpen, onEdit, onMove, highlight }: Props) {
  const { comments, loading, error, send } = useThread(sync, cardId, me, mySide);
  const hidden = !!useWorkshopContext()?.slice.anonymous;
  const root = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const atEnd = useRef(focusComposer);
  useTick(30_000);

  // focus moves into the drawer when it opens (the composer when asked for, else the drawer itself)
  useEffect(() => {
    if (!ready) return;
    const target = focusComposer ? root.current?.querySelector<HTMLElement>(".composer textarea") : null;
    (target ?? root.current)?.focus();
  }, [cardId, ready, focusComposer]);

  // opened for the comments, or scrolled down to them: keep the newest in view
  useEffect(() => {
    const el = body.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [comments.length, card?.id]);
  const onScroll = () => {
    const el = body.current;
    if (el) atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };

  const title = card ? cardLabel(card) : ready ? "Card not found" : "Loading…";
  return (
    <aside ref={root} className={`card-drawer ${card ? `side-${card.side}` : ""}`} role="dialog" aria-modal="false"
           aria-labelledby="drawer-title" tabIndex={-1} data-card-id-open={cardId}
           onKeyDown={(e) => { if (e.key === "Escape" && !e.defaultPrevented) { e.preventDefault(); onClose(); } }}>
      <header className="drawer-head">
        <div className="drawer-title-block">
          {card && <span className="kind-pill">{KIND_LABEL[card.kind]}{card.kind === "experiment" ? ` · ${STATUS_LABEL[card.status ?? "draft"]}` : ""}</span>}
          <h2 id="drawer-title">{title}</h2>
        </div>
        {card && canWrite && onMove && <MoveMenu card={card} onMove={onMove} text />}
        {card && canWrite && (
          <button type="button" className="icon-button" aria-label={`Edit ${KIND_LABEL[card.kind].toLowerCase()}`} onClick={() => onEdit(card)}><Pencil size={15} /></button>
        )}
        <button type="button" className="icon-button" aria-label="Close card details" onClick={onClose}><Close size={16} /></button>
      </header>
      {!card ? (
        <div className="drawer-body">
          <p className="muted">{ready ? "This card is not on this board: it may have been deleted, or the link is for another board." : "Loading the board…"}</p>
        </div>
      ) : (<>
        <div className="drawer-body" ref={body} onScroll={onScroll}>
          <CardSummary card={card} kpis={sync.getView().extras?.kpis.kpis} />
          <PhotoGallery card={card} canRemove={(p) => canWrite && (canFacilitate || p.created_by?.id === me.id)} />
          {canWrite && <div className="drawer-section"><PhotoAttach card={card} /></div>}
          <EvidenceLists card={card} byId={byId} citedBy={citedBy} onOpen={onOpen} highlight={highlight} canWrite={canWrite} />
          <section className="drawer-section comments" aria-labelledby="comments-title">
            <h3 id="comments-title"><Chat size={15} /> Comments <span className="count">{comments.length}</span></h3>
            {error && <p className="form-error" role="alert">The comments could not be loaded: {error}</p>}
            <ol className="thread" aria-label="Comments, oldest first" aria-live="polite" aria-busy={loading}>
              {comments.map((c) => <CommentItem key={c.id} comment={c} members={members} hidden={hidden} />)}
              {!loading && comments.length === 0 && (
                <li className="muted small thread-empty">No comments yet.{canWrite ? " Ask a question, or @mention someone to bring them in." : ""}</li>
              )}
            </ol>
          </section>
        </div>
        <div className="drawer-foot">
          {canWrite ? (
            <Composer members={members} selfId={me.id} onSend={async (text) => { atEnd.current = true; await send(text); }} />
          ) : (
            <p className="muted small">Viewers read the comments; members write them.</p>
          )}
        </div>
      </>)}
    </aside>
  );
}

/** One comment: its author, or only its side while the workshop hides authors (even for comments loaded before). */
function CommentItem({ comment, members, hidden }: { comment: ThreadComment; members: Member[]; hidden: boolean }) {
  const author = hidden ? null : comment.author;
  const name = author?.name ?? SIDE_NAME[comment.side];
  return (
    <li className={`comment side-${comment.side} ${comment.pending ? "pending" : ""}`}>
      <Avatar name={name} side={comment.side} size="sm" title={author ? undefined : `${name} side (the workshop hides authors)`} />
      <div className="comment-main">
        <p className="comment-meta">
          <strong className="comment-author">{name}</strong> {author && <span className="side-tag">{comment.side}</span>}
          <span className="muted tiny">{comment.pending ? "Sending…" : timeAgo(comment.created_at)}</span>
        </p>
        <p className="comment-text"><CommentText text={comment.text} members={members} /></p>
      </div>
    </li>
  );
}

/** A comment's text with the members it mentions highlighted in their side's colour (all as text nodes). */
export function CommentText({ text, members }: { text: string; members: Member[] }) {
  return (
    <>
      {tokenizeMentions(text, members).map((t, i) =>
        t.kind === "mention"
          ? <span key={i} className={`mention side-${t.member.side}`} title={`${t.member.user.name} (${t.member.side})`}>{t.value}</span>
          : <span key={i}>{t.value}</span>,
      )}
    </>
  );
}

function CardSummary({ card, kpis }: { card: Card; kpis?: Kpi[] }) {
  return (
    <section className="drawer-section summary" aria-label="The card">
      {card.kind === "observation" && (
        <>
          <p className="muted tiny">{OBS_KIND_LABEL[card.observation_kind ?? "pain_point"]}{card.pii_kept ? " · personal data kept by its author" : ""}</p>
          <p className="drawer-text"><RichText text={card.text ?? ""} /></p>
        </>
      )}
      {card.kind === "story" && (
        <dl className="test-card big">
          {card.persona && <><dt>Persona</dt><dd>{card.persona}</dd></>}
          {card.situation && <><dt>Situation</dt><dd>{card.situation}</dd></>}
          {card.struggle && <><dt>Struggle</dt><dd>{card.struggle}</dd></>}
          {card.outcome && <><dt>Outcome</dt><dd>{card.outcome}</dd></>}
          {card.told && <><dt>Told</dt><dd>Shared with the sponsor</dd></>}
        </dl>
      )}
      {card.kind === "experiment" && (
        <>
          {(card.hypothesis || card.test || card.metric || card.criterion) && (
            <dl className="test-card big">
              {card.hypothesis && <><dt>We believe</dt><dd>{strip(card.hypothesis, "we believe")}</dd></>}
              {card.test && <><dt>To verify</dt><dd>{strip(card.test, "to verify, we will")}</dd></>}
              {card.metric && <><dt>Measure</dt><dd>{strip(card.metric, "and measure")}</dd></>}
              {card.criterion && <><dt>Right if</dt><dd>{strip(card.criterion, "we are right if")}</dd></>}
              <dt>Audience</dt><dd>{card.audience === "customers" ? "Customers" : "Staff"}</dd>
            </dl>
          )}
          <LearningCard card={card} full kpis={kpis} />
        </>
      )}
      <p className="muted tiny drawer-by">By {card.author?.name ?? "someone"} ({card.side}) · {timeAgo(card.created_at)}</p>
    </section>
  );
}
