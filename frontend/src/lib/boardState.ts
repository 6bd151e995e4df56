// The board as the event log makes it: a snapshot, then events applied strictly in `seq` order.
import type { LogEvent } from "../boardEvents";
import type { Card, Initiative, Snapshot } from "../types";
import { applyWorkshopEvent, emptyWorkshop, workshopFromSnapshot, type WorkshopSlice } from "./workshop";

export interface BoardState {
  seq: number;
  initiative: Initiative | null;
  cards: Record<string, Card>;
  /** ids deleted by an event (kept to name them in the activity feed) */
  deleted: Record<string, Card>;
  /** timer, focus, anonymity, the latest voting round, clusters */
  workshop: WorkshopSlice;
}

export const emptyState = (): BoardState => ({ seq: 0, initiative: null, cards: {}, deleted: {}, workshop: emptyWorkshop() });

export function fromSnapshot(snapshot: Snapshot): BoardState {
  const cards: Record<string, Card> = {};
  for (const c of snapshot.cards) cards[c.id] = c;
  return { seq: snapshot.seq, initiative: snapshot.initiative, cards, deleted: {}, workshop: workshopFromSnapshot(snapshot) };
}

/** Apply one event whose seq is exactly the next one. */
function applyOne(state: BoardState, event: LogEvent): BoardState {
  switch (event.type) {
    case "card.created":
    case "card.updated":
    case "card.restored": {
      const { changed: _changed, ...card }: Card & { changed?: string[] } = event.data;
      const { [card.id]: _gone, ...deleted } = state.deleted;
      return { ...state, seq: event.seq, cards: { ...state.cards, [card.id]: card }, deleted };
    }
    case "card.deleted": {
      const id = event.data.id;
      const { [id]: removed, ...cards } = state.cards;
      return { ...state, seq: event.seq, cards, deleted: removed ? { ...state.deleted, [id]: removed } : state.deleted };
    }
    case "cards.revealed": { // the reflect phase's private cards, everyone's now
      const cards = { ...state.cards };
      for (const c of event.data.cards ?? []) cards[c.id] = { ...c, private: false };
      return { ...state, seq: event.seq, cards };
    }
    case "initiative.updated":
      return { ...state, seq: event.seq, initiative: { ...(state.initiative ?? {}), ...event.data } as Initiative };
    default: {
      const w = applyWorkshopEvent(state.workshop, state.cards, event);
      return w ? { ...state, seq: event.seq, workshop: w.workshop, cards: w.cards } : { ...state, seq: event.seq };
    }
  }
}

export type Outcome = "applied" | "stale" | "gap";

/** Apply one event: the next seq is applied, an old one ignored, one beyond the next is a gap. */
export function applyEvent(state: BoardState, event: LogEvent): { state: BoardState; outcome: Outcome } {
  if (event.seq <= state.seq) return { state, outcome: "stale" };
  if (event.seq > state.seq + 1) return { state, outcome: "gap" };
  return { state: applyOne(state, event), outcome: "applied" };
}

/**
 * Apply a batch (a join's replay plus events buffered meanwhile): sorted, duplicates and old ones
 * skipped; stops at the first gap. `applied` are the events that took effect, in order.
 */
export function applyEvents(state: BoardState, events: LogEvent[]): { state: BoardState; applied: LogEvent[]; gap: boolean } {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const applied: LogEvent[] = [];
  let gap = false;
  for (const event of sorted) {
    const r = applyEvent(state, event);
    if (r.outcome === "gap") {
      gap = true;
      break;
    }
    if (r.outcome === "applied") applied.push(event);
    state = r.state;
  }
  return { state, applied, gap };
}

/**
 * Apply a `board:private` message: a change to one of my own private cards (written in reflect). It has
 * no seq and never moves the board's: it applies as it comes, except over a newer version of the card
 * (a late message after the reveal, or after a snapshot that had it already).
 */
export function applyPrivate(state: BoardState, event: LogEvent): BoardState {
  switch (event.type) {
    case "card.created":
    case "card.updated":
    case "card.restored": {
      const { changed: _changed, ...card }: Card & { changed?: string[] } = event.data;
      const have = state.cards[card.id];
      if (have && have.version > card.version) return state;
      const { [card.id]: _gone, ...deleted } = state.deleted;
      return { ...state, cards: { ...state.cards, [card.id]: { ...card, private: card.private ?? true } }, deleted };
    }
    case "card.deleted": {
      const id = event.data.id;
      const { [id]: removed, ...cards } = state.cards;
      if (!removed) return state;
      return { ...state, cards, deleted: { ...state.deleted, [id]: removed } };
    }
    default:
      return state;
  }
}
