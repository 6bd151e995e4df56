// The live board: a channel on the shared socket (transport), the log caught up in seq order
// (catchUp), this client's writes until settled (pendingWrites, reconciled by op_id), and the view
// components read (a new object whenever anything changes).
import { get } from "../api";
import type { BoardEvent, LogEvent, SnapshotLoaded } from "../boardEvents";
import type { BoardState } from "../lib/boardState";
import type { Card, PresenceMember } from "../types";
import { CatchUp, type Extras } from "./catchUp";
import { KeptBoard } from "./keptBoard";
import { currentOutbox } from "./outbox";
import { PendingWrites } from "./pendingWrites";
import { visibleCards } from "./reconcile";
import { BoardChannel, type Connection } from "./transport";
import type { Socket } from "socket.io-client";

export { closeSocket, getSocket, newOpId, SocketError, type Connection } from "./transport";
export { currentOutbox, onOutboxSwitch, setOutboxUser } from "./outbox";

/** What components read. */
export interface BoardView {
  state: BoardState;
  extras: Extras | null;
  connection: Connection;
  presence: PresenceMember[];
  cards: Card[];
  error: string | null;
  /** true once the board was loaded at least once */
  ready: boolean;
  /** how many writes are waiting for the server */
  pending: number;
  /** when the board shown was kept, while it is shown from this browser's copy (offline) */
  keptAt: number | null;
}

/** Who writes from this browser, as a pending card shows them until the server answers. */
export type Author = Pick<Card, "author" | "side">;

export class BoardSync {
  readonly initiative: string;
  private channel: BoardChannel;
  private log: CatchUp;
  private writes: PendingWrites;
  private connection: Connection = "connecting";
  private presence: PresenceMember[] = [];
  private error: string | null = null;
  /** observations whose author kept personal data, as stored: events carry their text masked */
  private kept: Record<string, Card> = {};
  private listeners = new Set<() => void>();
  private eventListeners = new Set<(e: BoardEvent) => void>();
  private view: BoardView;
  private copy: KeptBoard;
  private unsubscribe: (() => void) | null = null;

  constructor(initiative: string, socket?: Socket) {
    this.initiative = initiative;
    this.channel = new BoardChannel(initiative, socket);
    this.log = new CatchUp(this.channel, {
      joined: (applied, snapshot) => this.joined(applied, snapshot),
      applied: (e) => {
        this.writes.settle(e);
        this.changed();
        this.emit(e);
        this.fetchKept([e]);
      },
      appliedPrivate: (e) => {
        this.writes.settle(e);
        this.changed();
        this.fetchKept([e]);
      },
      refused: (error) => {
        this.error = error.message;
        this.setConnection(error.code === "unauthorized" ? "revoked" : "error");
      },
    });
    this.writes = new PendingWrites(this.channel, () => this.changed());
    this.copy = new KeptBoard(initiative, currentOutbox()?.store ?? null);
    this.view = this.makeView();
  }

  /** Attach to the socket and join (again, after a `close`). */
  start() {
    this.log.reopen();
    this.unsubscribe = this.writes.subscribe(() => this.changed());
    this.writes.resume().catch(() => undefined);
    if (typeof navigator !== "undefined" && navigator.onLine === false) this.showKept();
    this.channel.listen({
      connected: () => this.log.join(),
      disconnected: () => { this.setConnection("offline"); this.showKept(); },
      refused: (code) => {
        this.setConnection(code === "unauthorized" ? "revoked" : "offline");
        if (code !== "unauthorized") this.showKept();
      },
      event: (e) => this.log.receive(e),
      privateEvent: (e) => this.log.receivePrivate(e),
      tick: (seq) => this.log.tick(seq),
      presence: (members) => {
        this.presence = members;
        this.changed();
      },
      revoked: () => this.setConnection("revoked"),
    });
    if (this.channel.connected) this.log.join();
  }

