// One card on the board: sortable by mouse, touch and keyboard; edited in place.
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { DraggableAttributes, DraggableSyntheticListeners } from "@dnd-kit/core";
import type { KeyboardEvent } from "react";
import { Byline } from "../../components/Avatar";
import { Chat, Library, LinkIcon, Pencil, Trash } from "../../components/Icons";
import { PhotoThumbs } from "../../components/Photos";
import { RichText } from "../../components/RichText";
import { money } from "../../lib/format";
import { extraTags } from "../../lib/tags";
import { TEMP_PREFIX } from "../../realtime/reconcile";
import type { BudgetRequest, Card } from "../../types";
import { proposable } from "../library/libraryText";
import { useBoardContext, useCardContext } from "./boardContext";
import { cardAriaLabel, containerOf, OBS_KIND_LABEL, STATUS_LABEL, type ContainerId } from "./cardMeta";
import { EditingCard } from "./EditingCard";
import { ChainChips } from "./EvidenceChain";
import { LearningCard } from "./LearningDialog";
import { MoveMenu } from "./MoveMenu";
import { useCardWorkshop } from "./workshop/CardWorkshop";
import { OutcomeButtons } from "./workshop/Outcomes";
import { SideByline } from "./workshop/SideByline";

export interface CardActions {
  edit(card: Card): void;
  remove(card: Card): void;
  move(card: Card, direction: "up" | "down" | "left" | "right"): void;
  /** Move a card to another lane or column where the drop rules allow it (the "Move to…" menu). */
  moveTo?(card: Card, container: ContainerId): void;
  highlight(ids: string[] | null): void;
  /** Propose a concluded experiment's learning for the library (provider members only). */
  propose?(card: Card): void;
  /** open the card's detail drawer (comments, evidence chain); `comment` focuses the composer */
  open?(card: Card, comment?: boolean): void;
}

/** The drag handle of a sortable card (dnd-kit's attributes and listeners for its body). */
interface Activator {
  ref: (el: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
}

/** A card in its lane: draggable unless it is pending, being edited, or the member only reads. */
export function SortableCard({ card }: { card: Card }) {
  const { canWrite, edits } = useBoardContext();
  const editing = edits.editing?.id === card.id;
  const pending = card.id.startsWith(TEMP_PREFIX);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { type: "card", kind: card.kind, container: containerOf(card), card },
    disabled: !canWrite || editing || pending,
  });
  const style = { transform: CSS.Translate.toString(transform), transition };
  return (
    <li ref={setNodeRef} style={style} className={`card-slot ${isDragging ? "dragging" : ""}`}>
      {editing ? <EditingCard card={card} /> : (
        <CardFace card={card} pending={pending} activator={{ ref: setActivatorNodeRef, attributes, listeners }} />
      )}
    </li>
  );
}

