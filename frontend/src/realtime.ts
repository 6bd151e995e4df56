// The live board: one Socket.IO connection (cookie auth, same origin), a board joined with `since`,
// events applied strictly in seq order, writes with an op_id that is resent unchanged on retry.
import { io, type Socket } from "socket.io-client";
import { get } from "./api";
import { applyEvent, applyEvents, emptyState, fromSnapshot, type BoardState } from "./lib/boardState";
import type { BoardEvent, Card, ErrorBody, PresenceMember, Snapshot } from "./types";

let shared: Socket | null = null;

export function getSocket(): Socket {
  if (!shared) {
    shared = io({ withCredentials: true, transports: ["websocket", "polling"], reconnectionDelayMax: 3000 });
  }
  return shared;
}

export function closeSocket() {
  shared?.disconnect();
  shared = null;
}

export class SocketError extends Error {
  code: string;
  current?: Record<string, unknown>;
  fields?: Record<string, string[]>;
  constructor(body: ErrorBody) {
    super(body.message);
    this.code = body.code;
    this.current = body.current;
    this.fields = body.fields;
  }
}

export type Connection = "connecting" | "live" | "offline" | "revoked" | "error";

export const newOpId = (): string =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

type Overlay = { card: Card; deleted?: boolean; temp?: boolean };

/** Whether `card` (from the log) is the one a pending create will become. */
function sameNewCard(card: Card, pending: Card): boolean {
  return card.kind === pending.kind && (card.text ?? null) === (pending.text ?? null) &&
    (card.title ?? null) === (pending.title ?? null) && card.version === 1;
}

/** What components read (a new object whenever anything changes). */
export interface BoardView {
  state: BoardState;
  extras: Omit<Snapshot, "seq" | "initiative" | "cards"> | null;
  connection: Connection;
  presence: PresenceMember[];
  cards: Card[];
  error: string | null;
  /** true once the board was loaded at least once */
  ready: boolean;
  /** how many writes are waiting for the server */
  pending: number;
}

export class BoardSync {
  readonly initiative: string;
  private socket: Socket;
  private state: BoardState = emptyState();
  private extras: BoardView["extras"] = null;
  private connection: Connection = "connecting";
  private presence: PresenceMember[] = [];
  private error: string | null = null;
  private ready = false;
  private joining = false;
  private rejoinWanted = false;
  private snapshotWanted = false;
  private buffered: BoardEvent[] = [];
  private overlays = new Map<string, Overlay>();
  /** observations whose author kept personal data, as stored: events carry their text masked */
  private kept = new Map<string, Card>();
  private pendingWrites = 0;
  private listeners = new Set<() => void>();
  private eventListeners = new Set<(e: BoardEvent) => void>();
  private view: BoardView;
  private closed = false;
  private handlers: [string, (...args: any[]) => void][] = [];

  constructor(initiative: string, socket?: Socket) {
    this.initiative = initiative;
    this.socket = socket ?? getSocket();
    this.view = this.makeView();
  }

  /** Attach to the socket and join (again, after a `close`). */
  start() {
    this.socket = this.socket.connected || this.socket.active ? this.socket : getSocket();
    this.closed = false;
    this.on("connect", () => this.join());
    this.on("disconnect", () => this.setConnection("offline"));
    this.on("connect_error", (err: Error & { data?: ErrorBody }) => {
      this.setConnection(err?.data?.code === "unauthorized" ? "revoked" : "offline");
    });
    this.on("event", (event: BoardEvent) => this.onEvent(event));
    this.on("sync", (m: { initiative: string; seq: number }) => {
      if (m.initiative === this.initiative && m.seq > this.state.seq) this.join();
    });
    this.on("presence", (m: { initiative: string; members: PresenceMember[] }) => {
      if (m.initiative !== this.initiative) return;
      this.presence = m.members;
      this.changed();
    });
    this.on("revoked", () => {
      this.setConnection("revoked");
    });
    if (this.socket.connected) this.join();
    else if (!this.socket.active) this.socket.connect();
  }

  private on(name: string, fn: (...args: any[]) => void) {
    this.socket.on(name, fn);
    this.handlers.push([name, fn]);
  }

  /** Detach from the socket and leave the board's room. */
  close() {
    this.closed = true;
    for (const [name, fn] of this.handlers) this.socket.off(name, fn);
    this.handlers = [];
    this.joining = false;
    if (this.socket.connected) this.socket.emit("leave", { initiative: this.initiative });
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  };

