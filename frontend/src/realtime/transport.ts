// The Socket.IO connection (cookie auth, same origin) and one board's channel on it: join and leave
// its room, hear its messages, send one write and wait for the answer.
import { io, type Socket } from "socket.io-client";
import type { LogEvent } from "../boardEvents";
import type { ErrorBody, PresenceMember, Snapshot } from "../types";

let shared: Socket | null = null;

/** The app's one socket (the session cookie authenticates it), made on first use. */
export function getSocket(): Socket {
  if (!shared) {
    shared = io({ withCredentials: true, transports: ["websocket", "polling"], reconnectionDelayMax: 3000 });
  }
  return shared;
}

/** Drop the socket (on sign-out): the next `getSocket` connects anew with the new cookie. */
export function closeSocket() {
  shared?.disconnect();
  shared = null;
}

/** A refusal from the server, in the one error shape (code, message, fields, current). */
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

export { newOpId } from "../lib/opId";

/** The answer to `join`: a snapshot (first join, or too far behind) and/or the events after `since`. */
export interface JoinAnswer {
  seq?: number;
  snapshot?: Snapshot;
  events?: LogEvent[];
  error?: ErrorBody;
}

/** The answer to a write. */
export interface WriteAnswer<T> {
  ok?: boolean;
  result?: T;
  error?: ErrorBody;
}

/** What a board hears on its channel (only its own initiative's messages reach these). */
export interface ChannelListener {
  connected(): void;
  disconnected(): void;
  /** the handshake was refused; `unauthorized` when the sign-in is gone */
  refused(code: string | undefined): void;
  event(e: LogEvent): void;
  /** a change to one of my own private cards (`board:private`: no seq, only this person's sockets get it) */
  privateEvent(e: LogEvent): void;
  /** the server's periodic word of the board's latest seq */
  tick(seq: number): void;
  presence(members: PresenceMember[]): void;
  revoked(): void;
}

type Listener = Parameters<Socket["on"]>[1];

const JOIN_TIMEOUT_MS = 15000;
const WRITE_TIMEOUT_MS = 10000;

/** One initiative's traffic on the shared socket. */
export class BoardChannel {
  readonly initiative: string;
  private socket: Socket;
  private handlers: [string, Listener][] = [];

  constructor(initiative: string, socket?: Socket) {
    this.initiative = initiative;
    this.socket = socket ?? getSocket();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Start hearing the board's messages (on the live socket, or a new one after a sign-out) and connect. */
  listen(to: ChannelListener) {
    this.socket = this.socket.connected || this.socket.active ? this.socket : getSocket();
    const mine = (m: { initiative?: string }) => m?.initiative === this.initiative;
    this.on("connect", () => to.connected());
    this.on("disconnect", () => to.disconnected());
    this.on("connect_error", (err: Error & { data?: ErrorBody }) => to.refused(err?.data?.code));
    this.on("event", (e: LogEvent) => { if (mine(e)) to.event(e); });
    this.on("board:private", (e: LogEvent) => { if (mine(e)) to.privateEvent(e); });
    this.on("sync", (m: { initiative: string; seq: number }) => { if (mine(m)) to.tick(m.seq); });
    this.on("presence", (m: { initiative: string; members: PresenceMember[] }) => { if (mine(m)) to.presence(m.members); });
    this.on("revoked", () => to.revoked());
    if (!this.socket.connected && !this.socket.active) this.socket.connect();
  }

  private on(name: string, fn: Listener) {
    this.socket.on(name, fn);
    this.handlers.push([name, fn]);
  }

  /** Stop hearing the board and leave its room. */
  close() {
    for (const [name, fn] of this.handlers) this.socket.off(name, fn);
    this.handlers = [];
    if (this.socket.connected) this.socket.emit("leave", { initiative: this.initiative });
  }

  /** Join the board's room: the events after `since`, or a snapshot when `since` is null. Throws on a timeout. */
  join(since: number | null): Promise<JoinAnswer> {
    return this.socket.timeout(JOIN_TIMEOUT_MS).emitWithAck("join", { initiative: this.initiative, since });
  }

  /** Send one write once. Throws on a timeout or a dropped connection (the caller resends the same op). */
  request<T>(action: string, op: Record<string, unknown>): Promise<WriteAnswer<T>> {
    return this.socket.timeout(WRITE_TIMEOUT_MS).emitWithAck(action, op);
  }

  /** Resolves once the socket is connected. */
  waitForConnect(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => this.socket.once("connect", () => resolve()));
  }
}
