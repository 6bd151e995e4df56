// The facilitator's template picker: the engagement's workshop templates with their steps, start one, save
// the steps shown as a new template (a running workshop's, or the chosen template's), delete one's own.
import { useEffect, useId, useState, type FormEvent } from "react";
import { Dialog } from "../../../components/Dialog";
import { formatDuration, PHASE_NAME } from "../../../lib/workshop";
import type { TemplateStep, WorkshopStep } from "../../../workshopTypes";
import { useWorkshopContext } from "./useWorkshop";

/** "Reflect · Group · Vote · Discuss", and how long the timed steps take. */
function outline(steps: WorkshopStep[]): string {
  const seconds = steps.reduce((n, s) => n + (s.seconds ?? 0), 0);
  return steps.map((s) => PHASE_NAME[s.phase]).join(" · ") + (seconds ? ` · about ${formatDuration(seconds)}` : "");
}

export function StepList({ steps, current }: { steps: WorkshopStep[]; current?: number | null }) {
  return (
    <ol className="ws-step-list">
      {steps.map((s, i) => (
        <li key={i} aria-current={i === current ? "step" : undefined}>
          <strong>{PHASE_NAME[s.phase]}</strong>
          {s.prompt && <span> — {s.prompt}</span>}
          <span className="muted tiny"> · {s.seconds ? formatDuration(s.seconds) : "no timer"}</span>
        </li>
      ))}
    </ol>
  );
}

/** Pick a template and start it; or, while one runs (`running`), look at its steps and save them as a template. */
export function TemplateDialog({ onClose, running }: { onClose(): void; running?: { name: string; steps: WorkshopStep[] } }) {
  const ws = useWorkshopContext()!;
  const { templates, loadTemplates } = ws;
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const ids = useId();

  useEffect(() => {
    loadTemplates().then((list) => setChosen((c) => c ?? list?.[0]?.id ?? null));
  }, [loadTemplates]);

  const template = templates?.find((t) => t.id === chosen) ?? null;
  // a running workshop's steps as its template has them (with each vote's settings), when it is one of these
  const runningTemplate = running ? templates?.find((t) => t.id === ws.slice.template?.id) : undefined;
  const steps: TemplateStep[] = running ? runningTemplate?.steps ?? running.steps : template?.steps ?? [];
  const start = async () => {
    if (!template) return;
    setBusy(true);
    const started = await ws.startWorkshop(template.id);
    setBusy(false);
    if (started) onClose();
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setNameError("Give the template a name.");
      return;
    }
    setNameError(null);
    setBusy(true);
    const saved = await ws.saveTemplate(name.trim(), steps, running ? undefined : template?.description ?? undefined);
    setBusy(false);
    if (saved) {
      setName("");
      if (!running) setChosen(saved.id);
    }
  };

  return (
    <Dialog title={running ? `Workshop: ${running.name}` : "Start a workshop"} onClose={onClose} labelledBy={`${ids}-title`} wide>
      {!running && (
        <>
          <p className="muted">A template sets the steps — write privately, group, vote, discuss — with their prompts and timers. You move everyone from step to step.</p>
          {templates === null && <p role="status">Loading the templates…</p>}
          {templates?.length === 0 && <p>No templates yet.</p>}
          {templates && templates.length > 0 && (
            <fieldset className="ws-templates">
              <legend className="visually-hidden">Templates</legend>
              {templates.map((t) => (
                <label key={t.id} className={`ws-template ${t.id === chosen ? "chosen" : ""}`}>
                  <input type="radio" name={`${ids}-template`} value={t.id} checked={t.id === chosen} onChange={() => setChosen(t.id)} />
                  <span className="ws-template-text">
                    <span className="ws-template-name">{t.name}{!t.builtin && <span className="ws-own tiny"> · this engagement’s</span>}</span>
                    {t.description && <span className="muted tiny">{t.description}</span>}
                    <span className="tiny">{outline(t.steps)}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
        </>
      )}
      {(running || template) && (
        <section className="ws-template-steps" aria-labelledby={`${ids}-steps`}>
          <h3 id={`${ids}-steps`}>{running ? "Its steps" : `The steps of “${template!.name}”`}</h3>
          <StepList steps={steps} />
        </section>
      )}
      <form className="ws-save-template" onSubmit={save} noValidate>
        <label htmlFor={`${ids}-name`}>Save {running ? "these steps" : "the steps shown"} as a template</label>
        <div className="ws-save-row">
          <input id={`${ids}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder="Template name"
                 aria-invalid={!!nameError} aria-describedby={nameError ? `${ids}-name-error` : undefined} />
          <button type="submit" className="button" disabled={busy || steps.length === 0}>Save as template</button>
        </div>
        {nameError && <p id={`${ids}-name-error`} className="field-error" role="alert">{nameError}</p>}
      </form>
      <div className="dialog-actions">
        {!running && template && !template.builtin && (
          <button type="button" className="button ghost danger-outline" disabled={busy} onClick={() => ws.deleteTemplate(template).then(() => setChosen(null))}>
            Delete template
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="button ghost" onClick={onClose}>{running ? "Close" : "Cancel"}</button>
        {!running && <button type="button" className="button primary" disabled={busy || !template} onClick={start}>Start workshop</button>}
      </div>
    </Dialog>
  );
}
