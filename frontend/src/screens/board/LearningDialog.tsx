// The learning card of a concluded experiment (observed, learned, decision): shown on the card face
// and in the drawer, and asked for before an experiment may conclude.
import { useState, type FormEvent } from "react";
import { Dialog } from "../../components/Dialog";
import { Bulb } from "../../components/Icons";
import { SocketError } from "../../realtime";
import type { Card, Decision } from "../../types";
import { DECISIONS } from "./cardMeta";
import { strip } from "./CardView";

export interface Learning {
  observed: string;
  learned: string;
  decision: Decision;
}

const DECISION_HELP: Record<Decision, string> = {
  persevere: "Keep going as planned",
  pivot: "Change course, test something else",
  stop: "Stop: it does not work",
  scale: "Roll it out more widely",
};

/** The learning card; `full` shows every line unclamped (the drawer). */
export function LearningCard({ card, full }: { card: Card; full?: boolean }) {
  if (!card.observed && !card.learned && !card.decision) return null;
  return (
    <div className={`learning ${full ? "learning-full" : ""}`} aria-label="Learning card" role="group">
      <span className="line-label"><Bulb size={12} /> Learning card</span>
      {card.observed && <p><span className="line-label">Observed</span> {card.observed}</p>}
      {card.learned && <p><span className="line-label">Learned</span> {card.learned}</p>}
      {card.decision && <span className={`decision decision-${card.decision}`}>Decision: {card.decision}</span>}
      {card.published && <span className="published">In sponsor report</span>}
    </div>
  );
}

/** Asked when an experiment is concluded without its learning; the server's answer is shown field by field. */
export function LearningDialog({ card, initial, onSubmit, onCancel }: {
  card: Card; initial?: Partial<Learning>; onSubmit(learning: Learning): Promise<void>; onCancel(): void;
}) {
  const [observed, setObserved] = useState(initial?.observed ?? card.observed ?? "");
  const [learned, setLearned] = useState(initial?.learned ?? card.learned ?? "");
  const [decision, setDecision] = useState<Decision | "">(initial?.decision ?? card.decision ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!learned.trim()) missing.learned = "Say what you learned.";
    if (!decision) missing.decision = "Choose what happens next.";
    setErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      await onSubmit({ observed: observed.trim(), learned: learned.trim(), decision: decision as Decision });
    } catch (err) {
      if (err instanceof SocketError && err.fields) {
        setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.join(" ")])));
      }
      setFailure(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Record the learning to conclude" onClose={onCancel} labelledBy="learning-title">
      <form onSubmit={submit} className="learning-form" noValidate>
        <p className="muted">
          <strong>{card.title}</strong> moves to <em>Concluded</em> with its learning card: what you observed, what you learned,
          and what happens next.
        </p>
        {card.criterion && <p className="learning-criterion"><span className="line-label">Right if</span> {strip(card.criterion, "we are right if")}</p>}
        {failure && <p className="form-error" role="alert">{failure}</p>}
        <label className="field"><span>Observed</span>
          <textarea rows={2} value={observed} onChange={(e) => setObserved(e.target.value)} autoFocus
                    placeholder="What happened? The numbers, what people said." />
        </label>
        <label className="field"><span>Learned</span>
          <textarea rows={2} value={learned} onChange={(e) => setLearned(e.target.value)} aria-invalid={!!errors.learned}
                    aria-describedby={errors.learned ? "learned-error" : undefined} placeholder="So we learned that…" />
          {errors.learned && <small id="learned-error" className="field-error">{errors.learned}</small>}
        </label>
        <fieldset className="decision-choice" aria-describedby={errors.decision ? "decision-error" : undefined}>
          <legend>Decision</legend>
          {DECISIONS.map((d) => (
            <label key={d} className={`decision-option decision-${d} ${decision === d ? "on" : ""}`}>
              <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
              <span className="decision-name">{d[0].toUpperCase() + d.slice(1)}</span>
              <span className="muted tiny">{DECISION_HELP[d]}</span>
            </label>
          ))}
          {errors.decision && <small id="decision-error" className="field-error">{errors.decision}</small>}
        </fieldset>
        <div className="dialog-actions">
          <span className="spacer" />
          <button type="button" className="button ghost" onClick={onCancel}>Not yet</button>
          <button type="submit" className="button primary" disabled={busy}>{busy ? "Concluding…" : "Conclude experiment"}</button>
        </div>
      </form>
    </Dialog>
  );
}
