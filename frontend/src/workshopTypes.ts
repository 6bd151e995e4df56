// Wire shapes of workshop mode (docs/api.md "Workshop mode"): aliases of the generated OpenAPI types.
import type { Schemas, Sent } from "./api/wire";
import type { Side, UserBrief } from "./types";

export type TimerStatus = "idle" | "running" | "paused";

/** `ends_at`: while running, when it reaches 0 on the server's clock; `remaining_seconds`: seconds left
 * when the state was made (static while paused); `duration_seconds`: the round's length with added time. */
export type TimerState = Sent<Schemas["Timer"], { status: TimerStatus }>;

export type Phase = NonNullable<Schemas["Step"]["phase"]>;

/** What a vote covers: a lane's kind, a cluster, chosen cards; `null` is every card (and `{}`, a phase move's way
 * to say so for a step that names a lane). */
export type VoteScope = { kind: "observation" | "story" | "experiment" } | { cluster_id: string } | { card_ids: string[] } |
  Record<string, never> | null;

/** A template's step: its phase, what everyone is asked, its timer (`null`: none); a vote's dots and lane
 * (`kind`, the round's default scope), a discussion's number of `topics`. A running workshop's `steps` too. */
export type TemplateStep = Sent<Schemas["Step"], { phase: Phase }, "kind" | "topics" | "votes_per_person">;
export type WorkshopStep = TemplateStep;

/** `GET /engagements/{id}/workshop-templates`: built-ins and the engagement's own. */
export type WorkshopTemplate = Sent<Schemas["WorkshopTemplate"], { steps: TemplateStep[] }>;

/** `GET /initiatives/{id}/workshop`, the data of every `workshop.*` event, and `snapshot.workshop`; `phase` and the
 * rest are null / [] while no phased workshop runs; `private_cards` counts the reflect cards waiting (a count only). */
export type WorkshopState = Sent<Schemas["Workshop"], {
  timer: TimerState; focus_by?: UserBrief | null; phase: Phase | null; template: Sent<Schemas["TemplateRef"]> | null; steps: WorkshopStep[];
}, "focus_by">;

/** The phase part of the workshop state. */
export type PhaseState = Pick<WorkshopState, "phase" | "template" | "steps" | "step" | "prompt" | "agenda" | "agenda_index" | "private_cards">;

export type VoteResult = Sent<Schemas["Result"]>;

/** A round as the caller may see it (`GET /voting-rounds/{id}`, `snapshot.voting_round`). */
export type VotingRound = Sent<Schemas["VotingRound"], { status: "open" | "revealed"; results: VoteResult[] | null; scope: VoteScope }>;

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

/** What the discussion captured on a topic: a comment on it, or a story / experiment citing it (`card_id`). */
export type TopicOutcome = Sent<Schemas["Outcome"], { type: "comment" | "story" | "experiment" }>;
export type Topic = Sent<Schemas["Topic"], { outcomes: TopicOutcome[] }>;

/** What an ended workshop left (docs/api.md `POST /initiatives/{id}/workshop/end`); `template`: its template's name. */
export type WorkshopSummary = Sent<Schemas["WorkshopSummary"], {
  ended_by: UserBrief; participants: Participant[]; cards: Sent<Schemas["WrittenCards"]>; voting: SummaryVoting | null;
  decisions: WorkshopDecision[]; topics: Topic[];
}>;

/** The answer of `POST /initiatives/{id}/workshop/end` and the data of `workshop.ended`: nothing runs any more. */
export type WorkshopEnded = WorkshopState & { summary: WorkshopSummary };
