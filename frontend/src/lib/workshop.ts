// Workshop mode as the event log makes it (timer, focus, anonymity, the latest voting round, clusters),
// plus the pure helpers the board needs: the countdown on the server's clock, cluster grouping, wording.
import type { BoardEvent, LogEvent } from "../boardEvents";
import type { Card, Snapshot, UserBrief } from "../types";
import type { Cluster, PhaseState, TimerState, VoteResult, VoteScope, VotingRound, WorkshopState } from "../workshopTypes";
import { positionBetween } from "./positions";

/** What every member may know of the board's latest round (counts only until the reveal). */
export interface RoundSummary {
  id: string;
  votes_per_person: number;
  status: "open" | "revealed";
  votes_cast: number;
  voters: number;
  results: VoteResult[] | null;
  /** what the round covers (null: every card) */
  scope: VoteScope;
}

export interface WorkshopSlice extends PhaseState {
  timer: TimerState;
  focus_card_id: string | null;
  focus_by: UserBrief | null;
  anonymous: boolean;
  round: RoundSummary | null;
  clusters: Record<string, Cluster>;
}

export const IDLE_TIMER: TimerState = { status: "idle", ends_at: null, remaining_seconds: null, duration_seconds: null };

export const NO_PHASE: PhaseState = {
  phase: null, template: null, steps: [], step: null, prompt: null, agenda: [], agenda_index: null, private_cards: 0,
};

export const emptyWorkshop = (): WorkshopSlice => ({
  timer: IDLE_TIMER, focus_card_id: null, focus_by: null, anonymous: false, round: null, clusters: {}, ...NO_PHASE,
});

/** The phase fields of a workshop state (a server from before phases sends none: no phase). */
function phaseOf(s: Partial<WorkshopState>): PhaseState {
  return {
    phase: s.phase ?? null, template: s.template ?? null, steps: s.steps ?? [], step: s.step ?? null, prompt: s.prompt ?? null,
    agenda: s.agenda ?? [], agenda_index: s.agenda_index ?? null, private_cards: s.private_cards ?? 0,
  };
}

function summary(r: VotingRound): RoundSummary {
  return { id: r.id, votes_per_person: r.votes_per_person, status: r.status, votes_cast: r.votes_cast,
           voters: r.voters, results: r.results ?? null, scope: r.scope ?? null };
}

/** The workshop part of a join snapshot (older servers may send none of it). */
export function workshopFromSnapshot(snapshot: Snapshot): WorkshopSlice {
  const w = snapshot.workshop;
  const clusters: Record<string, Cluster> = {};
  for (const c of snapshot.clusters ?? []) clusters[c.id] = c;
  return {
    ...emptyWorkshop(),
    ...(w ? { timer: w.timer ?? IDLE_TIMER, focus_card_id: w.focus_card_id, focus_by: w.focus_by ?? null, anonymous: !!w.anonymous,
              ...phaseOf(w) } : {}),
    round: snapshot.voting_round ? summary(snapshot.voting_round) : null,
    clusters,
  };
}

/**
 * Apply one workshop event (the caller checked its seq). Answers `null` for an event that is not a
 * workshop one; `cards` changes only when a dissolved cluster lets go of its cards.
 */
