// Reconciliation without a socket: which pending writes an event settles (contract C1: by op_id),
// which the log has caught up with, and the cards as shown.
import { describe, expect, it } from "vitest";
import type { LogEvent } from "../boardEvents";
import { emptyState, type BoardState } from "../lib/boardState";
import type { Card } from "../types";
import { pendingCard, prune, settle, visibleCards, type Overlays } from "./reconcile";

const card = (id: string, version = 1, text = id): Card => ({
  id, initiative_id: "i1", kind: "observation", author: { id: "u", name: "Tom" }, side: "buyer", lane_position: 1, version, text, private: false,
});
const created = (c: Card, opId: string | null): LogEvent =>
  ({ seq: 1, initiative: "i1", type: "card.created", actor: null, at: "", data: c, op_id: opId });
const beforeC1 = (e: LogEvent): LogEvent => {
  const { op_id: _gone, ...rest } = e;
  return rest as LogEvent;
};
const stateWith = (...cards: Card[]): BoardState => ({ ...emptyState(), cards: Object.fromEntries(cards.map((c) => [c.id, c])) });
const me = { author: { id: "u2", name: "Pia" }, side: "provider" } as const;

describe("settle", () => {
  const pending: Overlays = { "tmp-1": { temp: true, opId: "op-1", card: pendingCard("tmp-1", "i1", { kind: "observation", text: "same" }, me) } };

  it("settles exactly the write whose op_id the event carries", () => {
    expect(settle(pending, created(card("n", 1, "same"), "op-1"))).toEqual({});
    expect(settle(pending, created(card("n", 1, "same"), "op-2"))).toBe(pending);
  });

  it("settles nothing on an event without a writer's op_id (CLI, seeding)", () => {
    expect(settle(pending, created(card("n", 1, "same"), null))).toBe(pending);
  });

  it("settles an edit or a delete by op_id too", () => {
    const edits: Overlays = { a: { temp: true, opId: "op-3", card: card("a", 1, "mine") }, b: { deleted: true, opId: "op-4", card: card("b") } };
    const updated: LogEvent = { seq: 2, initiative: "i1", type: "card.updated", actor: null, at: "", data: card("a", 2, "mine"), op_id: "op-3" };
    const deleted: LogEvent = { seq: 3, initiative: "i1", type: "card.deleted", actor: null, at: "", data: { id: "b", version: 1 }, op_id: "op-4" };
    expect(Object.keys(settle(edits, updated))).toEqual(["b"]);
    expect(Object.keys(settle(edits, deleted))).toEqual(["a"]);
  });

  it("only without any op_id (a server from before C1) guesses a create by kind, text and version 1", () => {
    expect(settle(pending, beforeC1(created(card("n", 1, "same"), null)))).toEqual({});
    expect(settle(pending, beforeC1(created(card("n", 1, "other"), null)))).toBe(pending);
  });
});

describe("prune and visibleCards", () => {
  it("draws pending writes over the log until the log has them", () => {
    const overlays: Overlays = {
      a: { card: card("a", 2, "answered") },
      b: { deleted: true, card: card("b") },
      "tmp-1": { temp: true, opId: "op-1", card: pendingCard("tmp-1", "i1", { kind: "story", title: "New" }, me) },
    };
    const state = stateWith(card("a", 1), card("b"), card("c"));
    const shown = visibleCards(state, prune(overlays, state), {});
    expect(shown.map((c) => [c.id, c.text ?? c.title])).toEqual([["a", "answered"], ["c", "c"], ["tmp-1", "New"]]);
    expect(shown.find((c) => c.id === "tmp-1")!.side).toBe("provider");
    const later = stateWith(card("a", 2, "answered"), card("c"));
    expect(Object.keys(prune(overlays, later))).toEqual(["tmp-1"]);
  });

  it("shows a kept observation as its author kept it while the log has that version", () => {
    const masked = { ...card("a", 2, "mail [email]"), pii_kept: true };
    const kept = { a: { ...masked, text: "mail jo@x.com" } };
    expect(visibleCards(stateWith(masked), {}, kept)[0].text).toBe("mail jo@x.com");
    expect(visibleCards(stateWith({ ...masked, version: 3 }), {}, kept)[0].text).toBe("mail [email]");
  });
});
