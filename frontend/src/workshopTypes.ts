// Wire shapes of workshop mode (docs/api.md "Workshop mode"): aliases of the generated OpenAPI types.
import type { Schemas, Sent } from "./api/wire";
import type { Side, UserBrief } from "./types";

export type TimerStatus = "idle" | "running" | "paused";

/** `ends_at`: while running, when it reaches 0 on the server's clock; `remaining_seconds`: seconds left
 * when the state was made (static while paused); `duration_seconds`: the round's length with added time. */
export type TimerState = Sent<Schemas["Timer"], { status: TimerStatus }>;

// ---- phases (issue 17): written by hand until the server's document has them ------------------------

export type Phase = "reflect" | "group" | "vote" | "discuss";

/** What a vote covers: a lane's kind, a cluster, chosen cards; `null` is every card. */
export type VoteScope = { kind: "observation" | "story" | "experiment" } | { cluster_id: string } | { card_ids: string[] } | null;

/** One step of a workshop as it runs: its phase, what everyone is asked, its timer (`null`: none). */
export interface WorkshopStep {
  phase: Phase;
  prompt: string;
  seconds: number | null;
}

/** A template's step, with the vote's and the discussion's settings. */
export interface TemplateStep extends WorkshopStep {
  votes_per_person?: number;
  /** the vote's default scope: one lane */
  kind?: "observation" | "story" | "experiment";
  /** how many top cards the discussion walks through (5 when unset) */
  topics?: number;
}

/** `GET /engagements/{id}/workshop-templates`: built-ins and the engagement's own. */
export interface WorkshopTemplate {
  id: string;
  name: string;
  description: string | null;
  builtin: boolean;
  steps: TemplateStep[];
}

/** The phase part of the workshop state (null / [] while no phased workshop runs). */
export interface PhaseState {
  phase: Phase | null;
  template: { id: string; name: string } | null;
  steps: WorkshopStep[];
  step: number | null;
  prompt: string | null;
  agenda: string[];
  agenda_index: number | null;
  /** how many cards written in reflect wait to be revealed (a count: nobody sees others' private cards) */
  private_cards: number;
}

/** `GET /initiatives/{id}/workshop`, the data of every `workshop.*` event, and `snapshot.workshop`. */
export type WorkshopState = Sent<Schemas["Workshop"], { timer: TimerState; focus_by?: UserBrief | null }, "focus_by"> & Partial<PhaseState>;

export type VoteResult = Sent<Schemas["Result"]>;

/** A round as the caller may see it (`GET /voting-rounds/{id}`, `snapshot.voting_round`). */
export type VotingRound = Sent<Schemas["VotingRound"], { status: "open" | "revealed"; results: VoteResult[] | null }> & { scope?: VoteScope };

/** The data of `voting.started`, `vote.cast`, `vote.removed`, `voting.revealed`: counts, never cards
 * (an event's data has no schema in the document). */
export interface RoundEventData {
  round_id: string;
  votes_per_person: number;
  status: "open" | "revealed";
  votes_cast: number;
  voters?: number;
  results?: VoteResult[];
  scope?: VoteScope;
}

export type Cluster = Sent<Schemas["Cluster"]>;

export type Participant = Sent<Schemas["Participant"], { side: Side | null }>;
export type SummaryVoting = Sent<Schemas["SummaryVoting"], { ranking: Sent<Schemas["RankedCard"]>[] }>;
export type WorkshopDecision = Sent<Schemas["WorkshopDecision"]>;

/** What an ended workshop left (docs/api.md `POST /initiatives/{id}/workshop/end`). */
export type WorkshopSummary = Sent<Schemas["WorkshopSummary"], {
  ended_by: UserBrief; participants: Participant[]; cards: Sent<Schemas["WrittenCards"]>; voting: SummaryVoting | null;
  decisions: WorkshopDecision[];
}>;

/** The answer of `POST /initiatives/{id}/workshop/end` and the data of `workshop.ended`: nothing runs any more. */
export type WorkshopEnded = WorkshopState & { summary: WorkshopSummary };
