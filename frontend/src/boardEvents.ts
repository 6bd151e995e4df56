// The board's events (the socket `event` message and a join's replay), one type per `type`: a
// discriminated union, so `switch (event.type)` knows each event's `data`.
import type { Comment } from "./loopTypes";
import type { LibraryProposal } from "./libraryTypes";
import type { Schemas, Sent } from "./api/wire";
import type {
  AccessGrant, Agreement, BudgetRequest, Card, Initiative, Kpi, Measurement, PowerUps, ShadowingSession, Side, UserBrief,
} from "./types";
import type { Cluster, RoundEventData, WorkshopEnded, WorkshopState } from "./workshopTypes";

/** What each event type carries in `data` (the server publishes no schema for it). */
export interface EventData {
  "card.created": Card;
  "card.updated": Card & { changed?: string[] };
  "card.restored": Card;
  "card.deleted": { id: string; version: number };
  "comment.created": Comment;
  "initiative.created": Initiative;
  "initiative.updated": Initiative;
  "kpi.created": Kpi;
  "kpi.updated": Kpi;
  "kpi.deleted": { id: string; initiative_id: string; name: string };
  /** the KPI as it now stands (its `current` included) and the new measurement */
  "kpi.measured": { kpi: Kpi; measurement: Measurement };
  "kpi.measurement_deleted": { kpi: Kpi; measurement_id: string };
  "kpis.agreed": Agreement & { side: Side };
  "kpis.agreement_withdrawn": { initiative_id: string };
  "grant.created": AccessGrant;
  "grant.revoked": AccessGrant;
  "shadowing.created": ShadowingSession;
  "shadowing.updated": ShadowingSession;
  "budget.requested": BudgetRequest;
  "budget.decided": BudgetRequest;
  "budget.learning": BudgetRequest;
  "spend.recorded": Sent<Schemas["Spend"], { amount: number; recorded_by: UserBrief }>;
  "library.proposed": LibraryProposal;
  "library.decided": LibraryProposal;
  "workshop.timer": WorkshopState;
  "workshop.focus": WorkshopState;
  "workshop.anonymity": WorkshopState;
  "workshop.ended": WorkshopEnded;
  /** a phased workshop started from a template, moved to a step, or to another topic of the discussion
   * (each carries the whole state; any other `workshop.*` type is read the same way) */
  "workshop.started": WorkshopState;
  "workshop.phase": WorkshopState;
  "workshop.agenda": WorkshopState;
  /** leaving reflect: the cards written privately, now everyone's (views without `private`) */
  "cards.revealed": { cards: Card[] };
  "voting.started": RoundEventData;
  "vote.cast": RoundEventData;
  "vote.removed": RoundEventData;
  "voting.revealed": RoundEventData;
  "cluster.created": Cluster;
  "cluster.updated": Cluster;
  "cluster.deleted": { id: string; cards?: string[] };
  /** contract C3: exactly the body of `GET /initiatives/{id}/power-ups` */
  "power_ups.changed": PowerUps;
}

export type BoardEventType = keyof EventData;

/** One event of an initiative's log, of type `T`. */
export type BoardEventOf<T extends BoardEventType> = {
  seq: number;
  initiative: string;
  type: T;
  /** null for writes without a person (CLI, seeding) and while a workshop hides who did what */
  actor: UserBrief | null;
  at: string;
  /** `anonymous`: the write hid who made it (a workshop hiding authors, or a vote) */
  data: EventData[T] & { anonymous?: boolean };
  /**
   * Contract C1: the op_id of the write that made it (a socket write's `op_id`, a REST write's
   * `Idempotency-Key`), null otherwise. Servers from before C1 leave it out.
   */
  op_id: string | null;
};

/** Any event of the log. */
export type LogEvent = { [T in BoardEventType]: BoardEventOf<T> }[BoardEventType];

/**
 * Not on the wire: what `BoardSync` tells its listeners when it loaded the whole board again (after
 * it, refresh whatever is read beside the log).
 */
export interface SnapshotLoaded {
  seq: number;
  initiative: string;
  type: "snapshot";
  actor: null;
  at: string;
  data: Record<string, never>;
  op_id: null;
}

/** What a board's listeners hear: every event of the log, and `snapshot` after a full load. */
export type BoardEvent = LogEvent | SnapshotLoaded;

/** Whether `e` is an event of one of `types` (narrows it). */
export function isEvent<T extends BoardEventType>(e: BoardEvent, ...types: T[]): e is Extract<BoardEvent, { type: T }> {
  return (types as string[]).includes(e.type);
}
