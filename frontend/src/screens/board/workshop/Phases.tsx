// A phased workshop in the bar: the stepper (Reflect · Group · Vote · Discuss · End) and the current
// prompt for everyone; reflect's privacy note and waiting count; the discussion's topics; and the
// facilitator's "Next phase", with the scope of a vote chosen on the way into it.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Dialog } from "../../../components/Dialog";
import { cardLabel } from "../../../lib/format";
import { clusterList, nextStep, PHASE_NAME, scopeText } from "../../../lib/workshop";
import type { Card } from "../../../types";
import type { VoteScope, WorkshopTemplate } from "../../../workshopTypes";
import { KIND_LABEL } from "../cardMeta";
import { EndButton } from "./End";
import { Popover } from "./Popover";
import { TemplateDialog } from "./Templates";
import { useWorkshopContext } from "./useWorkshop";

type Lane = "observation" | "story" | "experiment";
const LANES: { kind: Lane; label: string }[] = [
  { kind: "observation", label: "Observations" }, { kind: "story", label: "Stories" }, { kind: "experiment", label: "Experiments" },
];

/** The steps, the current one marked; the facilitator can jump to any step. Then the prompt. */
export function PhaseStepper({ cards }: { cards: Card[] }) {
  const ws = useWorkshopContext()!;
  const { steps, step, prompt, template } = ws.slice;
  const [asking, setAsking] = useState<number | null>(null);
  const go = (i: number) => (steps[i].phase === "vote" ? setAsking(i) : ws.goToStep(i));
  return (
    <>
      <ol className="ws-stepper" aria-label={`Workshop steps${template ? ` of ${template.name}` : ""}`}>
        {steps.map((s, i) => {
          const state = step === null ? "todo" : i < step ? "done" : i === step ? "now" : "todo";
          const label = PHASE_NAME[s.phase];
          return (
            <li key={i} className={`ws-step ${state}`} aria-current={i === step ? "step" : undefined} data-of={`${i + 1}/${steps.length}`}>
              {ws.canFacilitate && i !== step ? (
                <button type="button" className="ws-step-button" onClick={() => go(i)} aria-label={`Go to step ${i + 1}: ${label}`}
                        title={s.prompt}>{label}</button>
              ) : <span className="ws-step-label" title={s.prompt}>{label}</span>}
            </li>
          );
        })}
        <li className="ws-step todo ws-step-end" data-of="">
          {ws.canFacilitate ? <EndButton className="ws-step-button">End</EndButton> : <span className="ws-step-label">End</span>}
        </li>
      </ol>
      {prompt && <p className="ws-prompt" title={prompt} data-testid="workshop-prompt"><span className="visually-hidden">Prompt: </span>{prompt}</p>}
      {asking !== null && <ScopeDialog step={asking} cards={cards} onClose={() => setAsking(null)} />}
    </>
  );
}

/** The facilitator's less frequent tools, out of the one row: the steps (save as a template), hiding authors, the timer's reset. */
export function WorkshopMenu() {
  const ws = useWorkshopContext()!;
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [showing, setShowing] = useState(false);
  const { template, steps, anonymous, timer } = ws.slice;
  if (!ws.canFacilitate) return null;
  const close = () => setOpen(false);
  return (
    <div className="ws-section ws-menu">
      <button ref={button} type="button" className="icon-button ws-more" aria-label="More workshop tools" aria-haspopup="menu" aria-expanded={open}
              onClick={() => setOpen(!open)}>⋯</button>
      {open && button.current && (
        <Popover anchor={button.current} onClose={close} label="Workshop tools" width={270}>
          <div role="menu" aria-label="Workshop tools">
            <button type="button" role="menuitem" className="ws-menu-item" onClick={() => { close(); setShowing(true); }}>
              Steps{template ? ` of “${template.name}”` : ""}; save as template…
            </button>
            <button type="button" role="menuitemcheckbox" aria-checked={anonymous} className="ws-menu-item"
                    onClick={() => { close(); ws.setAnonymous(!anonymous); }}>Hide authors</button>
            {timer.status !== "idle" && (
              <button type="button" role="menuitem" className="ws-menu-item" onClick={() => { close(); ws.timer("reset"); }}>Reset the timer</button>
            )}
          </div>
        </Popover>
      )}
      {showing && <TemplateDialog running={{ name: template?.name ?? "Workshop", steps }} onClose={() => setShowing(false)} />}
    </div>
  );
}

/** Reflect: members are told their cards stay theirs for now; the facilitator sees how many wait. */
export function ReflectSection() {
  const ws = useWorkshopContext()!;
  if (ws.slice.phase !== "reflect") return null;
  const n = ws.privateWaiting;
  return (
    <section className="ws-section ws-reflect" aria-label="Private writing">
      {ws.canFacilitate ? (
        <span className="ws-private-count" role="status" data-testid="private-waiting"
              title="Everyone sees only their own cards until the next step reveals them all">
          {n} private card{n === 1 ? "" : "s"} waiting
        </span>
      ) : ws.canWrite ? (
        <span className="ws-private-note" data-testid="private-note">Your cards stay private until the facilitator reveals them</span>
      ) : null}
    </section>
  );
}

