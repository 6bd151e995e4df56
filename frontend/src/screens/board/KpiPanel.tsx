// The board's KPI panel: each KPI as baseline → current → target with a sparkline of its measurements,
// both sides' agreement, and for members who can write: recording a measurement, adding, editing and
// deleting KPIs. Numbers are read the way the browser's locale writes them (lib/numbers.ts).
import { useState, type FormEvent } from "react";
import { del, errorMessage, patch, post } from "../../api";
import { Dialog } from "../../components/Dialog";
import { Check } from "../../components/Icons";
import { Sparkline } from "../../components/Sparkline";
import { useToast } from "../../components/Toasts";
import { can } from "../../lib/capabilities";
import { cardLabel, shortDate } from "../../lib/format";
import { formatNumber, NumberInputError, readNumbers, showNumber } from "../../lib/numbers";
import type { BoardSync } from "../../realtime";
import type { Agreement, Card, Kpi, MyEngagement } from "../../types";

const WITHDRAWS = "Saving a change to a KPI withdraws both sides' agreement: both sides agree again.";

export function KpiPanel({ sync, agreement, engagement, experiments }: {
  sync: BoardSync; agreement: Agreement | undefined; engagement: MyEngagement; experiments: Card[];
}) {
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const canWrite = can(engagement, "write");
  const mySide = engagement.side;
  if (!agreement) return <section className="side-panel" aria-busy="true"><h2>KPIs</h2></section>;
  const mine = agreement[mySide];
  async function agree() {
    setBusy(true);
    try {
      sync.patchExtras({ kpis: await post<Agreement>(`/initiatives/${sync.initiative}/kpis/agree`) });
      toast.show({ message: `You agreed the KPIs for the ${mySide} side.`, tone: "success" });
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="side-panel" aria-labelledby="kpi-title">
      <h2 id="kpi-title">KPIs</h2>
      <p className={`agreement-banner ${agreement.agreed ? "agreed" : ""}`}>
        {agreement.agreed ? <><Check size={14} /> Both sides agree on these measures.</> : "Both sides must agree on the same measures before an experiment runs."}
      </p>
      <div className="agreement-sides">
        {(["buyer", "provider"] as const).map((side) => {
          const a = agreement[side];
          return (
            <div key={side} className={`agreement-side side-${side} ${a ? "yes" : ""}`}>
              <span className="side-name">{side === "buyer" ? engagement.buyer_name : engagement.provider_name}</span>
              {a ? <span className="agreed-by"><Check size={13} /> Agreed by {a.user.name}</span> : <span className="muted small">Not agreed yet</span>}
            </div>
          );
        })}
      </div>
      {canWrite && !mine && (
        <button type="button" className={`button small side-button side-${mySide}`} disabled={busy || agreement.kpis.length === 0} onClick={agree}>
          Agree for the {mySide} side
        </button>
      )}
      <ul className="kpi-list">
        {agreement.kpis.map((k) => <KpiRow key={k.id} kpi={k} canWrite={canWrite} experiments={experiments} />)}
        {agreement.kpis.length === 0 && <li className="muted">No KPIs yet.</li>}
      </ul>
      {canWrite && (adding ? (
        <KpiForm submitLabel="Add KPI" note="Adding a KPI withdraws both sides' agreement." onDone={() => setAdding(false)}
                 save={(body) => post(`/initiatives/${sync.initiative}/kpis`, body)} />
      ) : (
        <button type="button" className="button ghost small" onClick={() => setAdding(true)}>Add KPI</button>
      ))}
    </section>
  );
}

function KpiRow({ kpi, canWrite, experiments }: { kpi: Kpi; canWrite: boolean; experiments: Card[] }) {
  const [mode, setMode] = useState<"view" | "record" | "edit" | "delete">("view");
  const unit = kpi.unit ? ` ${kpi.unit}` : "";
  const current = kpi.current;
  return (
    <li className="kpi" aria-label={`KPI ${kpi.name}`}>
      <span className="kpi-name">{kpi.name}</span>
      <span className="kpi-values">
        {showNumber(kpi.baseline)} → <strong className="kpi-current">{current ? showNumber(current.value) : "not measured"}</strong>
        {" → "}{showNumber(kpi.target)}{unit}
      </span>
      <span className="muted tiny">baseline → current → target{current ? ` · measured ${shortDate(current.measured_at)}` : ""}
        {kpi.measurement_count > 1 ? ` · ${kpi.measurement_count} measurements` : ""}</span>
      <Sparkline values={kpi.measurements.map((m) => m.value)} baseline={kpi.baseline} target={kpi.target}
                 label={`${kpi.name} over its last ${kpi.measurements.length} measurements`} />
      {canWrite && mode === "view" && (
        <div className="kpi-actions">
          <button type="button" className="button ghost small" onClick={() => setMode("record")} aria-label={`Record a value of ${kpi.name}`}>Record value</button>
          <button type="button" className="button ghost small" onClick={() => setMode("edit")} aria-label={`Edit ${kpi.name}`}>Edit</button>
          <button type="button" className="button ghost small danger-text" onClick={() => setMode("delete")} aria-label={`Delete ${kpi.name}`}>Delete</button>
        </div>
      )}
      {mode === "record" && <RecordMeasurement kpi={kpi} experiments={experiments} onDone={() => setMode("view")} />}
      {mode === "edit" && (
        <KpiForm kpi={kpi} submitLabel="Save KPI" note={WITHDRAWS} onDone={() => setMode("view")}
                 save={(body) => patch(`/kpis/${kpi.id}`, { ...body, version: kpi.version })} />
      )}
      {mode === "delete" && <DeleteKpi kpi={kpi} onDone={() => setMode("view")} />}
    </li>
  );
}

interface KpiBody { name: string; unit: string; baseline: number | null; target: number | null }

/** Add or edit a KPI: its numbers read by the locale, or refused naming the field. */
function KpiForm({ kpi, submitLabel, note, save, onDone }: {
  kpi?: Kpi; submitLabel: string; note: string; save(body: KpiBody): Promise<unknown>; onDone(): void;
}) {
  const [name, setName] = useState(kpi?.name ?? "");
  const [unit, setUnit] = useState(kpi?.unit ?? "");
  const [baseline, setBaseline] = useState(formatNumber(kpi?.baseline));
  const [target, setTarget] = useState(formatNumber(kpi?.target));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const numbers = readNumbers({
        baseline: { text: baseline, label: "Baseline", optional: true }, target: { text: target, label: "Target", optional: true },
      });
      setBusy(true);
      await save({ name, unit, ...numbers });
      onDone();
    } catch (err) {
      setError(err instanceof NumberInputError ? err.message : errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <form className="mini-form" onSubmit={submit} onKeyDown={(e) => e.key === "Escape" && onDone()} noValidate>
      <label className="field compact"><span>KPI name</span><input value={name} onChange={(e) => setName(e.target.value)} autoFocus required /></label>
      <div className="field-row tight">
        <label className="field compact"><span>Unit</span><input value={unit} onChange={(e) => setUnit(e.target.value)} /></label>
        <label className="field compact"><span>Baseline</span><input inputMode="decimal" value={baseline} onChange={(e) => setBaseline(e.target.value)} /></label>
        <label className="field compact"><span>Target</span><input inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} /></label>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <p className="muted tiny">{note}</p>
      <div className="editor-actions">
        <button type="button" className="button ghost small" onClick={onDone}>Cancel</button>
        <button type="submit" className="button primary small" disabled={busy || !name.trim()}>{submitLabel}</button>
      </div>
    </form>
  );
}

