// Wire shapes of the learning library, search and the quarterly review (docs/api.md; board/schemas/
// library.py, search.py, reports.py).
import type { Decision, InitiativeStatus, PowerUps, UserBrief } from "./types";

/** A learning as other engagements see it: only the approved fields travel. */
export interface LibraryEntry {
  id: string;
  title: string;
  hypothesis: string;
  learning: string;
  decision: Decision | null;
  tags: string[];
  approved_at: string | null;
}

export type ProposalStatus = "proposed" | "approved" | "declined";

/** A proposal as its own engagement sees it. */
export interface LibraryProposal extends LibraryEntry {
  status: ProposalStatus;
  card_id: string;
  initiative_id: string;
  engagement_id: string;
  proposed_by: UserBrief;
  proposed_at: string;
  decided_by: UserBrief | null;
  decided_at: string | null;
  decision_comment: string;
}

export interface ProposalFields {
  title: string;
  hypothesis: string;
  learning: string;
  tags: string[];
}

export type SearchType = "card" | "comment" | "library";

export interface SearchResult {
  type: SearchType;
  id: string;
  initiative_id: string | null;
  card_id: string | null;
  kind: "observation" | "story" | "experiment" | null;
  title: string;
  snippet: string;
  /** HTML-escaped by the server, matches in <mark>: the only HTML the app inserts. */
  snippet_html: string;
  rank: number;
}

export interface MoneyTotals {
  currency: string;
  requested: number;
  approved: number;
  spent: number;
}

export interface Moment {
  id: string;
  title: string;
  at: string;
}

export interface Conclusion extends Moment {
  decision: Decision | null;
  learned: string | null;
}

export interface InitiativeReview {
  id: string;
  title: string;
  status: InitiativeStatus;
  power_ups: PowerUps;
  budget: { pending: number; quarter: MoneyTotals[]; to_date: MoneyTotals[] };
  experiments_started: Moment[];
  experiments_concluded: Conclusion[];
  stories_told: Moment[];
}

export interface Review {
  engagement: { id: string; name: string; buyer_name: string; provider_name: string };
  quarter: string;
  starts_at: string;
  ends_at: string;
  as_of: string;
  initiatives: InitiativeReview[];
}
