// Wire shapes of the learning library, search and the quarterly review (docs/api.md): aliases of the
// generated OpenAPI types.
import type { Schemas, Sent } from "./api/wire";
import type { InitiativeStatus, PowerUps, UserBrief } from "./types";

/** A learning as other engagements see it: only the approved fields travel. */
export type LibraryEntry = Sent<Schemas["SharedEntry"]>;

export type ProposalStatus = "proposed" | "approved" | "declined";

/** A proposal as its own engagement sees it. */
export type LibraryProposal = Sent<Schemas["Entry"], {
  status: ProposalStatus; proposed_by: UserBrief; decided_by: UserBrief | null;
}>;

export type ProposalFields = Sent<Schemas["Proposal"]>;

export type SearchType = NonNullable<Schemas["SearchResult"]["type"]>;

/** A search hit; `snippet_html` is HTML-escaped by the server with matches in <mark>: the only HTML the app inserts. */
export type SearchResult = Sent<Schemas["SearchResult"]>;

export type MoneyTotals = Sent<Schemas["MoneyTotals"], { requested: number; approved: number; rejected: number; spent: number; remaining: number }>;

export type Moment = Sent<Schemas["Moment"]>;

export type Conclusion = Sent<Schemas["Conclusion"], { decision: LibraryEntry["decision"] }>;

/** A KPI in the review: `current` is its latest value measured by the review's `as_of`. */
export type KpiValue = Sent<Schemas["KpiValue"]>;
export type KpiReview = Sent<Schemas["KpiReview"], { current: KpiValue | null; measurements: KpiValue[] }>;

export type InitiativeReview = Sent<Schemas["InitiativeReview"], {
  kpis: KpiReview[]; status: InitiativeStatus; power_ups: PowerUps; experiments_started: Moment[]; experiments_concluded: Conclusion[];
  stories_told: Moment[]; budget: { pending: number; quarter: MoneyTotals[]; to_date: MoneyTotals[] };
}>;

export type Review = Sent<Schemas["Review"], { engagement: Sent<Schemas["BriefEngagement"]>; initiatives: InitiativeReview[] }>;
