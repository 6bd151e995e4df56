// "Start an experiment from this": pick one of my initiatives; the server starts a draft experiment there,
// inspired by the learning, and the board opens on it.
import { useState, type FormEvent } from "react";
import { errorMessage, post } from "../../api";
import { Dialog } from "../../components/Dialog";
import { useToast } from "../../components/Toasts";
import type { LibraryEntry } from "../../libraryTypes";
import { navigate, paths } from "../../router";
import type { Card, Initiative } from "../../types";
import { STATUS_LABEL } from "../Initiatives";

export function ReuseDialog({ entry, initiatives, onClose }: { entry: LibraryEntry; initiatives: Initiative[]; onClose(): void }) {
  const toast = useToast();
  const open = initiatives.filter((i) => i.status !== "done" && i.status !== "parked");
  const [choice, setChoice] = useState((open[0] ?? initiatives[0])?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      const card = await post<Card>(`/library/${entry.id}/reuse`, { initiative_id: choice });
      const target = initiatives.find((i) => i.id === choice);
      toast.show({ message: `Draft experiment “${card.title}” started on “${target?.title ?? "the board"}”.`, tone: "success" });
      onClose();
      navigate(paths.board(choice, card.id));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Start an experiment from this learning" onClose={onClose} labelledBy="reuse-title">
      <form onSubmit={submit}>
        <p className="muted reuse-intro">
          A <strong>draft</strong> experiment titled “{entry.title}” starts on the board you pick, with the learning's
          hypothesis to rework for your context. It remembers which learning inspired it.
        </p>
        {initiatives.length === 0 ? (
          <p className="empty-state">This engagement has no initiative yet: create one first.</p>
        ) : (
          <fieldset className="reuse-choices">
            <legend>Initiative</legend>
            {initiatives.map((i) => (
              <label key={i.id} className={`reuse-choice ${choice === i.id ? "chosen" : ""}`}>
                <input type="radio" name="initiative" value={i.id} checked={choice === i.id} onChange={() => setChoice(i.id)} />
                <span className="reuse-choice-title">{i.title}</span>
                <span className={`status-chip status-${i.status}`}>{STATUS_LABEL[i.status] ?? i.status}</span>
              </label>
            ))}
          </fieldset>
        )}
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="form-actions">
          <button type="button" className="button ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="button primary" disabled={busy || !choice}>{busy ? "Starting…" : "Start draft experiment"}</button>
        </div>
      </form>
    </Dialog>
  );
}
