// The workshop bar under the board's header: timer, dot voting (counts only until the reveal, then the
// ranking), and anonymity. Everyone sees what is running; only facilitators get the controls.
import { useState, type FormEvent } from "react";
import { Close, Eye } from "../../../components/Icons";
import { peopleText, scopeText, votesText } from "../../../lib/workshop";
import type { Card } from "../../../types";
import { KIND_LABEL } from "../cardMeta";
import { EndSection } from "./End";
import { NextPhase, PhaseStepper, ReflectSection, TopicSection, WorkshopMenu } from "./Phases";
import { TemplateDialog } from "./Templates";
import { TimerSection } from "./Timer";
import { useWorkshopContext } from "./useWorkshop";
import "./workshop.css";

/** Scroll a card into view and put the keyboard on it. */
export function revealCard(id: string, focus = true) {
  const el = document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(id)}"]`);
  if (!el) return false;
  const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  el.scrollIntoView({ block: "nearest", inline: "nearest", behavior: smooth ? "smooth" : "auto" });
  if (focus) el.querySelector<HTMLElement>(".card-body")?.focus({ preventScroll: true });
  return true;
}

/** The workshop under the board's header: one compact row (it wraps only on narrow screens). */
export function WorkshopBar({ cards }: { cards: Card[] }) {
  const ws = useWorkshopContext();
  if (!ws) return null;
  const { timer, round, anonymous, phase } = ws.slice;
  const active = phase !== null || timer.status !== "idle" || round?.status === "open" || (round?.status === "revealed" && ws.resultsShown) ||
    anonymous;
  if (!active && !ws.canFacilitate) return null;
  if (phase) {
    return (
      <div className="ws-bar-wrap">
        <div className={`ws-bar ws-phased phase-${phase}`} role="region" aria-label="Workshop">
          <PhaseStepper cards={cards} />
          <TimerSection compact />
          <ReflectSection />
          {round && (phase === "vote" || phase === "discuss" || round.status === "open") ? <VotingSection phased /> : null}
          <TopicSection />
          <AnonymitySection phased />
          <NextPhase cards={cards} />
          <WorkshopMenu />
        </div>
      </div>
    );
  }
  return (
    <div className="ws-bar-wrap">
      <div className="ws-bar" role="region" aria-label="Workshop">
        {ws.canFacilitate ? <StartSection /> : <span className="ws-badge" aria-hidden="true">Workshop</span>}
        <TimerSection />
        <VotingSection />
        <AnonymitySection />
        <EndSection />
      </div>
    </div>
  );
}

/** The facilitator's way into a phased workshop: the template picker. */
function StartSection() {
  const ws = useWorkshopContext()!;
  const [open, setOpen] = useState(false);
  if (!ws.canFacilitate) return null;
  return (
    <div className="ws-section ws-start">
      <button type="button" className="button small primary" aria-haspopup="dialog" onClick={() => setOpen(true)}>Start workshop</button>
      {open && <TemplateDialog onClose={() => setOpen(false)} />}
    </div>
  );
}

/** Dot voting: counts while open (what it covers, in a phased workshop), my dots left, the reveal; the results after. */
function VotingSection({ phased }: { phased?: boolean }) {
  const ws = useWorkshopContext()!;
  const { round } = ws.slice;
  const [dots, setDots] = useState("3");
  const perPerson = Math.round(Number(dots));
  const valid = perPerson >= 1 && perPerson <= 20;
  const [busy, setBusy] = useState(false);
  const open = round?.status === "open";
  const revealed = round?.status === "revealed";
  if (!open && !(revealed && ws.resultsShown) && !ws.canFacilitate) return null;
  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    await ws.startRound(perPerson);
    setBusy(false);
  };
  const counts = round ? `${votesText(round.votes_cast)} from ${peopleText(round.voters)}` : "";
  if (phased && revealed) { // the discussion walks the ranking: it stays one click away
    return (
      <section className="ws-section ws-voting" aria-label="Dot voting">
        <button type="button" className="button small ghost" aria-expanded={ws.rankingOpen} onClick={() => ws.openRanking(!ws.rankingOpen)}>
          {ws.rankingOpen ? "Hide ranking" : "Ranking"}
        </button>
      </section>
    );
  }
  if (phased && open) { // the stepper says it is the vote, and the next phase reveals it: counts, scope and my dots
    return (
      <section className="ws-section ws-voting" aria-label="Dot voting">
        <span className="ws-stat" role="status" data-testid="vote-counts">{counts}</span>
        <span className="ws-scope-chip tiny" title={`Hidden until the reveal; ${round.votes_per_person} votes each`} data-testid="vote-scope">
          on {scopeText(round.scope, ws.slice.clusters)}
        </span>
        {ws.canWrite && <VotesLeft />}
      </section>
    );
  }
  return (
    <section className="ws-section ws-voting" aria-label="Dot voting">
      {open && (
        <>
          <span className="ws-label">Dot voting</span>
          <span className="ws-stat" role="status" data-testid="vote-counts">{counts}</span>
          <span className="muted tiny" title="Nobody sees which cards got votes until the facilitator reveals them">
            {round.votes_per_person} each{round.scope ? ` · ${scopeText(round.scope, ws.slice.clusters)}` : ""} · hidden
          </span>
          {ws.canWrite && <VotesLeft />}
          {ws.canFacilitate && <button type="button" className="button small primary" onClick={() => ws.reveal()}>Reveal votes</button>}
        </>
      )}
      {revealed && ws.resultsShown && (
        <>
          <span className="ws-label">Results</span>
          <span className="ws-stat">{counts}</span>
          <button type="button" className="button small" aria-expanded={ws.rankingOpen} onClick={() => ws.openRanking(!ws.rankingOpen)}>
            {ws.rankingOpen ? "Hide ranking" : "Ranking"}
          </button>
          <button type="button" className="button small ghost" onClick={() => ws.showResults(false)}>Clear from cards</button>
        </>
      )}
      {ws.canFacilitate && !open && !phased && (
        <form className="ws-controls" onSubmit={start} aria-label="Start dot voting">
          {!(revealed && ws.resultsShown) && <span className="ws-label">Dot voting</span>}
          <label className="ws-dots-input">
            <input type="number" min={1} max={20} value={dots} onChange={(e) => setDots(e.target.value)} aria-label="Votes per person"
                   aria-invalid={!valid} title="1 to 20 votes per person" />
            <span>votes each</span>
          </label>
          <button type="submit" className="button small" disabled={busy || !valid}>{revealed ? "New round" : "Start voting"}</button>
        </form>
      )}
      {revealed && !ws.resultsShown && (
        <button type="button" className="button small ghost" onClick={() => ws.showResults(true)}>Show the last results</button>
      )}
    </section>
  );
}

