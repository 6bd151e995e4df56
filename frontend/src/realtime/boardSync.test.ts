import { describe, expect, it } from "vitest";
import { BoardSync } from ".";
import type { BoardEventType, LogEvent } from "../boardEvents";
import type { Card, Snapshot } from "../types";

type Handler = (...args: any[]) => void;

/** Just enough of a socket.io-client Socket: handlers, emits with acks we answer by hand. */
class FakeSocket {
  connected = true;
  active = true;
  handlers = new Map<string, Set<Handler>>();
  calls: { event: string; payload: any; resolve: (v: any) => void; reject: (e: any) => void }[] = [];
  emitted: { event: string; payload: any }[] = [];
  on(event: string, fn: Handler) { (this.handlers.get(event) ?? this.handlers.set(event, new Set()).get(event)!).add(fn); return this; }
  off(event: string, fn: Handler) { this.handlers.get(event)?.delete(fn); return this; }
  once(event: string, fn: Handler) { const w = (...a: any[]) => { this.off(event, w); fn(...a); }; return this.on(event, w); }
  emit(event: string, payload: any) { this.emitted.push({ event, payload }); return this; }
  connect() { return this; }
  timeout() {
    return { emitWithAck: (event: string, payload: any) => new Promise((resolve, reject) => this.calls.push({ event, payload, resolve, reject })) };
  }
  fire(event: string, ...args: any[]) { for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args); }
  next(event: string) {
    const i = this.calls.findIndex((c) => c.event === event);
    if (i < 0) throw new Error(`no pending ${event}; have ${this.calls.map((c) => c.event)}`);
    return this.calls.splice(i, 1)[0];
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const card = (id: string, version = 1, text = id): Card => ({
  id, initiative_id: "i1", kind: "observation", author: { id: "u", name: "Tom" }, side: "provider", lane_position: 1, version, text, private: false,
});
const BEFORE_C1 = Symbol("a server from before contract C1: no op_id");
/** An event as the server sends it, with the op_id of the write that made it. */
const ev = (seq: number, type: BoardEventType, data: object, opId: string | null | typeof BEFORE_C1 = null): LogEvent => ({
  seq, initiative: "i1", type, actor: { id: "u", name: "Tom" }, at: "", data, ...(opId === BEFORE_C1 ? {} : { op_id: opId }),
}) as LogEvent;
const me = { author: { id: "u2", name: "Pia" }, side: "provider" } as const;
const snapshot = (seq: number, cards: Card[]): Snapshot => ({
  seq, cards,
  initiative: { id: "i1", engagement_id: "e1", title: "T", problem: "", outcome: "", status: "framing", seq, version: 1 },
  kpis: { agreed: false, buyer: null, provider: null, kpis: [] }, access_grants: [], shadowing_sessions: [],
  power_ups: { courage: { level: 0, facts: [], next: "" }, budget: { level: 0, facts: [], next: "" }, story: { level: 0, facts: [], next: "" } },
});

async function joined(seq = 3, cards = [card("a")]) {
  const socket = new FakeSocket();
  const sync = new BoardSync("i1", socket as any);
  sync.start();
  const join = socket.next("join");
  expect(join.payload).toEqual({ initiative: "i1", since: null });
  join.resolve({ seq, snapshot: snapshot(seq, cards) });
  await flush();
  return { socket, sync };
}

describe("BoardSync", () => {
  it("loads the snapshot, then applies live events in seq order", async () => {
    const { socket, sync } = await joined();
    expect(sync.getView().ready).toBe(true);
    expect(sync.getView().connection).toBe("live");
    socket.fire("event", ev(4, "card.created", card("b")));
    expect(sync.getView().cards.map((c) => c.id).sort()).toEqual(["a", "b"]);
    socket.fire("event", ev(4, "card.deleted", { id: "b" })); // a duplicate seq changes nothing
    expect(sync.getView().cards).toHaveLength(2);
    expect(sync.seq).toBe(4);
  });

  it("re-joins with `since` on a gap and applies the replay plus what arrived meanwhile", async () => {
    const { socket, sync } = await joined();
    socket.fire("event", ev(6, "card.created", card("d"))); // 4 and 5 are missing
    const rejoin = socket.next("join");
    expect(rejoin.payload).toEqual({ initiative: "i1", since: 3 });
    socket.fire("event", ev(7, "card.created", card("e"))); // arrives while the join is in flight
    rejoin.resolve({ seq: 6, events: [ev(4, "card.created", card("b")), ev(5, "card.created", card("c")), ev(6, "card.created", card("d"))] });
    await flush();
    expect(sync.seq).toBe(7);
    expect(sync.getView().cards.map((c) => c.id).sort()).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("catches up when a sync tick is ahead, and after a reconnect", async () => {
    const { socket, sync } = await joined();
    socket.fire("sync", { initiative: "i1", seq: 3 });
    expect(socket.calls).toHaveLength(0);
    socket.fire("sync", { initiative: "i1", seq: 4 });
    socket.next("join").resolve({ seq: 4, events: [ev(4, "card.updated", { ...card("a", 2, "edited"), changed: ["text"] })] });
    await flush();
    expect(sync.getView().cards[0].text).toBe("edited");

    socket.connected = false;
    socket.fire("disconnect");
    expect(sync.getView().connection).toBe("offline");
    socket.connected = true;
    socket.fire("connect");
    const join = socket.next("join");
    expect(join.payload.since).toBe(4);
    join.resolve({ seq: 4, events: [] });
    await flush();
    expect(sync.getView().connection).toBe("live");
  });

  it("resends a write with the same op_id after a timeout, and shows it at once", async () => {
    const { socket, sync } = await joined();
    const done = sync.updateCard(card("a"), { text: "typed" });
    await flush();
    expect(sync.getView().cards[0].text).toBe("typed"); // optimistic
    const first = socket.next("card:update");
    first.reject(new Error("operation has timed out"));
    await flush();
    const second = socket.next("card:update");
    expect(second.payload.op_id).toBe(first.payload.op_id);
    expect(second.payload).toMatchObject({ card: "a", data: { version: 1, text: "typed" } });
    second.resolve({ ok: true, result: card("a", 2, "typed") });
    expect((await done).version).toBe(2);
    expect(sync.getView().pending).toBe(0);
  });

  it("rolls an optimistic change back when the server refuses, with its error", async () => {
    const { socket, sync } = await joined();
    const done = sync.updateCard(card("a"), { text: "mine" });
    await flush();
    socket.next("card:update").resolve({ error: { code: "stale_version", message: "changed", current: card("a", 2, "theirs") } });
    await expect(done).rejects.toMatchObject({ code: "stale_version", current: { text: "theirs" } });
    expect(sync.getView().cards[0].text).toBe("a");
  });

  it("a new op_id for each action", async () => {
    const { socket, sync } = await joined();
    sync.comment("a", "one");
    sync.comment("a", "two");
    await flush();
    const [x, y] = [socket.next("comment:create"), socket.next("comment:create")];
    expect(x.payload.op_id).not.toBe(y.payload.op_id);
  });
});

describe("BoardSync creates (contract C1: reconciled by op_id)", () => {
  const fresh = () => ({ ...card("n", 1, "fresh"), created_at: new Date().toISOString() });

  it("draws the pending card as the member's own: their side and name", async () => {
    const { sync } = await joined();
    sync.createCard({ kind: "observation", text: "fresh" }, me);
    await flush();
    const pending = sync.getView().cards.find((c) => c.text === "fresh")!;
    expect(pending.id.startsWith("tmp-")).toBe(true);
    expect(pending.side).toBe("provider");
    expect(pending.author).toEqual({ id: "u2", name: "Pia" });
  });

  it("settles the pending card by its own event's op_id when the event beats the ack", async () => {
    const { socket, sync } = await joined();
    const done = sync.createCard({ kind: "observation", text: "fresh" }, me);
    await flush();
    const sent = socket.next("card:create");
    socket.fire("event", ev(4, "card.created", fresh(), sent.payload.op_id));
    expect(sync.getView().cards.filter((c) => c.text === "fresh").map((c) => c.id)).toEqual(["n"]);
    sent.resolve({ ok: true, result: fresh() });
    await done;
    expect(sync.getView().cards.filter((c) => c.text === "fresh").map((c) => c.id)).toEqual(["n"]);
  });

  it("keeps the pending card when someone else adds the same text (another op_id)", async () => {
    const { socket, sync } = await joined();
    const done = sync.createCard({ kind: "observation", text: "fresh" }, me);
    await flush();
    const sent = socket.next("card:create");
    socket.fire("event", ev(4, "card.created", { ...card("x", 1, "fresh"), author: { id: "u3", name: "Ola" } }, "someone-else"));
    expect(sync.getView().cards.filter((c) => c.text === "fresh").map((c) => c.id).sort()).toEqual([expect.stringMatching(/^tmp-/), "x"]);
    socket.fire("event", ev(5, "card.created", fresh(), null)); // a CLI write: null op_id settles nothing
    expect(sync.getView().cards.filter((c) => c.text === "fresh")).toHaveLength(3);
    sent.resolve({ ok: true, result: fresh() });
    await done;
    expect(sync.getView().cards.filter((c) => c.text === "fresh").map((c) => c.id).sort()).toEqual(["n", "x"]);
  });

  it("settles a pending edit by its event's op_id, and a later edit stays on top", async () => {
    const { socket, sync } = await joined();
    sync.updateCard(card("a"), { text: "one" });
    await flush();
    const first = socket.next("card:update");
    sync.updateCard(card("a"), { text: "two" });
    await flush();
    socket.fire("event", ev(4, "card.updated", { ...card("a", 2, "one"), changed: ["text"] }, first.payload.op_id));
    expect(sync.getView().cards[0].text).toBe("two"); // the second write is still pending
  });

  it("falls back to matching kind, text and version 1 only when the server sends no op_id", async () => {
    const { socket, sync } = await joined();
    const done = sync.createCard({ kind: "observation", text: "fresh" }, me);
    await flush();
    socket.fire("event", ev(4, "card.created", fresh(), BEFORE_C1));
    expect(sync.getView().cards.filter((c) => c.text === "fresh").map((c) => c.id)).toEqual(["n"]);
    socket.next("card:create").resolve({ ok: true, result: fresh() });
    await done;
    expect(sync.getView().cards.filter((c) => c.text === "fresh").map((c) => c.id)).toEqual(["n"]);
  });

  it("resends a create with the same op_id after a reconnect", async () => {
    const { socket, sync } = await joined();
    const done = sync.createCard({ kind: "story", title: "Payday" }, me);
    await flush();
    const first = socket.next("card:create");
    socket.connected = false;
    socket.fire("disconnect");
    first.reject(new Error("socket has been disconnected"));
    await flush();
    expect(socket.calls).toHaveLength(0); // waits for the connection
    socket.connected = true;
    socket.fire("connect");
    await flush();
    socket.next("join").resolve({ seq: 3, events: [] });
    const again = socket.next("card:create");
    expect(again.payload.op_id).toBe(first.payload.op_id);
    again.resolve({ ok: true, result: { ...card("s", 1), kind: "story", title: "Payday" } });
    expect((await done).id).toBe("s");
  });
});

describe("BoardSync and personal data kept by the author", () => {
  it("shows a kept observation as stored although its event carries the text masked", async () => {
    const { socket, sync } = await joined();
    const done = sync.updateCard(card("a"), { text: "mail jo@x.com", keep_pii: true });
    await flush();
    socket.next("card:update").resolve({ ok: true, result: { ...card("a", 2, "mail jo@x.com"), pii_kept: true } });
    await done;
    socket.fire("event", ev(4, "card.updated", { ...card("a", 2, "mail [email]"), pii_kept: true, changed: ["text"] }));
    expect(sync.getView().cards[0].text).toBe("mail jo@x.com");
    // masked again by someone: the event's text is what is stored now
    socket.fire("event", ev(5, "card.updated", { ...card("a", 3, "mail [email]"), pii_kept: false, changed: ["text"] }));
    expect(sync.getView().cards[0].text).toBe("mail [email]");
  });
});

describe("BoardSync and my private cards (board:private)", () => {
  const privateEv = (type: BoardEventType, data: object, opId: string | null = null) => ({ ...ev(0, type, data, opId), seq: null }) as unknown as LogEvent;

  it("applies a board:private message at once, without the seq check and without moving the seq", async () => {
    const { socket, sync } = await joined();
    socket.fire("board:private", privateEv("card.created", { ...card("p"), private: true }));
    expect(sync.getView().cards.find((c) => c.id === "p")?.private).toBe(true);
    expect(sync.seq).toBe(3);
    expect(socket.calls.filter((c) => c.event === "join")).toHaveLength(0); // no gap, no re-join
    socket.fire("event", ev(4, "card.created", card("b")));
    expect(sync.seq).toBe(4);
    socket.fire("board:private", { ...privateEv("card.created", card("x")), initiative: "other" });
    expect(sync.getView().cards.map((c) => c.id).sort()).toEqual(["a", "b", "p"]); // another board's message is not this one's
  });

  it("settles my pending private card by the op_id its private message carries back", async () => {
    const { socket, sync } = await joined();
    const fresh = () => ({ ...card("n", 1, "fresh"), private: true });
    const done = sync.createCard({ kind: "observation", text: "fresh" }, me);
    await flush();
    const sent = socket.next("card:create");
    socket.fire("board:private", privateEv("card.created", fresh(), sent.payload.op_id));
    expect(sync.getView().cards.filter((c) => c.text === "fresh").map((c) => c.id)).toEqual(["n"]);
    sent.resolve({ ok: true, result: fresh() });
    await done;
    expect(sync.getView().cards.filter((c) => c.text === "fresh").map((c) => c.id)).toEqual(["n"]);
  });

  it("keeps a private message that arrives while joining, and applies it after the join", async () => {
    const { socket, sync } = await joined();
    socket.fire("event", ev(5, "card.created", card("c"))); // a gap: joins again
    const rejoin = socket.next("join");
    socket.fire("board:private", privateEv("card.created", { ...card("p"), private: true }));
    rejoin.resolve({ seq: 5, snapshot: snapshot(5, [card("a"), card("c")]) });
    await flush();
    expect(sync.getView().cards.map((c) => c.id).sort()).toEqual(["a", "c", "p"]);
    expect(sync.seq).toBe(5);
  });
});
