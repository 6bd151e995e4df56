// The signed-in person's writes waiting for the server, on every screen: each is kept (IndexedDB, by
// op_id) before it is first sent, resent under the same op_id until the server answers (it applies an
// op_id once), and forgotten only on the answer: a result, or a refusal, which is kept to be shown.
// Writes kept by an earlier page (a reload, a closed tab, a browser restart) are sent again on start.
import type { ErrorBody } from "../types";
import { OfflineStore, canKeep, type StoredWrite } from "./offlineStore";
import { BoardChannel, SocketError } from "./transport";

/** What a write needs of the connection (a board's channel; any channel on the shared socket will do). */
export type WriteChannel = Pick<BoardChannel, "waitForConnect" | "request">;

/** A write the server refused that no screen was waiting for (it came from an earlier page). */
export interface Refusal {
  opId: string;
  action: string;
  message: string;
}

const RATE_LIMIT_PAUSE_MS = 300;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** After a few quick resends, wait a little longer each time (at most 5 s). */
const backoff = (attempt: number) => Math.min(5000, 250 * attempt);
const QUICK_RESENDS = 3;

interface Entry {
  write: StoredWrite;
  promise: Promise<unknown>;
  /** kept by an earlier page: nobody on screen hears its refusal */
  restored: boolean;
}

export class Outbox {
  readonly store: OfflineStore | null;
  /** resolves once the writes kept by earlier pages are back in the queue */
  readonly loaded: Promise<void>;
  refusals: readonly Refusal[] = [];
  private entries = new Map<string, Entry>();
  private listeners = new Set<() => void>();
  private closed = false;
  private channelFor: (initiative: string) => WriteChannel;

  /** `channelFor`: where a kept write goes when no board on screen sends it (any channel on the socket) */
  constructor(store: OfflineStore | null, channelFor = (initiative: string): WriteChannel => new BoardChannel(initiative)) {
    this.store = store;
    this.channelFor = channelFor;
    this.loaded = store ? this.load(store) : Promise.resolve();
  }

  /** How many writes wait for the server (of one initiative, or all). */
  count(initiative?: string): number {
    if (!initiative) return this.entries.size;
    let n = 0;
    for (const e of this.entries.values()) if (e.write.initiative === initiative) n++;
    return n;
  }

  /** The waiting writes of one initiative, oldest first. */
  waiting(initiative: string): StoredWrite[] {
    return [...this.entries.values()].map((e) => e.write).filter((w) => w.initiative === initiative).sort((a, b) => a.at - b.at);
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  private changed() {
    for (const fn of [...this.listeners]) fn();
  }

  /** Keep and send one write; the same op_id again gets the same answer (one send). */
  send<T>(write: StoredWrite, channel?: WriteChannel, restored = false): Promise<T> {
    const had = this.entries.get(write.opId);
    if (had) return had.promise as Promise<T>;
    const kept = restored || !this.store ? Promise.resolve() : this.store.putWrite(write).catch(() => undefined);
    const entry: Entry = { write, restored, promise: Promise.resolve() };
    entry.promise = this.deliver<T>(entry, channel ?? this.channelFor(write.initiative), kept);
    this.entries.set(write.opId, entry);
    this.changed();
    return entry.promise as Promise<T>;
  }

  /** Forget the refusals shown. */
  dismiss() {
    this.refusals = [];
    this.changed();
  }

  /** Stop sending (sign-out): what waits stays kept for this person's next sign-in. */
  close() {
    this.closed = true;
    this.store?.close();
  }

  private async deliver<T>(entry: Entry, channel: WriteChannel, kept: Promise<unknown>): Promise<T> {
    const { write } = entry;
    const op = { op_id: write.opId, ...write.payload };
    await kept; // kept before it is first sent: a reload from here on sends it again
    try {
      for (let attempt = 0; ; attempt++) {
        await channel.waitForConnect();
        // signed out meanwhile: never send one person's write on another's connection
        if (this.closed) throw new SocketError({ code: "signed_out", message: "Signed out: the change is kept for your next sign-in." });
        let ack;
        try {
          ack = await channel.request<T>(write.action, op);
        } catch {
          if (attempt >= QUICK_RESENDS) await pause(backoff(attempt)); // a timeout or a drop: the same op_id again
          continue;
        }
        if (ack?.error?.code === "rate_limited") {
          await pause(RATE_LIMIT_PAUSE_MS);
          continue;
        }
        await this.store?.deleteWrite(write.opId).catch(() => undefined);
        if (ack?.error) {
          if (entry.restored) this.refused(write, ack.error);
          throw new SocketError(ack.error);
        }
        return ack.result as T;
      }
    } finally {
      if (!this.closed) this.entries.delete(write.opId);
      this.changed();
    }
  }

  private refused(write: StoredWrite, error: ErrorBody) {
    this.refusals = [...this.refusals, { opId: write.opId, action: write.action, message: error.message }];
  }

  private async load(store: OfflineStore) {
    const kept = await store.writes().catch((): StoredWrite[] => []);
    for (const write of kept) {
      if (this.closed) return;
      this.send(write, undefined, true).catch(() => undefined); // a refusal is kept in `refusals`
    }
  }
}

let current: Outbox | null = null;
const watchers = new Set<() => void>();

/** The outbox of whoever is signed in (null: nobody, or a browser that keeps nothing). */
export function currentOutbox(): Outbox | null {
  return current;
}

/** Switch to this person's outbox (their kept writes start sending), or to none on sign-out. */
export function setOutboxUser(userId: string | null) {
  if ((current?.store?.userId ?? null) === userId && (current || !userId)) return;
  current?.close();
  current = userId && canKeep() ? new Outbox(new OfflineStore(userId)) : null;
  for (const fn of [...watchers]) fn();
}

/** Hear when the signed-in person's outbox is switched. */
export function onOutboxSwitch(fn: () => void): () => void {
  watchers.add(fn);
  return () => { watchers.delete(fn); };
}
