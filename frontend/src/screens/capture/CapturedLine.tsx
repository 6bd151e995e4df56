// One captured line: its kind, text and time since the session started; click, Enter or F2 edits the
// text in place (Enter saves, Esc cancels), a select changes the kind, Delete offers Undo.
import { useState, type KeyboardEvent, type ReactNode } from "react";
import { Byline } from "../../components/Avatar";
import { PhotoAttach, PhotoThumbs } from "../../components/Photos";
import { Trash } from "../../components/Icons";
import { RichText } from "../../components/RichText";
import { cardLabel } from "../../lib/format";
import { instant, sinceStart } from "../../lib/sessionTime";
import type { Card, ObservationKind } from "../../types";
import { OBS_KINDS } from "../board/cardMeta";
import type { CaptureWrites } from "./useCaptureWrites";

export const EDIT_HINT_ID = "captured-edit-hint";

/** When a line was captured: `+3:12` from the session's start, the absolute time as its title. */
export function SessionTime({ startedAt, at }: { startedAt: string; at: string | null | undefined }) {
  const abs = instant(at);
  return <time className="since-start" dateTime={abs.iso} title={abs.label}>{sinceStart(startedAt, at)}</time>;
}

/** A line's state while the server has not answered: never shown as saved before it did. */
export function Waiting({ offline, children }: { offline: boolean; children?: ReactNode }) {
  return <span className="line-status waiting">{offline ? "Waiting to send" : children ?? "Sending…"}</span>;
}

interface Draft {
  text: string;
  /** the version the member corrects (a conflict moves it to the current one) */
  version: number;
  error?: string;
}

export function CapturedLine({ card, startedAt, writes, offline, refocus }: {
  card: Card; startedAt: string; writes: CaptureWrites; offline: boolean; refocus(): void;
}) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const pending = card.id.startsWith("tmp-");
  const saving = writes.saving.has(card.id);
  const label = cardLabel(card);
  const kind = card.observation_kind ?? "pain_point";

  const edit = () => { if (!pending) setDraft({ text: card.text ?? "", version: card.version }); };
  const cancel = () => { setDraft(null); refocus(); };

  async function save(d: Draft) {
    const typed = d.text.trim();
    if (!typed) return setDraft({ ...d, error: "A line needs some text. Esc keeps it as it was; Delete removes it." });
    setDraft(null);
    refocus();
    if (typed === (card.text ?? "").trim() && d.version === card.version) return;
    const result = await writes.saveText(card, typed, d.version);
    if (!result.ok) setDraft({ text: typed, version: result.version ?? d.version, error: result.error });
  }

  function onEditorKey(e: KeyboardEvent<HTMLInputElement>) {
    if (!draft) return;
    if (e.key === "Enter" && !e.nativeEvent.isComposing) {
      e.preventDefault();
      save(draft);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    }
  }

  const editorId = `edit-${card.id}`;
  return (
    <li className={`captured-item obs-${kind} side-${card.side} ${pending ? "pending" : ""} ${draft ? "editing" : ""}`}
        data-card-id={card.id} aria-busy={pending || saving || undefined}>
      <SessionTime startedAt={startedAt} at={card.created_at} />
      {draft ? (
        <div className="captured-editor">
          <label htmlFor={editorId} className="visually-hidden">Edit observation</label>
          <input id={editorId} className="captured-edit-input" value={draft.text} autoFocus={!draft.error} maxLength={5000}
                 onChange={(e) => setDraft({ ...draft, text: e.target.value, error: draft.error })} onKeyDown={onEditorKey}
                 aria-invalid={!!draft.error || undefined} aria-describedby={draft.error ? `${editorId}-error` : EDIT_HINT_ID} />
          {draft.error && <p id={`${editorId}-error`} className="line-error" role="alert">{draft.error}</p>}
          <div className="captured-editor-actions">
            <button type="button" className="button primary small" onClick={() => save(draft)}>Save</button>
            <button type="button" className="button ghost small" onClick={cancel}>Cancel</button>
          </div>
        </div>
      ) : (
        <button type="button" className="captured-text" onClick={edit} disabled={pending}
                onKeyDown={(e) => { if (e.key === "F2") { e.preventDefault(); edit(); } }}
                aria-describedby={pending ? undefined : EDIT_HINT_ID} title={pending ? undefined : "Click, Enter or F2 to edit"}>
          <RichText text={card.text ?? ""} />
        </button>
      )}
      <PhotoThumbs card={card} />
      <span className="captured-meta">
        {pending ? <Waiting offline={offline} /> : saving ? <Waiting offline={offline}>Saving…</Waiting> : <Byline name={card.author?.name ?? "You"} side={card.side} />}
      </span>
      <div className="captured-actions">
        <select className={`kind-select obs-${kind}`} value={kind} disabled={pending} aria-label={`Kind of “${label}”`}
                onChange={(e) => writes.changeKind(card, e.target.value as ObservationKind)}>
          {OBS_KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
        </select>
        {!pending && <PhotoAttach card={card} compact />}
        <button type="button" className="icon-button danger" disabled={pending} onClick={() => writes.remove(card)}
                aria-label={`Delete “${label}”`} title="Delete (Undo in the notification)">
          <Trash size={15} />
        </button>
      </div>
    </li>
  );
}
