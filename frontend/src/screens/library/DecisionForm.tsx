// A buyer member's answer to a library proposal: approve, or decline with a reason (it goes to the proposer).
import { useState } from "react";
import { ApiError, errorMessage, post } from "../../api";
import { useToast } from "../../components/Toasts";
import type { LibraryProposal } from "../../libraryTypes";

export function DecisionForm({ proposal, canDecide, onDecided }: { proposal: LibraryProposal; canDecide: boolean; onDecided(): void }) {
  const toast = useToast();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `decide-${proposal.id}`;
  const why = canDecide ? null : "Viewers read proposals but do not decide them.";

  async function decide(approve: boolean) {
    setError(null);
    if (!approve && !comment.trim()) return setError("Say why it may not be shared: the reason goes to the proposer.");
    setBusy(true);
    try {
      await post(`/library-proposals/${proposal.id}/decision`, { approve, comment: comment.trim() });
      toast.show({ message: approve ? `“${proposal.title}” is in the library now.` : `Declined “${proposal.title}”: it stays in this engagement.`, tone: "success" });
      onDecided();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
      if (err instanceof ApiError && err.status === 409) onDecided(); // someone else decided meanwhile: show it
    }
  }

  return (
    <div className="decision-form" role="group" aria-label={`Decide “${proposal.title}”`}>
      <label className="field compact"><span>Comment</span>
        <textarea id={`${base}-comment`} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} disabled={!!why || busy}
                  placeholder="Why — required to decline" maxLength={2000} />
      </label>
      {error && <p className="form-error" role="alert">{error}</p>}
      {why && <p className="why-disabled" id={`${base}-why`}>{why}</p>}
      <div className="form-actions">
        <button type="button" className="button danger-outline" disabled={!!why || busy} onClick={() => decide(false)}
                aria-describedby={why ? `${base}-why` : undefined}>Decline</button>
        <button type="button" className="button side-button side-buyer" disabled={!!why || busy} onClick={() => decide(true)}
                aria-describedby={why ? `${base}-why` : undefined}>Approve for the library</button>
      </div>
    </div>
  );
}
