// Wire shapes of workshop mode (docs/api.md "Workshop mode", board/schemas/workshop.py).
import type { UserBrief } from "./types";

export type TimerStatus = "idle" | "running" | "paused";

export interface TimerState {
  status: TimerStatus;
  /** while running: when it reaches 0, on the server's clock */
  ends_at: string | null;
  /** seconds left when the state was made (static while paused) */
  remaining_seconds: number | null;
  /** the round's length including added time, for the progress bar */
  duration_seconds: number | null;
}

/** `GET /initiatives/{id}/workshop`, the data of every `workshop.*` event, and `snapshot.workshop`. */
export interface WorkshopState {
  initiative_id: string;
  timer: TimerState;
  focus_card_id: string | null;
  focus_by?: UserBrief | null;
  anonymous: boolean;
  voting_round_id: string | null;
  server_time: string;
}

export interface VoteResult {
  card_id: string;
  votes: number;
  rank: number;
}

/** A round as the caller may see it (`GET /voting-rounds/{id}`, `snapshot.voting_round`). */
export interface VotingRound {
  id: string;
  initiative_id: string;
  votes_per_person: number;
  status: "open" | "revealed";
  created_at: string;
  revealed_at: string | null;
  my_votes: string[];
  votes_left: number;
  votes_cast: number;
  voters: number;
  results: VoteResult[] | null;
}

/** The data of `voting.started`, `vote.cast`, `vote.removed`, `voting.revealed`: counts, never cards. */
export interface RoundEventData {
  round_id: string;
  votes_per_person: number;
  status: "open" | "revealed";
  votes_cast: number;
  voters?: number;
  results?: VoteResult[];
}

export interface Cluster {
  id: string;
  initiative_id: string;
  label: string;
  created_at: string;
}