/** A card's face; `overlay`: the copy that follows the pointer while dragging. */
export function CardFace({ card, pending, activator, overlay }: { card: Card; pending?: boolean; activator?: Activator; overlay?: boolean }) {
  const { canWrite, actions, highlighted, citeTarget, budget, session, evidenceLabels, lastEditor, citedBy, chain, comments } =
    useCardContext(card, overlay);
  const workshop = useCardWorkshop(card, overlay);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (workshop.onKey(e)) {
      e.preventDefault();
      return;
    }
    if (canWrite && e.altKey && e.key.startsWith("Arrow")) {
      e.preventDefault();
      const dir = e.key.slice(5).toLowerCase() as "up" | "down" | "left" | "right";
      actions.move(card, dir);
      return;
    }
    if (canWrite && e.key === "Enter" && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      actions.edit(card);
      return;
    }
    if (actions.open && !pending && !card.private && (e.key === "c" || e.key === "C") && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      actions.open(card, true);
      return;
    }
    if (canWrite && (e.key === "Delete" || e.key === "Backspace")) {
      e.preventDefault();
      actions.remove(card);
      return;
    }
    activator?.listeners?.onKeyDown?.(e);
  };
  const classes = [
    "card", `card-${card.kind}`, `side-${card.side}`,
    card.kind === "observation" ? `obs-${card.observation_kind ?? "pain_point"}` : "",
    card.kind === "experiment" ? `exp-${card.status ?? "draft"}` : "",
    highlighted ? "highlighted" : "", citeTarget ? "cite-target" : "", pending ? "pending" : "", overlay ? "overlay" : "",
    workshop.className,
    actions.open && !overlay && !pending && !card.private ? "has-comment-button" : "",
  ].join(" ");
  const linked = chain ?? card.evidence ?? [];
  const lit = (on: boolean) => linked.length > 0 && actions.highlight(on ? linked : null);
  return (
    <article className={classes} data-card-id={overlay ? undefined : card.id} data-kind={card.kind} aria-hidden={overlay || undefined}
             onMouseEnter={() => lit(true)} onMouseLeave={() => lit(false)}>
      <div className="card-body" ref={activator?.ref} {...(activator?.attributes ?? {})} {...(activator?.listeners ?? {})}
           tabIndex={overlay ? -1 : 0} role="button" aria-roledescription={canWrite ? "sortable card" : "card"}
           onKeyDown={onKeyDown}
           onDoubleClick={() => canWrite && !pending && actions.edit(card)}
           onFocus={() => lit(true)} onBlur={() => lit(false)}>
        <div className="card-top">
          {card.kind === "observation" && <span className="kind-pill">{OBS_KIND_LABEL[card.observation_kind ?? "pain_point"]}</span>}
          {card.kind === "story" && <span className="kind-pill">Story{card.told ? " · told" : ""}</span>}
          {card.kind === "experiment" && (
            <span className="kind-pill">Experiment · {card.audience === "customers" ? "customers" : "staff"}</span>
          )}
          {card.private && (
            <span className="private-badge" title="Only you see this card until the facilitator reveals the cards written in this step">Private</span>
          )}
        </div>
        {card.kind === "observation" && (
          <p className="card-text"><RichText text={card.text ?? ""} /></p>
        )}
        {card.kind === "observation" && <PhotoThumbs card={card} />}
        {card.kind === "observation" && extraTags(card.text ?? "", card.tags).length > 0 && (
          <p className="card-tags">{extraTags(card.text ?? "", card.tags).map((t) => <span key={t} className="tag">#{t}</span>)}</p>
        )}
        {card.kind !== "observation" && <h3 className="card-title">{card.title}</h3>}
        {card.kind === "story" && <StoryFace card={card} evidenceLabels={evidenceLabels} />}
        {card.kind === "experiment" && <ExperimentFace card={card} budget={budget} />}
        {!overlay && <ChainChips card={card} citedBy={citedBy ?? []} />}
        <div className="card-foot">
          {card.author ? <Byline name={card.author.name} side={card.side} /> : <SideByline side={card.side} />}
          {session && <span className="session-chip" title={`Shadowing ${session.host}`}>{session.host.split(",")[0]}</span>}
          {lastEditor && card.author && lastEditor !== card.author.name && <span className="muted tiny">edited by {lastEditor}</span>}
        </div>
      </div>
      {workshop.strip}
      {!overlay && !pending && <OutcomeButtons card={card} />}
      {actions.open && !pending && !overlay && !card.private && (
        <button type="button" className={`card-comment-button ${comments ? "has" : ""}`} onClick={() => actions.open!(card, true)}
                aria-label={`${comments ? `${comments} comment${comments === 1 ? "" : "s"}` : "No comments"}: open ${cardAriaLabel(card)}`}>
          <Chat size={13} />{comments ? <span>{comments}</span> : null}
        </button>
      )}
      {canWrite && !pending && !overlay && (
        <div className="card-tools">
          {workshop.tools}
          {actions.moveTo && <MoveMenu card={card} onMove={actions.moveTo} />}
          <button type="button" className="icon-button" aria-label={`Edit ${cardAriaLabel(card)}`} onClick={() => actions.edit(card)}><Pencil size={14} /></button>
          {actions.propose && proposable(card) && (
            <button type="button" className="icon-button" aria-label={`Propose ${cardAriaLabel(card)} for the library`}
                    title="Propose for the library" onClick={() => actions.propose!(card)}><Library size={14} /></button>
          )}
          <button type="button" className="icon-button danger" aria-label={`Delete ${cardAriaLabel(card)}`} onClick={() => actions.remove(card)}><Trash size={14} /></button>
        </div>
      )}
    </article>
  );
}

function StoryFace({ card, evidenceLabels }: { card: Card; evidenceLabels?: string[] }) {
  const n = card.evidence?.length ?? 0;
  return (
    <>
      {card.persona && <p className="story-persona">{card.persona}</p>}
      {card.struggle && <p className="story-line"><span className="line-label">Struggle</span> {card.struggle}</p>}
      {card.outcome && <p className="story-line"><span className="line-label">Outcome</span> {card.outcome}</p>}
      <p className={`evidence-chip ${n ? "" : "none"}`} title={evidenceLabels?.join("\n")}>
        <LinkIcon size={13} /> {n ? `${n} observation${n === 1 ? "" : "s"} as evidence` : "No evidence yet — drop an observation here"}
      </p>
    </>
  );
}

function ExperimentFace({ card, budget }: { card: Card; budget?: BudgetRequest[] }) {
  const kpis = useBoardContext().view.extras?.kpis.kpis; // to name the measurement its learning cites
  // each request counts once, by status, as on the server (services/money.py): approved (what was
  // approved), pending (what is asked and open), rejected (what was refused)
  const rows = budget ?? [];
  const currency = rows[0]?.currency ?? "GBP";
  const sum = (status: BudgetRequest["status"], amount: (b: BudgetRequest) => number) =>
    rows.filter((b) => b.status === status).reduce((s, b) => s + amount(b), 0);
  const counts = { approved: 0, pending: 0, rejected: 0 };
  for (const b of rows) counts[b.status] += 1;
  return (
    <>
      <dl className="test-card">
        {card.hypothesis && <><dt>We believe</dt><dd>{strip(card.hypothesis, "we believe")}</dd></>}
        {card.test && <><dt>To verify</dt><dd>{strip(card.test, "to verify, we will")}</dd></>}
        {card.metric && <><dt>Measure</dt><dd>{strip(card.metric, "and measure")}</dd></>}
        {card.criterion && <><dt>Right if</dt><dd>{strip(card.criterion, "we are right if")}</dd></>}
      </dl>
      {rows.length > 0 && (
        <p className="budget-line">
          {counts.approved > 0 && <span className="budget-ok">{money(sum("approved", (b) => b.approved_amount ?? 0), currency)} approved</span>}
          {counts.pending > 0 && <span className="budget-pending">{money(sum("pending", (b) => b.amount), currency)} pending</span>}
          {counts.rejected > 0 && <span className="budget-no">{money(sum("rejected", (b) => b.amount), currency)} rejected</span>}
        </p>
      )}
      <LearningCard card={card} kpis={kpis} />
      <span className="visually-hidden">Status: {STATUS_LABEL[card.status ?? "draft"]}</span>
    </>
  );
}

/** Drop the template's lead-in ("We believe …") since the label shows it. */
export function strip(text: string, lead: string): string {
  const t = text.trim();
  if (t.toLowerCase().startsWith(lead)) {
    const rest = t.slice(lead.length).replace(/^[\s,:…]+/, "");
    return rest ? rest[0].toUpperCase() + rest.slice(1) : t;
  }
  return t;
}
