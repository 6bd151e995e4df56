import { describe, expect, it } from "vitest";
import type { BoardEventType, LogEvent } from "../boardEvents";
import type { Card, Snapshot } from "../types";
import { applyEvent, applyEvents, fromSnapshot } from "./boardState";

const card = (id: string, version = 1, extra: Partial<Card> = {}): Card => ({
  id, initiative_id: "i1", kind: "observation", author: { id: "u1", name: "Tom" }, side: "provider",
  lane_position: 1, version, text: `card ${id}`, private: false, ...extra,
});
/** An event with only the data the reducer reads. */
const ev = (seq: number, type: BoardEventType, data: object): LogEvent => ({
  seq, initiative: "i1", type, actor: { id: "u1", name: "Tom" }, at: "2024-01-01T00:00:00Z", data, op_id: null,
}) as LogEvent;
const snapshot: Snapshot = {
  seq: 3,
  initiative: { id: "i1", engagement_id: "e1", title: "T", problem: "", outcome: "", status: "framing", seq: 3, version: 1 },
  cards: [card("a")],
  kpis: { agreed: false, buyer: null, provider: null, kpis: [] },
  access_grants: [], shadowing_sessions: [],
  power_ups: { courage: { level: 0, facts: [], next: "x" }, budget: { level: 0, facts: [], next: "x" }, story: { level: 0, facts: [], next: "x" } },
};

describe("applyEvent", () => {
  it("applies the next seq and advances", () => {
    const s = fromSnapshot(snapshot);
    const r = applyEvent(s, ev(4, "card.created", card("b") as any));
    expect(r.outcome).toBe("applied");
    expect(r.state.seq).toBe(4);
    expect(Object.keys(r.state.cards).sort()).toEqual(["a", "b"]);
  });

  it("ignores an event it already has", () => {
    const s = fromSnapshot(snapshot);
    const r = applyEvent(s, ev(3, "card.deleted", { id: "a", version: 1 }));
    expect(r.outcome).toBe("stale");
    expect(r.state).toBe(s);
  });

  it("reports a gap and changes nothing", () => {
    const s = fromSnapshot(snapshot);
    const r = applyEvent(s, ev(5, "card.created", card("b") as any));
    expect(r.outcome).toBe("gap");
    expect(r.state).toBe(s);
  });

  it("updates, deletes and restores cards; drops the `changed` list", () => {
    let s = fromSnapshot(snapshot);
    s = applyEvent(s, ev(4, "card.updated", { ...card("a", 2, { text: "new" }), changed: ["text"] })).state;
    expect(s.cards.a.text).toBe("new");
    expect("changed" in s.cards.a).toBe(false);
    s = applyEvent(s, ev(5, "card.deleted", { id: "a", version: 2 })).state;
    expect(s.cards.a).toBeUndefined();
    expect(s.deleted.a.text).toBe("new");
    s = applyEvent(s, ev(6, "card.restored", card("a", 2, { text: "new" }) as any)).state;
    expect(s.cards.a.text).toBe("new");
    expect(s.deleted.a).toBeUndefined();
  });

  it("advances the seq on events that do not touch cards", () => {
    const s = applyEvent(fromSnapshot(snapshot), ev(4, "kpis.agreed", { side: "buyer" })).state;
    expect(s.seq).toBe(4);
  });

  it("merges initiative updates", () => {
    const s = applyEvent(fromSnapshot(snapshot), ev(4, "initiative.updated", { status: "testing" })).state;
    expect(s.initiative?.status).toBe("testing");
    expect(s.initiative?.title).toBe("T");
  });
});

describe("applyEvents", () => {
  it("sorts, skips duplicates and applies in seq order", () => {
    const s = fromSnapshot(snapshot);
    const r = applyEvents(s, [
      ev(5, "card.updated", card("b", 2, { text: "b2" }) as any),
      ev(4, "card.created", card("b") as any),
      ev(3, "card.deleted", { id: "a" }),
      ev(5, "card.updated", card("b", 2, { text: "b2" }) as any),
    ]);
    expect(r.gap).toBe(false);
    expect(r.applied.map((e) => e.seq)).toEqual([4, 5]);
    expect(r.state.seq).toBe(5);
    expect(r.state.cards.b.text).toBe("b2");
    expect(r.state.cards.a).toBeDefined();
  });

  it("stops at a gap, keeping what came before it", () => {
    const r = applyEvents(fromSnapshot(snapshot), [ev(4, "kpi.created", {}), ev(6, "kpi.created", {})]);
    expect(r.gap).toBe(true);
    expect(r.state.seq).toBe(4);
  });
});