export function applyWorkshopEvent(w: WorkshopSlice, cards: Record<string, Card>, event: LogEvent):
  { workshop: WorkshopSlice; cards: Record<string, Card> } | null {
  const same = (workshop: WorkshopSlice) => ({ workshop, cards });
  switch (event.type) {
    case "workshop.ended": // nothing stays: the timer, the focus, hidden authors, the round and its results, the phase
      return same({ ...w, timer: event.data.timer ?? IDLE_TIMER, focus_card_id: null, focus_by: null, anonymous: false, round: null, ...NO_PHASE });
    case "voting.started": {
      const r = event.data;
      return same({ ...w, round: { id: r.round_id, votes_per_person: r.votes_per_person, status: "open", votes_cast: r.votes_cast ?? 0,
                                   voters: r.voters ?? 0, results: null, scope: r.scope ?? null } });
    }
    case "vote.cast":
    case "vote.removed":
    case "voting.revealed": {
      const r = event.data;
      const round = w.round?.id === r.round_id ? w.round
        : { id: r.round_id, votes_per_person: r.votes_per_person, status: r.status, votes_cast: 0, voters: 0, results: null, scope: null };
      return same({ ...w, round: {
        ...round, status: r.status ?? round.status, votes_cast: r.votes_cast ?? round.votes_cast, voters: r.voters ?? round.voters,
        results: r.results ?? round.results, scope: r.scope !== undefined ? r.scope : round.scope,
      } });
    }
    case "cluster.created":
    case "cluster.updated": {
      const c = event.data;
      return same({ ...w, clusters: { ...w.clusters, [c.id]: c } });
    }
    case "cluster.deleted": {
      const id = event.data.id;
      const { [id]: _gone, ...clusters } = w.clusters;
      const next = { ...cards };
      for (const cardId of event.data.cards ?? []) {
        if (next[cardId]?.cluster_id === id) next[cardId] = { ...next[cardId], cluster_id: null };
      }
      for (const [cardId, c] of Object.entries(next)) if (c.cluster_id === id) next[cardId] = { ...c, cluster_id: null };
      return { workshop: { ...w, clusters }, cards: next };
    }
    default: {
      // every other workshop.* event (timer, focus, anonymity, a phase or topic moved) carries the whole state
      if (!event.type.startsWith("workshop.")) return null;
      const s = event.data as WorkshopState;
      const focusBy = s.focus_card_id
        ? (s.focus_by ?? (event.type !== "workshop.focus" && s.focus_card_id === w.focus_card_id ? w.focus_by : event.actor))
        : null;
      return same({ ...w, timer: s.timer ?? w.timer, focus_card_id: s.focus_card_id ?? null, focus_by: focusBy, anonymous: !!s.anonymous,
                    ...phaseOf(s) });
    }
  }
}

// ---- the shared timer, on the server's clock -------------------------------------------------------

/** An ISO time as epoch ms (a time without a zone is UTC, as the server means it). */
export function parseTime(iso: string | null | undefined): number {
  if (!iso) return NaN;
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : iso + "Z");
}

/** How far the server's clock is ahead of ours: its `server_time` against the middle of the round trip. */
export function clockOffset(serverTime: string, sentAt: number, receivedAt: number): number {
  const server = parseTime(serverTime);
  return Number.isNaN(server) ? 0 : server - (sentAt + receivedAt) / 2;
}

/** Milliseconds left at `serverNow` (our clock plus the offset); `null` when the timer is idle. */
export function remainingMs(timer: TimerState, serverNow: number): number | null {
  if (timer.status === "running") {
    const ends = parseTime(timer.ends_at);
    return Number.isNaN(ends) ? (timer.remaining_seconds ?? 0) * 1000 : Math.max(0, ends - serverNow);
  }
  if (timer.status === "paused") return Math.max(0, (timer.remaining_seconds ?? 0) * 1000);
  return null;
}

/** "4:05", "0:00", "1:02:03": whole seconds, rounded up so 0:00 shows only when time is up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** "5 min", "1 min 30 s", "45 s": a duration for buttons and the activity feed. */
export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (!m) return `${s} s`;
  return s ? `${m} min ${s} s` : `${m} min`;
}

// ---- clusters ----------------------------------------------------------------------------------------

/** Clusters oldest first: the order their groups show in each lane. */
export function clusterList(clusters: Record<string, Cluster>): Cluster[] {
  return Object.values(clusters).sort((a, b) => (a.created_at ?? "").localeCompare(b.created_at ?? "") || a.id.localeCompare(b.id));
}

