// Fast capture during a shadowing session: one line per observation, #tags, Enter adds — keyboard only.
import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { errorMessage, patch, post } from "../api";
import { Byline } from "../components/Avatar";
import { OfflineNote } from "../components/OfflineNote";
import { Back, Clock, Mic } from "../components/Icons";
import { RichText } from "../components/RichText";
import { useToast } from "../components/Toasts";
import { useTick } from "../hooks";
import { shortDate, timeAgo } from "../lib/format";
import { parseCapture } from "../lib/tags";
import type { Author } from "../realtime";
import { Link, navigate, paths, useLocation, useTitle } from "../router";
import type { ObservationKind, ShadowingSession } from "../types";
import { OBS_KINDS, OBS_KIND_LABEL } from "./board/cardMeta";
import { PiiHint, usePiiGuard } from "./board/PiiNotice";
import { useBoard } from "./board/useBoard";
import { useViewer } from "./board/viewer";
import { Shell } from "./Shell";

export function Capture({ initiativeId }: { initiativeId: string }) {
  const { query } = useLocation();
  const sessionId = query.get("session");
  const { sync, view } = useBoard(initiativeId);
  const initiative = view.state.initiative;
  const viewer = useViewer(initiative?.engagement_id);
  const eng = viewer?.engagement;
  const sessions = view.extras?.shadowing_sessions ?? [];
  const session = sessions.find((s) => s.id === sessionId);
  useTitle(session ? `Shadowing ${session.host}` : "Shadowing capture");

  return (
    <Shell engagementId={initiative?.engagement_id ?? null} active="board">
      <main className="page capture-page">
        <div className="page-head">
          <div>
            <p className="eyebrow">
              <Link to={paths.board(initiativeId)} className="back-inline"><Back size={14} /> {initiative?.title ?? "Board"}</Link>
            </p>
            <h1>{session ? <>Shadowing <span className="host-name">{session.host}</span></> : "Shadowing capture"}</h1>
          </div>
        </div>
        <OfflineNote view={view} whenLive />
        {!view.ready ? <p className="muted" aria-busy="true">Loading…</p> : session ? (
          <CaptureSession session={session} initiativeId={initiativeId} sync={sync} cards={view.cards} author={viewer?.author} />
        ) : sessionId && sessions.length > 0 ? (
          <div className="empty-state"><p>That shadowing session is not on this initiative.</p></div>
        ) : (
          <StartSession initiativeId={initiativeId} sessions={sessions} customersGrant={!!view.extras?.access_grants.some((g) => g.live && g.scope === "customers")}
                        providerName={eng?.provider_name} onStarted={(s) => sync.patchExtras({ shadowing_sessions: [s, ...sessions] })} />
        )}
      </main>
    </Shell>
  );
}

