// After a board event: what the web app takes from the event itself and what it reads again by REST.
// The server pushes derived state (`power_ups.changed` carries the whole GET /power-ups body) and every
// grant, session, KPI and budget event carries its row, so live events cost no request. Only a
// snapshot (a first join, or a rejoin too far behind to replay) makes the web app read the board's
// budget requests, which snapshots do not hold. Pure: the benchmark bundles this file for Node to
// make exactly the requests the web app makes (bench/node/webapp.js).
import type { AccessGrant, Agreement, BoardEvent, BudgetRequest, Kpi, PowerUps, ShadowingSession, Snapshot } from "../types";

/** What a board shows besides its cards: a snapshot's extras. */
export type Extras = Omit<Snapshot, "seq" | "initiative" | "cards">;

/** Something the web app reads by REST after an event. */
export interface Refetch {
  /** one read per key at a time: reads of the same key within `delayMs` coalesce into one */
  key: "budget_requests";
  path: string;
  delayMs: number;
}

type EventLike = Pick<BoardEvent, "type" | "data">;

/** The board an event is on: its initiative and (once known) its engagement. */
export interface BoardIds {
  initiative: string;
  engagement?: string;
}

/** The REST reads the web app makes after `event` on `board`. */
export function refreshesAfter(event: EventLike, board: BoardIds): Refetch[] {
  if (event.type === "snapshot" && board.engagement) {
    return [{ key: "budget_requests", path: `/engagements/${board.engagement}/budget-requests`, delayMs: 100 }];
  }
  return [];
}

/** `list` with `row` in place of the one with its id (or added), newest first by `when` if given. */
function upsert<T extends { id: string }>(list: T[], row: T, when?: (r: T) => string): T[] {
  const out = list.some((r) => r.id === row.id) ? list.map((r) => (r.id === row.id ? row : r)) : [...list, row];
  return when ? out.sort((a, b) => when(b).localeCompare(when(a))) : out;
}

/** The change `event` makes to a board's extras, taken from its data; null when it makes none. */
export function extrasPatch(extras: Extras, event: EventLike): Partial<Extras> | null {
  const d = event.data as unknown;
  switch (event.type) {
    case "power_ups.changed":
      return { power_ups: d as PowerUps };
    case "grant.created":
    case "grant.revoked":
      return { access_grants: upsert(extras.access_grants, d as AccessGrant, (g) => g.granted_at) };
    case "shadowing.created":
    case "shadowing.updated":
      return { shadowing_sessions: upsert(extras.shadowing_sessions, d as ShadowingSession, (s) => s.started_at) };
    case "kpi.created":
    case "kpi.updated":
      return { kpis: { ...extras.kpis, kpis: upsert(extras.kpis.kpis, d as Kpi) } };
    case "kpi.measured":
    case "kpi.measurement_deleted":
      return { kpis: { ...extras.kpis, kpis: upsert(extras.kpis.kpis, (d as { kpi: Kpi }).kpi) } };
    case "kpi.deleted":
      return { kpis: { ...extras.kpis, kpis: extras.kpis.kpis.filter((k) => k.id !== (d as { id: string }).id) } };
    case "kpis.agreement_withdrawn": // any KPI change withdraws both sides' agreement
      return { kpis: { ...extras.kpis, agreed: false, buyer: null, provider: null } };
    case "kpis.agreed": {
      const { side: _side, ...agreement } = d as Agreement & { side: string };
      return { kpis: agreement };
    }
    default:
      return null;
  }
}

/** A board's budget requests after a budget event (which carries the request); others leave them. */
export function budgetAfter(requests: BudgetRequest[], event: EventLike): BudgetRequest[] {
  if (event.type !== "budget.requested" && event.type !== "budget.decided" && event.type !== "budget.learning") return requests;
  return upsert(requests, event.data as unknown as BudgetRequest);
}