/** The card's cluster, if that cluster still exists. */
export function clusterOf(card: Pick<Card, "cluster_id"> | undefined, clusters: Record<string, Cluster>): string | null {
  const id = card?.cluster_id;
  return id && clusters[id] ? id : null;
}

/** A lane's cards (already in lane order) with each cluster's cards grouped at the top, clusters oldest first. */
export function orderByCluster(cards: Card[], clusters: Record<string, Cluster>): Card[] {
  const order = new Map(clusterList(clusters).map((c, i) => [c.id, i]));
  const rank = (c: Card) => { const id = clusterOf(c, clusters); return id ? order.get(id)! : order.size; };
  return cards.map((c, i) => [c, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([c]) => c);
}

export interface Run<T> {
  cluster: Cluster | null;
  items: T[];
}

/** Consecutive cards of one cluster, to draw each group under its label. */
export function clusterRuns<T extends Pick<Card, "cluster_id">>(cards: T[], clusters: Record<string, Cluster>): Run<T>[] {
  const runs: Run<T>[] = [];
  for (const card of cards) {
    const id = clusterOf(card, clusters);
    const last = runs[runs.length - 1];
    if (last && (last.cluster?.id ?? null) === id) last.items.push(card);
    else runs.push({ cluster: id ? clusters[id] : null, items: [card] });
  }
  return runs;
}

/**
 * Where a card dropped in a lane lands: the cluster of the card it was dropped on (none when that card
 * is in none), and a lane position between its new neighbours within that group.
 * `ids` is the lane's display order after the move; `overId` the card it was dropped on, if any.
 */
export function clusterDrop(ids: string[], cardId: string, overId: string | null, byId: Record<string, Card>,
                            clusters: Record<string, Cluster>): { cluster_id: string | null; lane_position: number } {
  const cluster = overId && overId !== cardId && byId[overId] && ids.includes(overId)
    ? clusterOf(byId[overId], clusters) : clusterOf(byId[cardId], clusters);
  const group = ids.filter((id) => id === cardId || clusterOf(byId[id], clusters) === cluster);
  const at = group.indexOf(cardId);
  return { cluster_id: cluster, lane_position: positionBetween(byId[group[at - 1]]?.lane_position, byId[group[at + 1]]?.lane_position) };
}

const PALETTE = 8;

/** A colour slot (0–7) for a cluster, by its place among the board's clusters: neighbours never share one. */
export function clusterColour(id: string, clusters: Record<string, Cluster>): number {
  const at = clusterList(clusters).findIndex((c) => c.id === id);
  return (at < 0 ? 0 : at) % PALETTE;
}

// ---- voting and anonymity --------------------------------------------------------------------------

/** Whether a round over `scope` takes votes for `card` (the server refuses the others with a 422). */
export function inScope(card: Pick<Card, "id" | "kind" | "cluster_id">, scope: VoteScope | undefined): boolean {
  if (!scope) return true;
  if ("kind" in scope) return card.kind === scope.kind;
  if ("cluster_id" in scope) return (card.cluster_id ?? null) === scope.cluster_id;
  return "card_ids" in scope ? scope.card_ids.includes(card.id) : true;
}

const LANE_NAME = { observation: "observations", story: "stories", experiment: "experiments" } as const;

/** "the stories", "the cluster “Re-keying”", "3 chosen cards", "every card": what a round covers, in words. */
export function scopeText(scope: VoteScope | undefined, clusters: Record<string, Cluster>): string {
  if (!scope) return "every card";
  if ("kind" in scope) return `the ${LANE_NAME[scope.kind]}`;
  if ("cluster_id" in scope) return `the cluster “${clusters[scope.cluster_id]?.label ?? "(dissolved)"}”`;
  return "card_ids" in scope ? plural(scope.card_ids.length, "chosen card") : "every card";
}

// ---- phases --------------------------------------------------------------------------------------

export const PHASE_NAME = { reflect: "Reflect", group: "Group", vote: "Vote", discuss: "Discuss" } as const;

/** The step after the current one, or `null` when the next move is ending the workshop. */
export function nextStep(w: Pick<WorkshopSlice, "steps" | "step">): number | null {
  if (w.step === null) return w.steps.length ? 0 : null;
  return w.step + 1 < w.steps.length ? w.step + 1 : null;
}

/** Revealed results by card. */
export function resultsByCard(round: RoundSummary | null): Record<string, VoteResult> {
  const out: Record<string, VoteResult> = {};
  if (round?.status === "revealed") for (const r of round.results ?? []) out[r.card_id] = r;
  return out;
}

/** While the workshop hides authors, no name shows even for cards the client learnt before. */
export function hideAuthors(cards: Card[], anonymous: boolean): Card[] {
  return anonymous ? cards.map((c) => (c.author ? { ...c, author: null } : c)) : cards;
}

export const SIDE_NAME = { buyer: "Buyer", provider: "Provider" } as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const votesText = (n: number) => plural(n, "vote");
export const peopleText = (n: number) => plural(n, "person", "people");

/** ": Vote — “Which pain costs most?”": the step a workshop state is at, for the activity feed. */
function stepWords(s: Partial<PhaseState>): string {
  if (!s.phase) return "";
  return `: ${PHASE_NAME[s.phase]}${s.prompt ? ` — “${s.prompt}”` : ""}`;
}

/** One line for the activity feed, or `null` when the event is not a workshop one. */
export function describeWorkshopEvent(event: BoardEvent, label: (id: string) => string): string | null {
  switch (event.type) {
    case "workshop.timer": {
      const t: TimerState | undefined = event.data.timer;
      if (t?.status === "running") return `ran the timer: ${formatDuration(t.remaining_seconds ?? 0)} left`;
      if (t?.status === "paused") return `paused the timer at ${formatClock((t.remaining_seconds ?? 0) * 1000)}`;
      return "reset the timer";
    }
    case "workshop.focus": {
      const id = event.data.focus_card_id;
      return id ? `focused everyone on “${label(id)}”` : "cleared the focus";
    }
    case "workshop.anonymity":
      return event.data.anonymous ? "hid who wrote each card (sides still show)" : "showed who wrote each card again";
    case "workshop.ended": {
      const s = event.data.summary;
      return `ended the workshop: ${plural(s.participants.length, "person", "people")} took part`;
    }
    case "workshop.started":
      return `started the workshop “${event.data.template?.name ?? "workshop"}”${stepWords(event.data)}`;
    case "workshop.phase":
      return `moved the workshop on${stepWords(event.data)}`;
    case "workshop.agenda": {
      const d = event.data;
      const id = d.agenda?.[d.agenda_index ?? -1] ?? d.focus_card_id;
      return `moved the discussion to topic ${(d.agenda_index ?? 0) + 1} of ${d.agenda?.length ?? 0}${id ? `: “${label(id)}”` : ""}`;
    }
    case "cards.revealed":
      return `revealed ${plural(event.data.cards?.length ?? 0, "private card")}`;
    case "voting.started":
      return `opened dot voting: ${plural(event.data.votes_per_person, "vote")} each`;
    case "vote.cast":
      return `cast a vote (${votesText(event.data.votes_cast)} so far)`;
    case "vote.removed":
      return `took back a vote (${votesText(event.data.votes_cast)} so far)`;
    case "voting.revealed":
      return `revealed the votes: ${votesText(event.data.votes_cast)}`;
    case "cluster.created":
      return `created the cluster “${event.data.label}”`;
    case "cluster.updated":
      return `renamed a cluster “${event.data.label}”`;
    case "cluster.deleted":
      return `dissolved a cluster (${plural((event.data.cards ?? []).length, "card")} back on their own)`;
    default:
      return null;
  }
}
