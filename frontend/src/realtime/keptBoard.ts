// This browser's copy of one board as its member last saw it live (IndexedDB, per person), shown
// when the board cannot be loaded offline, and kept again a moment after each change while live.
import type { BoardState } from "../lib/boardState";
import type { Snapshot } from "../types";
import type { Extras } from "./catchUp";
import type { OfflineStore, StoredBoard } from "./offlineStore";

const KEEP_AFTER_MS = 800;

/** The board's state and extras as a snapshot again (what `fromSnapshot` reads). */
export function toSnapshot(state: BoardState, extras: Extras): Snapshot | null {
  if (!state.initiative) return null;
  return { ...extras, seq: state.seq, initiative: state.initiative, cards: Object.values(state.cards) };
}

export class KeptBoard {
  /** when the copy shown was kept (null: the board shown is not a kept copy) */
  shownAt: number | null = null;
  private initiative: string;
  private store: OfflineStore | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: { state: BoardState; extras: Extras } | null = null;

  constructor(initiative: string, store: OfflineStore | null) {
    this.initiative = initiative;
    this.store = store;
  }

  /** Keep this state soon (many changes in a row are kept once). */
  keep(state: BoardState, extras: Extras | null) {
    if (!this.store || !extras) return;
    this.latest = { state, extras };
    this.shownAt = null;
    this.timer ??= setTimeout(() => this.flush(), KEEP_AFTER_MS);
  }

  /** Keep the latest state now (the connection dropped: it is the last one seen live). */
  flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const snapshot = this.latest && toSnapshot(this.latest.state, this.latest.extras);
    this.latest = null;
    if (snapshot) this.store?.putBoard({ initiative: this.initiative, snapshot, savedAt: Date.now() }).catch(() => undefined);
  }

  /** The copy kept, remembered as shown. */
  async read(): Promise<StoredBoard | undefined> {
    const kept = await this.store?.board(this.initiative).catch(() => undefined);
    if (kept) this.shownAt = kept.savedAt;
    return kept;
  }
}