  /** Detach from the socket and leave the board's room. */
  close() {
    this.log.close();
    this.channel.close();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** No connection before the board loaded: show the copy this browser kept of it, if any. */
  private showKept() {
    if (this.log.ready) return;
    this.copy.read().then((kept) => {
      if (!kept || this.log.ready || this.log.closed) return;
      this.log.loadKept(kept.snapshot);
      this.changed();
    });
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  };

  /** Hear every event applied (live or replayed), and `snapshot` after a full load. */
  onBoardEvent(fn: (e: BoardEvent) => void): () => void {
    this.eventListeners.add(fn);
    return () => { this.eventListeners.delete(fn); };
  }

  getView = () => this.view;

  get seq() {
    return this.log.state.seq;
  }

  private setConnection(c: Connection) {
    if (this.connection === "revoked" && c !== "live") return;
    if (this.connection === "live" && c !== "live") this.copy.flush(); // the last board seen live, kept now
    this.connection = c;
    this.changed();
  }

  private changed() {
    this.view = this.makeView();
    if (this.connection === "live") this.copy.keep(this.log.state, this.log.extras);
    for (const fn of this.listeners) fn();
  }

  private makeView(): BoardView {
    this.writes.prune(this.log.state);
    return {
      state: this.log.state,
      extras: this.log.extras,
      connection: this.connection,
      presence: this.presence,
      cards: visibleCards(this.log.state, this.writes.overlays, this.kept),
      error: this.error,
      ready: this.log.ready,
      pending: this.writes.count,
      keptAt: this.connection === "live" ? null : this.copy.shownAt,
    };
  }

  private joined(applied: LogEvent[], snapshot: boolean) {
    for (const e of applied) this.writes.settle(e);
    this.error = null;
    this.connection = "live";
    this.changed();
    if (snapshot) this.emit(this.snapshotLoaded());
    for (const e of applied) this.emit(e);
    this.fetchKept(applied);
  }

  private snapshotLoaded(): SnapshotLoaded {
    return { seq: this.seq, initiative: this.initiative, type: "snapshot", actor: null, at: "", data: {}, op_id: null };
  }

  private emit(e: BoardEvent) {
    for (const fn of this.eventListeners) fn(e);
  }

  /** A kept observation arrived masked (as every event carries it): read it as stored, by REST. */
  private fetchKept(events: LogEvent[]) {
    for (const e of events) {
      if (e.type !== "card.created" && e.type !== "card.updated" && e.type !== "card.restored") continue;
      const card = e.data;
      if (!card.pii_kept || this.kept[card.id]?.version === card.version) continue;
      get<Card>(`/cards/${card.id}`).then((c) => this.remember(c)).catch(() => undefined);
    }
  }

  private remember(card: Card) {
    if (!card.pii_kept) return;
    this.kept = { ...this.kept, [card.id]: card };
    this.changed();
  }

  // ---- writes -----------------------------------------------------------------------------------

  /** Send one write with a fresh op_id, resent unchanged until the server answers. */
  send<T = Card>(action: string, payload: Record<string, unknown>): Promise<T> {
    return this.writes.send<T>(action, payload);
  }

  /** Create a card, shown at once as `as`'s (this member's side and name). */
  async createCard(data: Partial<Card>, as: Author): Promise<Card> {
    const card = await this.writes.createCard(this.initiative, data, as);
    this.remember(card);
    return card;
  }

  /** Update based on `version`; shows the change at once and rolls it back if the server refuses. */
  async updateCard(card: Card, changes: Partial<Card>, version: number = card.version): Promise<Card> {
    const result = await this.writes.updateCard(card, changes, version);
    this.remember(result);
    return result;
  }

  deleteCard(card: Card): Promise<Card> {
    return this.writes.deleteCard(card);
  }

  restoreCard(id: string): Promise<Card> {
    return this.writes.restoreCard(id);
  }

  /** Comment on a card under `opId` (kept and resent like every write). */
  comment(cardId: string, text: string, opId?: string) {
    return this.writes.send("comment:create", { card: cardId, data: { text } }, opId);
  }

  /** This person's comments on a card still waiting for the server (also those an earlier page kept). */
  waitingComments(cardId: string): { opId: string; text: string; at: number }[] {
    return this.writes.waiting("comment:create")
      .filter((w) => w.payload.card === cardId)
      .map((w) => ({ opId: w.opId, text: String((w.payload.data as { text?: string })?.text ?? ""), at: w.at }));
  }

  /** Load the whole board again (e.g. authors shown again after a workshop hid them: events do not repeat them). */
  resync() {
    this.log.reload();
  }

  /** A card by id, as shown (or as it was before deletion). */
  known(id: string): Card | undefined {
    return this.view.cards.find((c) => c.id === id) ?? this.log.state.deleted[id];
  }

  /** Refresh extras (KPIs, grants, sessions, power-ups) fetched by REST after an event. */
  patchExtras(patch: Partial<Extras>) {
    if (!this.log.extras) return;
    this.log.extras = { ...this.log.extras, ...patch };
    this.changed();
  }
}