function StartSession({ initiativeId, sessions, customersGrant, onStarted }: {
  initiativeId: string; sessions: ShadowingSession[]; customersGrant: boolean; providerName?: string; onStarted(s: ShadowingSession): void;
}) {
  const toast = useToast();
  const [host, setHost] = useState("");
  const [context, setContext] = useState("");
  const [contact, setContact] = useState(false);
  const [busy, setBusy] = useState(false);
  async function start(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const s = await post<ShadowingSession>(`/initiatives/${initiativeId}/shadowing-sessions`, {
        host: host.trim(), context: context.trim(), customer_contact: contact, started_at: new Date().toISOString(),
      });
      onStarted(s);
      navigate(paths.capture(initiativeId, s.id));
    } catch (err) {
      toast.error(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <div className="capture-start">
      <form className="panel start-form" onSubmit={start} aria-labelledby="start-title">
        <h2 id="start-title"><Mic size={18} /> Start a shadowing session</h2>
        <p className="muted">Sit beside someone doing the work. Start the session, then capture what you see, one line at a time.</p>
        <label className="field"><span>Host</span>
          <input value={host} onChange={(e) => setHost(e.target.value)} required maxLength={200} autoFocus placeholder="Who are you shadowing? e.g. Marta Silva, early-arrears agent" />
        </label>
        <label className="field"><span>Context</span>
          <textarea value={context} onChange={(e) => setContext(e.target.value)} rows={2} placeholder="Where and what: team, queue, screens, calls…" />
        </label>
        <label className="check">
          <input type="checkbox" checked={contact} onChange={(e) => setContact(e.target.checked)} disabled={!customersGrant}
                 aria-describedby="contact-hint" />
          Customer contact (calls or meetings with customers)
        </label>
        <p id="contact-hint" className="muted small">
          {customersGrant ? "Allowed: the buyer has granted live 'customers' access." : "Needs a live 'customers' access grant from the buyer first."}
        </p>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || !host.trim()}>Start session</button>
        </div>
      </form>
      <section className="panel" aria-labelledby="past-title">
        <h2 id="past-title">Sessions on this initiative</h2>
        {sessions.length === 0 && <p className="muted">None yet.</p>}
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.id}>
              <div>
                <strong>{s.host}</strong>
                <p className="muted small">{s.context}</p>
                <p className="tiny"><Byline name={s.shadower.name} side="provider" suffix={`${shortDate(s.started_at)}${s.duration_minutes ? ` · ${s.duration_minutes} min` : ""}${s.customer_contact ? " · with customers" : ""}`} /></p>
              </div>
              <Link to={paths.capture(initiativeId, s.id)} className="button ghost small" aria-label={`Capture in the session with ${s.host}`}>Capture</Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function elapsed(startedAt: string): number {
  const t = Date.parse(startedAt.endsWith("Z") || /[+-]\d\d:?\d\d$/.test(startedAt) ? startedAt : startedAt + "Z");
  return Math.max(0, Math.floor((Date.now() - t) / 1000));
}

function clock(seconds: number) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return `${h ? `${h}:` : ""}${String(m).padStart(h ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
}

function CaptureSession({ session, initiativeId, sync, cards, author }: {
  session: ShadowingSession; initiativeId: string; sync: ReturnType<typeof useBoard>["sync"]; cards: ReturnType<typeof useBoard>["view"]["cards"];
  /** this member, as their pending observations show (their side) */
  author: Author | undefined;
}) {
  const toast = useToast();
  const [line, setLine] = useState("");
  const [kind, setKind] = useState<ObservationKind>("pain_point");
  const [finishing, setFinishing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const pii = usePiiGuard(sync);
  useTick(1000);
  const parsed = useMemo(() => parseCapture(line), [line]);
  const captured = useMemo(
    () => cards.filter((c) => c.kind === "observation" && c.shadowing_session_id === session.id)
      .sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? "")),
    [cards, session.id],
  );
  const live = session.duration_minutes === null;
  const seconds = elapsed(session.started_at);

  async function add() {
    const typed = line.trim();
    if (!typed || !author) return;
    const { text, tags } = parseCapture(typed);
    setLine("");
    try {
      pii.after(await sync.createCard({ kind: "observation", text, tags, observation_kind: kind, shadowing_session_id: session.id }, author), text);
    } catch (err) {
      setLine((v) => v || typed);
      toast.error(errorMessage(err));
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.altKey && /^[1-5]$/.test(e.key)) {
      e.preventDefault();
      setKind(OBS_KINDS[Number(e.key) - 1].value);
    } else if (e.key === "Enter" && !e.nativeEvent.isComposing) {
      e.preventDefault();
      add();
    } else if (e.key === "Escape") {
      setLine("");
    }
  }

  async function finish() {
    setFinishing(true);
    try {
      await patch(`/shadowing-sessions/${session.id}`, { version: session.version, duration_minutes: Math.max(1, Math.round(seconds / 60)) });
      toast.show({ message: `Session with ${session.host} finished: ${captured.length} observation${captured.length === 1 ? "" : "s"} captured.`, tone: "success" });
      navigate(paths.board(initiativeId));
    } catch (err) {
      toast.error(errorMessage(err));
      setFinishing(false);
    }
  }

  return (
    <div className="capture">
      <section className="capture-bar">
        <div className="capture-meta">
          {session.context && <p className="capture-context">{session.context}</p>}
          <p className="muted small">
            <Clock size={13} /> {live ? <span className="rec"><span className="rec-dot" aria-hidden="true" /> Recording · <span className="timer">{clock(seconds)}</span></span> : `Finished · ${session.duration_minutes} min`}
            {session.customer_contact && " · with customers"} · started {timeAgo(session.started_at)}
          </p>
        </div>
        {live && <button type="button" className="button" onClick={finish} disabled={finishing}>Finish session</button>}
      </section>

      <section className="capture-box" aria-labelledby="capture-title">
        <h2 id="capture-title" className="visually-hidden">Capture</h2>
        <div className="kind-picker" role="radiogroup" aria-label="Kind of observation (Alt+1 to Alt+5)">
          {OBS_KINDS.map((k, i) => (
            <button key={k.value} type="button" role="radio" aria-checked={kind === k.value}
                    className={`kind-option obs-${k.value} ${kind === k.value ? "on" : ""}`}
                    onClick={() => { setKind(k.value); input.current?.focus(); }} tabIndex={-1}>
              <kbd>Alt+{i + 1}</kbd> {k.label}
            </button>
          ))}
        </div>
        <label htmlFor="capture-input" className="capture-label">Capture observation</label>
        <input id="capture-input" ref={input} className="capture-input" value={line} autoFocus autoComplete="off" maxLength={5000}
               placeholder="Type what you see or hear, #tag it, press Enter" onChange={(e) => setLine(e.target.value)} onKeyDown={onKeyDown}
               aria-describedby="capture-help" />
        <p id="capture-help" className="capture-help">
          <kbd>Enter</kbd> adds · <kbd>#tag</kbd> tags · <kbd>Alt+1…5</kbd> kind · <kbd>Esc</kbd> clears
          {parsed.tags.length > 0 && <span className="preview-tags" aria-live="polite"> · tags: {parsed.tags.map((t) => <span key={t} className="tag">#{t}</span>)}</span>}
        </p>
        <PiiHint text={line} />
        {pii.element}
      </section>

      <section aria-labelledby="captured-title" className="captured">
        <h2 id="captured-title">Captured in this session <span className="count">{captured.length}</span></h2>
        <ol className="captured-list" aria-live="polite">
          {captured.map((c) => (
            <li key={c.id} className={`captured-item obs-${c.observation_kind} side-${c.side} ${c.id.startsWith("tmp-") ? "pending" : ""}`}>
              <span className="kind-pill">{OBS_KIND_LABEL[c.observation_kind ?? "pain_point"]}</span>
              <p className="captured-text"><RichText text={c.text ?? ""} /></p>
              <span className="captured-meta"><Byline name={c.author?.name ?? "You"} side={c.side} /> <span className="muted tiny">{timeAgo(c.created_at)}</span></span>
            </li>
          ))}
          {captured.length === 0 && <li className="muted empty-capture">Nothing captured yet. Start typing: every line you enter becomes an observation on the board.</li>}
        </ol>
      </section>
    </div>
  );
}
