// Pure reconciliation of this client's unconfirmed writes with the event log: which pending writes
// an event settles, and the cards as shown (the log's, with the pending writes on top).
import type { LogEvent } from "../boardEvents";
import type { BoardState } from "../lib/boardState";
import type { Card } from "../types";

/** A write of this client not yet seen in the log, drawn over the log's card. */
export interface Overlay {
  card: Card;
  /** the write's op_id, which its event carries back (contract C1) */
  opId?: string;
  /** a delete not yet in the log */
  deleted?: boolean;
  /** not answered yet (a create under a temporary id, or an edit in flight) */
  temp?: boolean;
}

/** Pending writes by card id (a create by its temporary `tmp-` id). */
export type Overlays = Readonly<Record<string, Overlay>>;

export const TEMP_PREFIX = "tmp-";

/**
 * A server from before contract C1 sends no `op_id`: only then is a pending create matched the old
 * way, by a new card of the same kind, text and title at version 1 (two equal cards typed at once
 * may be taken for each other). Drop this once every server sends `op_id`.
 */
function sameNewCard(card: Card, pending: Card): boolean {
  return card.kind === pending.kind && (card.text ?? null) === (pending.text ?? null) &&
    (card.title ?? null) === (pending.title ?? null) && card.version === 1;
}

function without(overlays: Overlays, ids: string[]): Overlays {
  if (!ids.length) return overlays;
  const out = { ...overlays };
  for (const id of ids) delete out[id];
  return out;
}

/**
 * The overlays left once `event` is in the log: the event of a pending write (the same `op_id`)
 * settles it, whatever its answer's fate; other events settle nothing.
 */
export function settle(overlays: Overlays, event: LogEvent): Overlays {
  if (event.op_id === undefined) { // a server from before C1: see `sameNewCard`
    if (event.type !== "card.created") return overlays;
    const card = event.data;
    const guessed = Object.entries(overlays).find(([id, o]) => o.temp && id.startsWith(TEMP_PREFIX) && sameNewCard(card, o.card));
    return guessed ? without(overlays, [guessed[0]]) : overlays;
  }
  if (event.op_id === null) return overlays;
  return without(overlays, Object.keys(overlays).filter((id) => overlays[id].opId === event.op_id));
}

/** The overlays the log has caught up with: a delete that happened, an answered write at the log's version. */
export function prune(overlays: Overlays, state: BoardState): Overlays {
  return without(overlays, Object.keys(overlays).filter((id) => {
    const o = overlays[id];
    const server = state.cards[id];
    if (o.deleted) return !server;
    return !o.temp && !!server && server.version >= o.card.version;
  }));
}

/**
 * The cards as shown: the log's, with pending writes on top, and kept observations with the text
 * their author kept (`kept`, read by REST: events carry it masked) while the log has that version.
 */
export function visibleCards(state: BoardState, overlays: Overlays, kept: Readonly<Record<string, Card>>): Card[] {
  const cards = { ...state.cards };
  for (const [id, o] of Object.entries(overlays)) {
    if (o.deleted) delete cards[id];
    else cards[id] = o.card;
  }
  for (const [id, k] of Object.entries(kept)) {
    const c = cards[id];
    if (c?.pii_kept && c.version === k.version && c !== k) cards[id] = { ...c, text: k.text };
  }
  return Object.values(cards);
}

/** A pending card as this member's own (side and name), until the server's answer replaces it. */
export function pendingCard(tempId: string, initiative: string, data: Partial<Card>, as: Pick<Card, "author" | "side">): Card {
  return {
    id: tempId, initiative_id: initiative, kind: "observation", author: as.author, side: as.side, lane_position: 1e9,
    version: 0, created_at: new Date().toISOString(), private: false, ...data,
  };
}
