// Catching up with a board's log: join with `since` (or for a snapshot), apply events strictly in seq
// order, buffer what arrives while joining, and join again on a gap.
import type { LogEvent } from "../boardEvents";
import { applyEvent, applyEvents, applyPrivate, emptyState, fromSnapshot, type BoardState } from "../lib/boardState";
import type { ErrorBody, Snapshot } from "../types";
import type { BoardChannel } from "./transport";

/** What the join snapshot holds beside the log's state (KPIs, grants, sessions, power-ups, workshop). */
export type Extras = Omit<Snapshot, "seq" | "initiative" | "cards">;

/** What the catch-up tells the board. */
export interface CatchUpListener {
  /** a join answered: `snapshot` when the whole board was loaded again; `applied` in seq order */
  joined(applied: LogEvent[], snapshot: boolean): void;
  /** one live event applied */
  applied(e: LogEvent): void;
  /** a `board:private` message applied (a change to one of my own private cards; the seq stays) */
  appliedPrivate(e: LogEvent): void;
  /** the server refused the join */
  refused(error: ErrorBody): void;
}

const REJOIN_DELAY_MS = 50;

export class CatchUp {
  state: BoardState = emptyState();
  extras: Extras | null = null;
  /** true once the board was loaded at least once */
  ready = false;
  closed = false;
  private joining = false;
  private rejoinWanted = false;
  private snapshotWanted = false;
  private buffered: LogEvent[] = [];
  private bufferedPrivate: LogEvent[] = [];
  private channel: BoardChannel;
  private listener: CatchUpListener;

  constructor(channel: BoardChannel, listener: CatchUpListener) {
    this.channel = channel;
    this.listener = listener;
  }

  /** Join (again): the events since the last one applied, or a snapshot the first time or when asked. */
  async join(): Promise<void> {
    if (this.closed) return;
    if (this.joining) {
      this.rejoinWanted = true;
      return;
    }
    if (!this.channel.connected) return; // the connect handler joins
    this.joining = true;
    this.rejoinWanted = false;
    const since = this.ready && !this.snapshotWanted ? this.state.seq : null;
    this.snapshotWanted = false;
    try {
      const ack = await this.channel.join(since);
      if (this.closed) return;
      if (ack?.error) {
        this.listener.refused(ack.error);
        return;
      }
      if (ack.snapshot) this.load(ack.snapshot);
      const r = applyEvents(this.state, [...(ack.events ?? []), ...this.buffered]);
      this.buffered = [];
      this.state = r.state;
      this.ready = true;
      this.listener.joined(r.applied, !!ack.snapshot);
      this.flushPrivate();
      if (r.gap) this.rejoinWanted = true;
    } catch {
      // a timeout or a dropped connection: the next connect or sync tick joins again
      if (this.channel.connected) this.rejoinWanted = true;
    } finally {
      this.joining = false;
    }
    if (this.rejoinWanted && !this.closed) setTimeout(() => this.join(), REJOIN_DELAY_MS);
  }

  private load(snapshot: Snapshot) {
    this.state = fromSnapshot(snapshot);
    const { seq: _seq, initiative: _initiative, cards: _cards, ...extras } = snapshot;
    this.extras = extras;
  }

  /** Show the board as this browser kept it (offline); the next join asks for the events after it. */
  loadKept(snapshot: Snapshot) {
    this.load(snapshot);
    this.ready = true;
  }

  /** Load the whole board again on the next join (now). */
  reload() {
    this.snapshotWanted = true;
    this.join();
  }

  /** The server's word of the latest seq: join when it is ahead of us. */
  tick(seq: number) {
    if (seq > this.state.seq) this.join();
  }

  /** A live event: applied when it is the next one, buffered while joining, a gap joins again. */
  receive(event: LogEvent) {
    if (this.joining || !this.ready) {
      this.buffered.push(event);
      return;
    }
    const r = applyEvent(this.state, event);
    if (r.outcome === "gap") {
      this.buffered.push(event);
      this.join();
    } else if (r.outcome === "applied") {
      this.state = r.state;
      this.listener.applied(event);
    }
  }

  /**
   * A `board:private` message: applied at once without the seq check (it has none), after the join when
   * one is under way (a snapshot loaded meanwhile would drop it otherwise).
   */
  receivePrivate(event: LogEvent) {
    this.bufferedPrivate.push(event);
    if (!this.joining && this.ready) this.flushPrivate();
  }

  private flushPrivate() {
    const events = this.bufferedPrivate;
    this.bufferedPrivate = [];
    for (const e of events) {
      this.state = applyPrivate(this.state, e);
      this.listener.appliedPrivate(e);
    }
  }

  /** Stop: an answer still in flight changes nothing. */
  close() {
    this.closed = true;
    this.joining = false;
  }

  /** Join again after a `close`. */
  reopen() {
    this.closed = false;
  }
}