/** My dots of the open round: used and left. */
function VotesLeft() {
  const ws = useWorkshopContext()!;
  const per = ws.slice.round?.votes_per_person ?? 0;
  return (
    <span className="ws-left" aria-label={`You have ${ws.votesLeft} of ${per} votes left`} data-testid="votes-left">
      <span className="ws-dots" aria-hidden="true">
        {Array.from({ length: per }, (_, i) => <span key={i} className={`ws-dot ${i < ws.votesLeft ? "" : "used"}`} />)}
      </span>
      {ws.votesLeft} left
    </span>
  );
}

function AnonymitySection({ phased }: { phased?: boolean }) {
  const ws = useWorkshopContext()!;
  const { anonymous } = ws.slice;
  if (!ws.canFacilitate || phased) { // in a phased workshop the facilitator's switch is in the tools menu
    return anonymous ? (
      <section className="ws-section" aria-label="Anonymity">
        <span className="ws-anon-chip" title="Cards show only buyer or provider"><Eye size={14} /> Authors hidden{phased ? "" : " — cards show only buyer or provider"}</span>
      </section>
    ) : null;
  }
  return (
    <section className="ws-section" aria-label="Anonymity">
      <button type="button" role="switch" aria-checked={anonymous} className={`ws-switch ${anonymous ? "on" : ""}`}
              onClick={() => ws.setAnonymous(!anonymous)} title="Hide who wrote each card; the side (buyer or provider) still shows">
        <span className="ws-switch-track" aria-hidden="true"><span /></span>
        Hide authors
      </button>
    </section>
  );
}

/** The revealed round's cards, best first; each row jumps to its card. */
export function Ranking({ cards }: { cards: Record<string, Card> }) {
  const ws = useWorkshopContext();
  if (!ws?.rankingOpen || ws.slice.round?.status !== "revealed") return null;
  const results = ws.slice.round?.results ?? [];
  return (
    <section className="ws-ranking" aria-labelledby="ws-ranking-title" onKeyDown={(e) => e.key === "Escape" && ws.openRanking(false)}>
      <header>
        <h2 id="ws-ranking-title">Ranking</h2>
        <span className="muted tiny">{votesText(ws.slice.round?.votes_cast ?? 0)} from {peopleText(ws.slice.round?.voters ?? 0)}</span>
        <button type="button" className="icon-button" aria-label="Close the ranking" onClick={() => ws.openRanking(false)}><Close size={14} /></button>
      </header>
      {results.length === 0 && <p className="muted">Nobody voted in this round.</p>}
      <ol>
        {results.map((r) => {
          const card = cards[r.card_id];
          return (
            <li key={r.card_id}>
              <button type="button" className={`ws-rank-row ${card ? `side-${card.side}` : ""}`} disabled={!card}
                      onClick={() => revealCard(r.card_id)} aria-label={`Rank ${r.rank}, ${votesText(r.votes)}: ${card ? ws.cardName(r.card_id) : "a deleted card"}. Go to the card`}>
                <span className={`ws-rank rank-${Math.min(r.rank, 4)}`}>#{r.rank}</span>
                <span className="ws-rank-text">
                  <span className="ws-rank-title">{card ? ws.cardName(r.card_id) : "(deleted card)"}</span>
                  {card && <span className="muted tiny">{KIND_LABEL[card.kind]}</span>}
                </span>
                <span className="ws-rank-votes">{votesText(r.votes)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
