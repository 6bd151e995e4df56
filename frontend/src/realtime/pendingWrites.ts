// This board's writes: each with an op_id, kept and resent unchanged by the outbox until the server
// answers (it applies an op_id once), drawn at once as an overlay until its answer or its own event
// settles it; after a reload, the writes kept by the earlier page are drawn again.
import type { LogEvent } from "../boardEvents";
import type { BoardState } from "../lib/boardState";
import type { Card } from "../types";
import { pendingCard, prune, settle, TEMP_PREFIX, type Overlay, type Overlays } from "./reconcile";
import type { StoredWrite } from "./offlineStore";
import { currentOutbox, Outbox } from "./outbox";
import { newOpId, type BoardChannel } from "./transport";

/** The answer of a write, drawn over the log until the log catches up. */
function answered(overlays: Overlays, write: StoredWrite, result: Card | undefined): Record<string, Overlay> {
  const out: Record<string, Overlay> = { ...overlays };
  const id = write.overlay?.id;
  if (id && out[id]?.opId === write.opId && write.action === "card:create") delete out[id];
  if (!result?.id || write.action === "card:delete") return out;
  if (write.action === "card:update") {
    const now = out[result.id];
    if (now?.temp && now.opId !== write.opId) return out; // a later edit stays on top
  } else if (write.action !== "card:create" && write.action !== "card:restore") return out;
  out[result.id] = { card: result };
  return out;
}

export class PendingWrites {
  overlays: Overlays = {};
  private channel: BoardChannel;
  private changed: () => void;
  private outbox: Outbox;

  constructor(channel: BoardChannel, changed: () => void, outbox?: Outbox) {
    this.channel = channel;
    this.changed = changed;
    this.outbox = outbox ?? currentOutbox() ?? new Outbox(null);
  }

  /** how many writes of this board are waiting for the server */
  get count(): number {
    return this.outbox.count(this.channel.initiative);
  }

  /** This board's writes of one action still waiting for the server, oldest first. */
  waiting(action: string): StoredWrite[] {
    return this.outbox.waiting(this.channel.initiative).filter((w) => w.action === action);
  }

  /** Hear the outbox (a kept write answered, or one more waiting). */
  subscribe(fn: () => void): () => void {
    return this.outbox.subscribe(fn);
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

  /** Draw the writes an earlier page kept (after a reload) until the server answers them. */
  async resume(): Promise<void> {
    await this.outbox.loaded;
    for (const write of this.outbox.waiting(this.channel.initiative)) {
      if (write.overlay && !(write.overlay.id in this.overlays)) this.run(write).catch(() => undefined);
    }
  }

  /** Keep a write, draw its overlay at once, send it (resent under its op_id until answered). */
  private async run<T>(write: StoredWrite): Promise<T> {
    const o = write.overlay;
    if (o) {
      const { id: _id, ...overlay } = o;
      this.put(o.id, overlay);
    }
    this.changed();
    try {
      const result = await this.outbox.send<T>(write, this.channel);
      this.overlays = answered(this.overlays, write, result as Card | undefined);
      return result;
    } catch (err) {
      if (o && this.overlays[o.id]?.opId === write.opId) this.drop(o.id);
      throw err;
    } finally {
      this.changed();
    }
  }

  /** Send one write under `opId` (resent until the server answers: it applies an op_id once). */
  send<T = Card>(action: string, payload: Record<string, unknown>, opId: string = newOpId(), overlay?: StoredWrite["overlay"]): Promise<T> {
    return this.run<T>({ opId, initiative: this.channel.initiative, action, payload, overlay, at: Date.now() });
  }

  /** Create a card, drawn at once as this member's (`as`: their name and side) under a temporary id. */
  createCard(initiative: string, data: Partial<Card>, as: Pick<Card, "author" | "side">): Promise<Card> {
    const opId = newOpId();
    const id = `${TEMP_PREFIX}${opId}`;
    return this.send<Card>("card:create", { initiative, data }, opId, { id, temp: true, opId, card: pendingCard(id, initiative, data, as) });
  }

  /** Update based on `version`; shows the change at once and rolls it back if the server refuses. */
  updateCard(card: Card, changes: Partial<Card>, version: number = card.version): Promise<Card> {
    const opId = newOpId();
    const shown = { ...card, ...changes, version: Math.max(card.version, version) };
    return this.send<Card>("card:update", { card: card.id, data: { version, ...changes } }, opId, { id: card.id, card: shown, temp: true, opId });
  }

  /** Delete, hidden at once; shown again if the server refuses. */
  deleteCard(card: Card): Promise<Card> {
    const opId = newOpId();
    return this.send<Card>("card:delete", { card: card.id, data: { version: card.version } }, opId, { id: card.id, card, deleted: true, opId });
  }

  /** Restore a deleted card (undo). */
  restoreCard(id: string): Promise<Card> {
    this.drop(id);
    return this.send<Card>("card:restore", { card: id });
  }
}