  onBoardEvent(fn: (e: BoardEvent) => void): () => void {
    this.eventListeners.add(fn);
    return () => { this.eventListeners.delete(fn); };
  }

  getView = () => this.view;

  get seq() {
    return this.state.seq;
  }

  private setConnection(c: Connection) {
    if (this.connection === "revoked" && c !== "live") return;
    this.connection = c;
    this.changed();
  }

  private changed() {
    this.view = this.makeView();
    for (const fn of this.listeners) fn();
  }

  private makeView(): BoardView {
    return {
      state: this.state,
      extras: this.extras,
      connection: this.connection,
      presence: this.presence,
      cards: this.visibleCards(),
      error: this.error,
      ready: this.ready,
      pending: this.pendingWrites,
    };
  }

  /** The cards as the log has them, with this client's unconfirmed writes on top. */
  private visibleCards(): Card[] {
    const cards = { ...this.state.cards };
    const created = Object.values(this.state.cards);
    for (const [id, o] of this.overlays) {
      if (o.temp && id.startsWith("tmp-") && created.some((c) => sameNewCard(c, o.card))) continue; // its event came before its ack
      const server = this.state.cards[id];
      if (o.deleted) {
        if (!server) {
          this.overlays.delete(id); // the delete event arrived
          continue;
        }
        delete cards[id];
      } else if (!o.temp && server && server.version >= o.card.version) {
        this.overlays.delete(id); // the log caught up
      } else {
        cards[id] = o.card;
      }
    }
    for (const [id, k] of this.kept) {
      const c = cards[id];
      if (c?.pii_kept && c.version === k.version && c !== k) cards[id] = { ...c, text: k.text };
    }
    return Object.values(cards);
  }

  // ---- joining and catching up ----------------------------------------------------------------

  async join(): Promise<void> {
    if (this.closed) return;
    if (this.joining) {
      this.rejoinWanted = true;
      return;
    }
    if (!this.socket.connected) return; // the connect handler joins
    this.joining = true;
    this.rejoinWanted = false;
    const since = this.ready && !this.snapshotWanted ? this.state.seq : null;
    this.snapshotWanted = false;
    try {
      const ack = await this.socket.timeout(15000).emitWithAck("join", { initiative: this.initiative, since });
      if (this.closed) return;
      if (ack?.error) {
        this.error = ack.error.message;
        this.setConnection(ack.error.code === "unauthorized" ? "revoked" : "error");
        return;
      }
      let applied: BoardEvent[] = [];
      if (ack.snapshot) {
        const snap = ack.snapshot as Snapshot;
        this.state = fromSnapshot(snap);
        const { seq: _s, initiative: _i, cards: _c, ...extras } = snap;
        this.extras = extras;
        this.ready = true;
        applied = [];
        this.emitSnapshot();
      }
      const r = applyEvents(this.state, [...(ack.events ?? []), ...this.buffered]);
      this.buffered = [];
      this.state = r.state;
      applied = applied.concat(r.applied);
      this.ready = true;
      this.error = null;
      this.connection = "live";
      this.changed();
      for (const e of applied) this.emitEvent(e);
      this.fetchKept(applied);
      if (r.gap) this.rejoinWanted = true;
    } catch {
      // a timeout or a dropped connection: the next connect or sync tick joins again
      if (this.socket.connected) this.rejoinWanted = true;
    } finally {
      this.joining = false;
    }
    if (this.rejoinWanted && !this.closed) {
      setTimeout(() => this.join(), 50);
    }
  }

  private emitSnapshot() {
    for (const fn of this.eventListeners) fn({ seq: this.state.seq, initiative: this.initiative, type: "snapshot", actor: null, at: "", data: {} });
  }

  private emitEvent(e: BoardEvent) {
    for (const fn of this.eventListeners) fn(e);
  }

  private onEvent(event: BoardEvent) {
    if (event.initiative !== this.initiative) return;
    if (this.joining || !this.ready) {
      this.buffered.push(event);
      return;
    }
    const r = applyEvent(this.state, event);
    if (r.outcome === "gap") {
      this.buffered.push(event);
      this.join();
      return;
    }
    if (r.outcome === "applied") {
      this.state = r.state;
      this.changed();
      this.emitEvent(event);
      this.fetchKept([event]);
    }
  }