/** Record a measured value: now, or on a past day; optionally during one of the board's experiments. */
function RecordMeasurement({ kpi, experiments, onDone }: { kpi: Kpi; experiments: Card[]; onDone(): void }) {
  const toast = useToast();
  const [value, setValue] = useState("");
  const [day, setDay] = useState("");
  const [note, setNote] = useState("");
  const [experiment, setExperiment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = new Date().toLocaleDateString("en-CA"); // YYYY-MM-DD, the browser's day
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const { value: number } = readNumbers({ value: { text: value, label: "Value" } });
      setBusy(true);
      await post(`/kpis/${kpi.id}/measurements`, {
        value: number, note, experiment_id: experiment || null,
        ...(day && day !== today ? { measured_at: new Date(`${day}T12:00:00`).toISOString() } : {}),
      });
      toast.show({ message: `Recorded ${kpi.name}: ${showNumber(number)}${kpi.unit ? ` ${kpi.unit}` : ""}.`, tone: "success" });
      onDone();
    } catch (err) {
      setError(err instanceof NumberInputError ? err.message : errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <form className="mini-form" onSubmit={submit} onKeyDown={(e) => e.key === "Escape" && onDone()} noValidate
          aria-label={`Record a value of ${kpi.name}`}>
      <div className="field-row tight">
        <label className="field compact"><span>Value{kpi.unit ? ` (${kpi.unit})` : ""}</span>
          <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} autoFocus required /></label>
        <label className="field compact"><span>Measured on</span>
          <input type="date" value={day} max={today} onChange={(e) => setDay(e.target.value)} /></label>
      </div>
      <label className="field compact"><span>Note (optional)</span><input value={note} onChange={(e) => setNote(e.target.value)} /></label>
      {experiments.length > 0 && (
        <label className="field compact"><span>During experiment (optional)</span>
          <select value={experiment} onChange={(e) => setExperiment(e.target.value)}>
            <option value="">None</option>
            {experiments.map((c) => <option key={c.id} value={c.id}>{cardLabel(c)}</option>)}
          </select>
        </label>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="editor-actions">
        <button type="button" className="button ghost small" onClick={onDone}>Cancel</button>
        <button type="submit" className="button primary small" disabled={busy || !value.trim()}>Record</button>
      </div>
    </form>
  );
}

function DeleteKpi({ kpi, onDone }: { kpi: Kpi; onDone(): void }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    try {
      await del(`/kpis/${kpi.id}`);
      toast.show({ message: `Deleted the KPI “${kpi.name}”.`, tone: "success" });
      onDone();
    } catch (err) {
      toast.error(errorMessage(err));
      setBusy(false);
    }
  }
  const n = kpi.measurement_count;
  return (
    <Dialog title={`Delete the KPI “${kpi.name}”?`} onClose={onDone} labelledBy="delete-kpi-title">
      <p>{n ? `Its ${n} measurement${n === 1 ? "" : "s"} go with it, and learnings citing one cite none. ` : ""}
        Deleting a KPI withdraws both sides' agreement: both sides agree again. This cannot be undone.</p>
      <div className="dialog-actions">
        <span className="spacer" />
        <button type="button" className="button ghost" onClick={onDone}>Cancel</button>
        <button type="button" className="button danger-outline" disabled={busy} onClick={confirm}>Delete KPI</button>
      </div>
    </Dialog>
  );
}
