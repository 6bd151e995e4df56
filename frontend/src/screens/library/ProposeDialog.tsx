// "Propose for the library": a provider member picks what of a concluded experiment's learning may travel
// to the provider's other engagements. Prefilled from the experiment; what stays here is shown beside it.
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import { ApiError, errorMessage, post } from "../../api";
import { Dialog } from "../../components/Dialog";
import { useToast } from "../../components/Toasts";
import { useEngagementDetail, useLoad } from "../../hooks";
import { Link, paths } from "../../router";
import type { LibraryProposal } from "../../libraryTypes";
import type { Card, MyEngagement } from "../../types";
import { DecisionChip } from "./EntryCard";
import { buyerMentions, parseTags } from "./libraryText";
export { proposable } from "./libraryText";
import "./library.css";
import { can } from "../../lib/capabilities";

export function ProposeDialog({ card, engagement, onClose, onProposed }: {
  card: Card; engagement: MyEngagement; onClose(): void; onProposed?(p: LibraryProposal): void;
}) {
  const toast = useToast();
  const { detail } = useEngagementDetail(engagement.id);
  const [title, setTitle] = useState(card.title ?? "");
  const [hypothesis, setHypothesis] = useState(card.hypothesis ?? "");
  const [learning, setLearning] = useState(card.learned ?? "");
  const [tags, setTags] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const { data: proposals, error: proposalsError } = useLoad<LibraryProposal[]>(`/engagements/${engagement.id}/library-proposals`);
  const already = proposals?.find((p) => p.card_id === card.id && p.status !== "declined");
  const buyerPeople = useMemo(() => (detail?.members ?? []).filter((m) => m.side === "buyer").map((m) => m.user.name), [detail]);
  const warnings = buyerMentions(`${title}\n${hypothesis}\n${learning}\n${tags}`, engagement.buyer_name, buyerPeople);
  const parsed = parseTags(tags);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (parsed.invalid.length) return setError(`Tags are 1–40 letters, digits, - or _: ${parsed.invalid.join(", ")}`);
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const p = await post<LibraryProposal>(`/cards/${card.id}/library-proposals`,
        { title: title.trim(), hypothesis: hypothesis.trim(), learning: learning.trim(), tags: parsed.tags });
      toast.show({ message: `Proposed “${p.title}”. A buyer member of ${engagement.buyer_name} decides whether it travels.`, tone: "success" });
      onProposed?.(p);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError && err.fields) setFieldErrors(err.fields);
      setBusy(false);
    }
  }

  const fieldError = (name: string) => fieldErrors[name]?.length
    ? <span className="field-error" role="alert">{fieldErrors[name].join(" ")}</span> : null;

  return (
    <Dialog title="Propose for the learning library" onClose={onClose} wide={!already} labelledBy="propose-title">
      {!proposals && !proposalsError ? <p className="muted" aria-busy="true">Loading…</p> : already ? (
        <>
          <p className="propose-intro">
            {already.status === "approved" ? <>“{already.title}” is in the library already, approved by {already.decided_by?.name}.</>
              : <>“{already.title}” was proposed by {already.proposed_by.name} and waits for a buyer member's decision.</>}
          </p>
          <div className="form-actions">
            <Link to={paths.library(engagement.id)} className="button" onClick={onClose}>Open the library</Link>
            <button type="button" className="button primary" onClick={onClose} autoFocus>OK</button>
          </div>
        </>
      ) : (
        <form className="propose" onSubmit={submit}>
          <p className="propose-intro">
            Once a buyer member of <strong>{engagement.buyer_name}</strong> approves, exactly these fields become
            visible to {engagement.provider_name}'s other engagements. Edit out anything of the buyer: people's names,
            the buyer's name, its figures and places.
          </p>
          <div className="propose-grid">
            <fieldset className="travels">
              <legend>What travels</legend>
              <label className="field compact"><span>Title</span>
                <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} autoFocus />
                {fieldError("title")}
              </label>
              <label className="field compact"><span>Hypothesis</span>
                <textarea rows={3} value={hypothesis} onChange={(e) => setHypothesis(e.target.value)} maxLength={5000} />
                {fieldError("hypothesis")}
              </label>
              <label className="field compact"><span>Learning</span>
                <textarea rows={4} value={learning} onChange={(e) => setLearning(e.target.value)} required maxLength={5000} />
                {fieldError("learning")}
              </label>
              <label className="field compact"><span>Tags (comma or space separated)</span>
                <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="collections, payday" />
                {fieldError("tags")}
              </label>
              <p className="travels-decision"><span className="line-label">Decision</span> <DecisionChip decision={card.decision} /> <span className="muted tiny">(travels as recorded)</span></p>
              {warnings.length > 0 && (
                <div className="propose-warning" role="status">
                  <strong>Check before proposing:</strong>
                  <ul>{warnings.map((w) => <li key={w}>{w}</li>)}</ul>
                </div>
              )}
            </fieldset>
            <aside className="stays" aria-label="What stays in this engagement">
              <h3>Stays in this engagement</h3>
              <dl>
                {card.observed && <Stay label="What was observed">{card.observed}</Stay>}
                {card.test && <Stay label="The test">{card.test}</Stay>}
                {card.metric && <Stay label="The measure">{card.metric}</Stay>}
                {card.criterion && <Stay label="Right if">{card.criterion}</Stay>}
              </dl>
              <p className="muted small">Never travels: observations, stories, comments, budgets, people, the initiative and the engagement itself.</p>
            </aside>
          </div>
          {error && <p className="form-error" role="alert">{error}</p>}
          <div className="form-actions">
            <button type="button" className="button ghost" onClick={onClose}>Cancel</button>
            <button type="submit" className="button side-button side-provider" disabled={busy || !title.trim() || !learning.trim()}>
              {busy ? "Proposing…" : "Propose to the buyer"}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function Stay({ label, children }: { label: string; children: ReactNode }) {
  return <><dt>{label}</dt><dd>{children}</dd></>;
}

/** For the board: `open(card)` shows the dialog (provider members only), `dialog` renders it. */
export function useProposeDialog(engagement: MyEngagement | undefined) {
  const [card, setCard] = useState<Card | null>(null);
  const allowed = can(engagement, "propose_learning");
  return {
    open: allowed ? setCard : undefined,
    dialog: card && engagement ? <ProposeDialog card={card} engagement={engagement} onClose={() => setCard(null)} /> : null,
  };
}