/** Discuss: which topic of the agenda is on, and the facilitator's previous / next. */
export function TopicSection() {
  const ws = useWorkshopContext()!;
  const { phase, agenda, agenda_index: at } = ws.slice;
  if (phase !== "discuss") return null;
  if (!agenda.length) {
    return <section className="ws-section" aria-label="Topics"><span className="muted tiny">No card got a vote: nothing on the agenda.</span></section>;
  }
  const i = at ?? 0;
  return (
    <section className="ws-section ws-topics" aria-label="Topics">
      <span className="ws-stat" role="status" data-testid="topic">Topic {i + 1} of {agenda.length}</span>
      {ws.canFacilitate && (
        <>
          <button type="button" className="button small" disabled={i <= 0} onClick={() => ws.goToTopic(i - 1)}>Previous topic</button>
          <button type="button" className="button small" disabled={i >= agenda.length - 1} onClick={() => ws.goToTopic(i + 1)}>Next topic</button>
        </>
      )}
    </section>
  );
}

/** The facilitator's "Next phase" (into a vote by way of its scope); after the last step, End workshop does the rest. */
export function NextPhase({ cards }: { cards: Card[] }) {
  const ws = useWorkshopContext()!;
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!ws.canFacilitate || !ws.slice.phase) return null;
  const next = nextStep(ws.slice);
  if (next === null) return null;
  const step = ws.slice.steps[next];
  const go = async () => {
    if (step.phase === "vote") return setAsking(true);
    setBusy(true);
    await ws.goToStep(next);
    setBusy(false);
  };
  return (
    <div className="ws-section ws-next">
      <button type="button" className="button small primary" onClick={go} disabled={busy}
              title={`Next: ${PHASE_NAME[step.phase]}${step.prompt ? ` — ${step.prompt}` : ""}`}>
        Next phase<span className="visually-hidden">: {PHASE_NAME[step.phase]}</span>
      </button>
      {asking && <ScopeDialog step={next} cards={cards} onClose={() => setAsking(false)} />}
    </div>
  );
}

type Choice = "default" | "all" | "lane" | "cluster" | "cards";

/** The vote step's default scope, as the template says (its `kind`), if the template is known. */
function templateKind(templates: WorkshopTemplate[] | null, id: string | undefined, step: number): Lane | undefined {
  return templates?.find((t) => t.id === id)?.steps[step]?.kind;
}

/** Before a vote opens: what it covers (a lane, a cluster, chosen cards, or all), the template's choice first. */
function ScopeDialog({ step, cards, onClose }: { step: number; cards: Card[]; onClose(): void }) {
  const ws = useWorkshopContext()!;
  const ids = useId();
  const clusters = clusterList(ws.slice.clusters);
  const kind = templateKind(ws.templates, ws.slice.template?.id, step);
  const [choice, setChoice] = useState<Choice>("default");
  const [lane, setLane] = useState<Lane>(kind ?? "observation");
  const [cluster, setCluster] = useState(clusters[0]?.id ?? "");
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { templates, loadTemplates } = ws;
  useEffect(() => { if (!templates) loadTemplates(); }, [templates, loadTemplates]);

  const votable = cards.filter((c) => !c.id.startsWith("tmp-") && !c.private);
  const scope = (): VoteScope | undefined => {
    switch (choice) {
      case "default": return undefined;
      case "all": return {}; // every card, even when the step names a lane (null would be the step's own)
      case "lane": return { kind: lane };
      case "cluster": return { cluster_id: cluster };
      case "cards": return { card_ids: chosen };
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (choice === "cards" && !chosen.length) return setError("Choose at least one card.");
    if (choice === "cluster" && !cluster) return setError("Choose a cluster.");
    setError(null);
    setBusy(true);
    const moved = await ws.goToStep(step, scope());
    setBusy(false);
    if (moved) onClose();
  };
  const option = (value: Choice, label: string, disabled = false) => (
    <label className={`ws-scope-option ${disabled ? "disabled" : ""}`}>
      <input type="radio" name={`${ids}-scope`} value={value} checked={choice === value} disabled={disabled} onChange={() => setChoice(value)} />
      {label}
    </label>
  );
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  return (
    <Dialog title="What does the vote cover?" onClose={onClose} labelledBy={`${ids}-title`}>
      <form onSubmit={submit} className="ws-scope" noValidate>
        <fieldset>
          <legend className="visually-hidden">Cards in the vote</legend>
          {option("default", kind ? `As the template says: ${scopeText({ kind }, ws.slice.clusters)}` : "As the template says")}
          {option("all", "Every card on the board")}
          {option("lane", "One lane")}
          {choice === "lane" && (
            <select aria-label="Lane" value={lane} onChange={(e) => setLane(e.target.value as Lane)} className="ws-scope-detail">
              {LANES.map((l) => <option key={l.kind} value={l.kind}>{l.label}</option>)}
            </select>
          )}
          {option("cluster", clusters.length ? "One cluster" : "One cluster (there is none yet)", !clusters.length)}
          {choice === "cluster" && (
            <select aria-label="Cluster" value={cluster} onChange={(e) => setCluster(e.target.value)} className="ws-scope-detail">
              {clusters.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </select>
          )}
          {option("cards", "Cards I choose")}
          {choice === "cards" && (
            <fieldset className="ws-scope-cards ws-scope-detail">
              <legend>Choose the cards ({chosen.length} chosen)</legend>
              {votable.map((c) => (
                <label key={c.id}>
                  <input type="checkbox" checked={chosen.includes(c.id)} onChange={() => toggle(c.id)} />
                  <span>{cardLabel(c)}</span> <span className="muted tiny">{KIND_LABEL[c.kind]}</span>
                </label>
              ))}
            </fieldset>
          )}
        </fieldset>
        {error && <p className="field-error" role="alert">{error}</p>}
        <div className="dialog-actions">
          <span className="spacer" />
          <button type="button" className="button ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="button primary" disabled={busy}>Start the vote</button>
        </div>
      </form>
    </Dialog>
  );
}
