// Discuss: the facilitator captures what the topic (the focused card) led to, on the card itself — an
// outcome as a comment, a story citing the observation, or a draft experiment (citing the story).
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../../api";
import { useToast } from "../../../components/Toasts";
import { cardLabel } from "../../../lib/format";
import type { Card } from "../../../types";
import { useBoardContext } from "../boardContext";
import { Popover } from "./Popover";
import { useWorkshopContext } from "./useWorkshop";

const TITLE_MAX = 200;
const short = (text: string) => (text.length > TITLE_MAX ? `${text.slice(0, TITLE_MAX - 1)}…` : text);

export function OutcomeButtons({ card }: { card: Card }) {
  const ws = useWorkshopContext();
  const { sync, viewer, actions } = useBoardContext();
  const toast = useToast();
  const [writing, setWriting] = useState<HTMLElement | null>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  if (!ws?.canFacilitate || ws.slice.phase !== "discuss" || ws.slice.focus_card_id !== card.id || !viewer) return null;
  const label = cardLabel(card);

  const addOutcome = async (e: FormEvent) => {
    e.preventDefault();
    const typed = text.trim();
    if (!typed) return;
    setBusy(true);
    try {
      await sync.comment(card.id, `Outcome: ${typed}`);
      setText("");
      setWriting(null);
      toast.show({ message: `Outcome added to “${label}”.`, tone: "success" });
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  /** Make the new card (shown at once) and open it in its editor, to finish it in place. */
  const draft = async (data: Partial<Card>, what: string) => {
    setBusy(true);
    try {
      const made = await sync.createCard(data, viewer.author);
      toast.show({ message: `${what} from “${label}”: finish it in the editor.`, tone: "success" });
      actions.edit(made);
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const text0 = card.kind === "observation" ? card.text ?? "" : card.title ?? "";
  return (
    <span className="ws-outcomes" role="group" aria-label={`Outcomes of ${label}`}>
      <button type="button" className="button small" disabled={busy} aria-haspopup="dialog" onClick={(e) => setWriting(e.currentTarget)}>
        Add outcome
      </button>
      {card.kind === "observation" && (
        <button type="button" className="button small" disabled={busy}
                onClick={() => draft({ kind: "story", title: short(text0), evidence: [card.id] }, "A story citing it was drafted")}>
          Turn into story
        </button>
      )}
      {card.kind !== "experiment" && (
        <button type="button" className="button small" disabled={busy}
                onClick={() => draft({ kind: "experiment", title: short(`Test: ${text0}`), ...(card.kind === "story" ? { evidence: [card.id] } : {}) },
                                     "A draft experiment was made")}>
          Draft experiment
        </button>
      )}
      {writing && (
        <Popover anchor={writing} onClose={() => setWriting(null)} label={`Outcome of ${label}`} width={300}>
          <form className="ws-outcome-form" onSubmit={addOutcome}>
            <label htmlFor={`outcome-${card.id}`}>What did the group decide or learn?</label>
            <textarea id={`outcome-${card.id}`} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={4000}
                      onKeyDown={(e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); e.currentTarget.form?.requestSubmit(); } }} />
            <div className="ws-outcome-actions">
              <span className="muted tiny">Saved as a comment on the card</span>
              <button type="submit" className="button small primary" disabled={busy || !text.trim()}>Add</button>
            </div>
          </form>
        </Popover>
      )}
    </span>
  );
}
