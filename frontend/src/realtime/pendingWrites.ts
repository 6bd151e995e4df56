// This client's writes: each with an op_id, resent unchanged after a timeout or a reconnect (the
// server applies it once), drawn at once as an overlay until its answer or its own event settles it.
import type { LogEvent } from "../boardEvents";
import type { BoardState } from "../lib/boardState";
import type { Card } from "../types";
import { pendingCard, prune, settle, TEMP_PREFIX, type Overlay, type Overlays } from "./reconcile";
import { newOpId, SocketError, type BoardChannel } from "./transport";

const MAX_ATTEMPTS = 20;
const RATE_LIMIT_PAUSE_MS = 300;

export class PendingWrites {
  /** how many writes are waiting for the server */
  count = 0;
  overlays: Overlays = {};
  private channel: BoardChannel;
  private changed: () => void;

  constructor(channel: BoardChannel, changed: () => void) {
    this.channel = channel;
    this.changed = changed;
  }

  private put(id: string, overlay: Overlay) {
    this.overlays = { ...this.overlays, [id]: overlay };
  }

  private drop(id: string) {
    if (!(id in this.overlays)) return;
    const { [id]: _gone, ...rest } = this.overlays;
    this.overlays = rest;
  }

  /** An event entered the log: the write it came from (by op_id) is settled. */
  settle(event: LogEvent) {
    this.overlays = settle(this.overlays, event);
  }

  /** Forget the overlays the log has caught up with. */
  prune(state: BoardState) {
    this.overlays = prune(this.overlays, state);
  }

  /** Send one write; on a timeout or a dropped connection, resend the same op_id (the server answers once). */
  async send<T = Card>(action: string, payload: Record<string, unknown>, opId: string = newOpId()): Promise<T> {
    const op = { op_id: opId, ...payload };
    this.count += 1;
    this.changed();
    try {
      for (let attempt = 0; ; attempt++) {
        await this.channel.waitForConnect();
        let ack;
        try {
          ack = await this.channel.request<T>(action, op);
        } catch {
          if (attempt >= MAX_ATTEMPTS) throw new SocketError({ code: "timeout", message: "The server did not answer; try again." });
          continue;
        }
        if (ack?.error) {
          if (ack.error.code === "rate_limited" && attempt < MAX_ATTEMPTS) {
            await new Promise((r) => setTimeout(r, RATE_LIMIT_PAUSE_MS));
            continue;
          }
          throw new SocketError(ack.error);
        }
        return ack.result as T;
      }
    } finally {
      this.count -= 1;
      this.changed();
    }
  }

  /** Create a card, drawn at once as this member's (`as`: their name and side) under a temporary id. */
  async createCard(initiative: string, data: Partial<Card>, as: Pick<Card, "author" | "side">): Promise<Card> {
    const opId = newOpId();
    const tempId = `${TEMP_PREFIX}${opId}`;
    this.put(tempId, { temp: true, opId, card: pendingCard(tempId, initiative, data, as) });
    this.changed();
    try {
      const card = await this.send<Card>("card:create", { initiative, data }, opId);
      this.drop(tempId);
      this.put(card.id, { card });
      return card;
    } finally {
      this.drop(tempId);
      this.changed();
    }
  }

  /** Update based on `version`; shows the change at once and rolls it back if the server refuses. */
  async updateCard(card: Card, changes: Partial<Card>, version: number = card.version): Promise<Card> {
    const opId = newOpId();
    this.put(card.id, { card: { ...card, ...changes, version: Math.max(card.version, version) }, temp: true, opId });
    this.changed();
    try {
      const result = await this.send<Card>("card:update", { card: card.id, data: { version, ...changes } }, opId);
      const now = this.overlays[card.id];
      if (!now?.temp || now.opId === opId) this.put(card.id, { card: result }); // a later edit stays on top
      return result;
    } catch (err) {
      if (this.overlays[card.id]?.opId === opId) this.drop(card.id);
      throw err;
    } finally {
      this.changed();
    }
  }

  /** Delete, hidden at once; shown again if the server refuses. */
  async deleteCard(card: Card): Promise<Card> {
    const opId = newOpId();
    this.put(card.id, { card, deleted: true, opId });
    this.changed();
    try {
      return await this.send<Card>("card:delete", { card: card.id, data: { version: card.version } }, opId);
    } catch (err) {
      if (this.overlays[card.id]?.opId === opId) this.drop(card.id);
      throw err;
    } finally {
      this.changed();
    }
  }

  /** Restore a deleted card (undo). */
  async restoreCard(id: string): Promise<Card> {
    this.drop(id);
    const card = await this.send<Card>("card:restore", { card: id });
    this.put(card.id, { card });
    this.changed();
    return card;
  }
}
