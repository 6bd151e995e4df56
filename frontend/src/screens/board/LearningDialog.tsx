// The learning card of a concluded experiment (observed, learned, decision): shown on the card face
// and in the drawer, and asked for before an experiment may conclude.
import { useState, type FormEvent } from "react";
import { Dialog } from "../../components/Dialog";
import { Bulb } from "../../components/Icons";
import { SocketError } from "../../realtime";
import { shortDate } from "../../lib/format";
import { showNumber } from "../../lib/numbers";
import type { Card, Decision, Kpi } from "../../types";
import { DECISIONS } from "./cardMeta";
import { strip } from "./CardView";

export interface Learning {
  observed: string;
  learned: string;
  decision: Decision;
  /** the KPI measurement that decided it, if one did */
  measurement_id: string | null;
}

/** Every measurement of the board's KPIs, latest first, labelled for choosing one. */
function measurementChoices(kpis: Kpi[]): { id: string; label: string; at: string }[] {
  return kpis.flatMap((k) => k.measurements.map((m) => ({
    id: m.id, at: m.measured_at ?? "",
    label: `${k.name}: ${showNumber(m.value)}${k.unit ? ` ${k.unit}` : ""} (${shortDate(m.measured_at)})`,
  }))).sort((a, b) => b.at.localeCompare(a.at));
}

const DECISION_HELP: Record<Decision, string> = {
  persevere: "Keep going as planned",
  pivot: "Change course, test something else",
  stop: "Stop: it does not work",
  scale: "Roll it out more widely",
};

/** The learning card; `full` shows every line unclamped (the drawer); `kpis` name the measurement it cites. */
export function LearningCard({ card, full, kpis }: { card: Card; full?: boolean; kpis?: Kpi[] }) {
  if (!card.observed && !card.learned && !card.decision) return null;
  const cited = card.measurement_id ? measurementChoices(kpis ?? []).find((m) => m.id === card.measurement_id) : undefined;
  return (
    <div className={`learning ${full ? "learning-full" : ""}`} aria-label="Learning card" role="group">
      <span className="line-label"><Bulb size={12} /> Learning card</span>
      {card.observed && <p><span className="line-label">Observed</span> {card.observed}</p>}
      {card.learned && <p><span className="line-label">Learned</span> {card.learned}</p>}
      {card.measurement_id && <p><span className="line-label">Decided by</span> {cited ? cited.label : "a KPI measurement"}</p>}
      {card.decision && <span className={`decision decision-${card.decision}`}>Decision: {card.decision}</span>}
      {card.published && <span className="published">In sponsor report</span>}
    </div>
  );
}

/** Asked when an experiment is concluded without its learning; the server's answer is shown field by field. */
export function LearningDialog({ card, initial, kpis, onSubmit, onCancel }: {
  card: Card; initial?: Partial<Learning>; kpis: Kpi[]; onSubmit(learning: Learning): Promise<void>; onCancel(): void;
}) {
  const choices = measurementChoices(kpis);
  const [measurement, setMeasurement] = useState(initial?.measurement_id ?? card.measurement_id ?? "");
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
      await onSubmit({ observed: observed.trim(), learned: learned.trim(), decision: decision as Decision,
                       measurement_id: measurement || null });
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
        {choices.length > 0 && (
          <label className="field"><span>Measurement that decided it (optional)</span>
            <select value={measurement} onChange={(e) => setMeasurement(e.target.value)} aria-invalid={!!errors.measurement_id}>
              <option value="">None</option>
              {choices.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
            </select>
            {errors.measurement_id && <small className="field-error">{errors.measurement_id}</small>}
          </label>
        )}
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