  /** A kept observation arrived masked (as every event carries it): read it as stored, by REST. */
  private fetchKept(events: BoardEvent[]) {
    for (const e of events) {
      const card = e.data as Partial<Card>;
      if (!e.type.startsWith("card.") || !card.pii_kept || !card.id || this.kept.get(card.id)?.version === card.version) continue;
      get<Card>(`/cards/${card.id}`).then((c) => this.remember(c)).catch(() => undefined);
    }
  }

  private remember(card: Card) {
    if (!card.pii_kept) return;
    this.kept.set(card.id, card);
    this.changed();
  }

  // ---- writes -----------------------------------------------------------------------------------

  private waitForConnect(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => this.socket.once("connect", () => resolve()));
  }

  /** Send one write; on a timeout or a dropped connection, resend the same op_id (the server answers once). */
  async send<T = Card>(action: string, payload: Record<string, unknown>): Promise<T> {
    const op = { op_id: newOpId(), ...payload };
    this.pendingWrites += 1;
    this.changed();
    try {
      for (let attempt = 0; ; attempt++) {
        await this.waitForConnect();
        let ack: { ok?: boolean; result?: T; error?: ErrorBody };
        try {
          ack = await this.socket.timeout(10000).emitWithAck(action, op);
        } catch {
          if (attempt >= 20) throw new SocketError({ code: "timeout", message: "The server did not answer; try again." });
          continue;
        }
        if (ack?.error) {
          if (ack.error.code === "rate_limited" && attempt < 20) {
            await new Promise((r) => setTimeout(r, 300));
            continue;
          }
          throw new SocketError(ack.error);
        }
        return ack.result as T;
      }
    } finally {
      this.pendingWrites -= 1;
      this.changed();
    }
  }

  async createCard(data: Partial<Card>): Promise<Card> {
    const tempId = `tmp-${newOpId()}`;
    const now = new Date().toISOString();
    this.overlays.set(tempId, {
      temp: true,
      card: { id: tempId, initiative_id: this.initiative, author: { id: "", name: "You" }, side: "buyer", lane_position: 1e9,
              version: 0, created_at: now, ...data } as Card,
    });
    this.changed();
    try {
      const card = await this.send<Card>("card:create", { initiative: this.initiative, data });
      this.overlays.delete(tempId);
      this.overlays.set(card.id, { card });
      this.remember(card);
      return card;
    } finally {
      this.overlays.delete(tempId);
      this.changed();
    }
  }

  /** Update based on `version`; shows the change at once and rolls it back if the server refuses. */
  async updateCard(card: Card, changes: Partial<Card>, version: number = card.version): Promise<Card> {
    this.overlays.set(card.id, { card: { ...card, ...changes, version: Math.max(card.version, version) }, temp: true });
    this.changed();
    try {
      const result = await this.send<Card>("card:update", { card: card.id, data: { version, ...changes } });
      this.overlays.set(card.id, { card: result });
      this.remember(result);
      return result;
    } catch (err) {
      this.overlays.delete(card.id);
      throw err;
    } finally {
      this.changed();
    }
  }

  async deleteCard(card: Card): Promise<Card> {
    this.overlays.set(card.id, { card, deleted: true });
    this.changed();
    try {
      return await this.send<Card>("card:delete", { card: card.id, data: { version: card.version } });
    } catch (err) {
      this.overlays.delete(card.id);
      throw err;
    } finally {
      this.changed();
    }
  }

  async restoreCard(id: string): Promise<Card> {
    this.overlays.delete(id);
    const card = await this.send<Card>("card:restore", { card: id });
    this.overlays.set(card.id, { card });
    this.changed();
    return card;
  }

  async comment(cardId: string, text: string) {
    return this.send("comment:create", { card: cardId, data: { text } });
  }

  /** Load the whole board again (e.g. authors shown again after a workshop hid them: events do not repeat them). */
  resync() {
    this.snapshotWanted = true;
    this.join();
  }

  /** A card by id, as shown (or as it was before deletion). */
  known(id: string): Card | undefined {
    return this.view.cards.find((c) => c.id === id) ?? this.state.deleted[id];
  }

  /** Refresh extras (KPIs, grants, sessions, power-ups) fetched by REST after an event. */
  patchExtras(patch: Partial<NonNullable<BoardView["extras"]>>) {
    if (!this.extras) return;
    this.extras = { ...this.extras, ...patch };
    this.changed();
  }
}
