import { describe, expect, it } from "vitest";
import type { BoardEventType, LogEvent } from "../boardEvents";
import type { Card, Snapshot } from "../types";
import type { WorkshopState } from "../workshopTypes";
import { applyEvent, applyPrivate, fromSnapshot } from "./boardState";
import { describeWorkshopEvent, inScope, nextStep, scopeText } from "./workshop";

const card = (id: string, extra: Partial<Card> = {}): Card => ({
  id, initiative_id: "i1", kind: "observation", author: { id: "u1", name: "Tom" }, side: "provider", lane_position: 1, version: 1,
  text: `card ${id}`, private: false, ...extra,
});
const ev = (seq: number | null, type: BoardEventType, data: object): LogEvent => ({
  seq, initiative: "i1", type, actor: { id: "f", name: "Felix" }, at: "2024-01-01T10:00:00Z", data, op_id: null,
}) as LogEvent;
const snapshot = (extra: Partial<Snapshot> = {}): Snapshot => ({
  seq: 3,
  initiative: { id: "i1", engagement_id: "e1", title: "T", problem: "", outcome: "", status: "framing", seq: 3, version: 1 },
  cards: [card("a")],
  kpis: { agreed: false, buyer: null, provider: null, kpis: [] },
  access_grants: [], shadowing_sessions: [],
  power_ups: { courage: { level: 0, facts: [], next: "x" }, budget: { level: 0, facts: [], next: "x" }, story: { level: 0, facts: [], next: "x" } },
  ...extra,
});
const steps = [
  { phase: "reflect", prompt: "What did you see?", seconds: 300 },
  { phase: "group", prompt: "Cluster them", seconds: null },
  { phase: "vote", prompt: "What costs most?", seconds: 180 },
  { phase: "discuss", prompt: "Talk it through", seconds: 240 },
] as const;
const state = (over: Partial<WorkshopState> = {}): WorkshopState => ({
  initiative_id: "i1", timer: { status: "idle", ends_at: null, remaining_seconds: null, duration_seconds: null },
  focus_card_id: null, focus_by: null, anonymous: false, voting_round_id: null, server_time: "2024-01-01T10:00:00+00:00",
  phase: "reflect", template: { id: "shadowing-debrief", name: "Shadowing debrief" }, steps: [...steps], step: 0, prompt: steps[0].prompt,
  agenda: [], agenda_index: null, private_cards: 0, ...over,
});

describe("private cards (board:private)", () => {
  it("adds my private card without moving the seq, and the next seq still applies", () => {
    const s = fromSnapshot(snapshot());
    const mine = applyPrivate(s, ev(null, "card.created", card("p", { private: true })));
    expect(mine.seq).toBe(3);
    expect(mine.cards.p.private).toBe(true);
    const r = applyEvent(mine, ev(4, "card.created", card("b")));
    expect(r.outcome).toBe("applied");
    expect(Object.keys(r.state.cards).sort()).toEqual(["a", "b", "p"]);
  });

  it("updates and deletes my private card, and never goes back to an older version", () => {
    let s = applyPrivate(fromSnapshot(snapshot()), ev(null, "card.created", card("p", { private: true })));
    s = applyPrivate(s, ev(null, "card.updated", { ...card("p", { private: true, version: 3, text: "v3" }), changed: ["text"] }));
    expect(s.cards.p).toMatchObject({ version: 3, text: "v3" });
    expect("changed" in s.cards.p).toBe(false);
    expect(applyPrivate(s, ev(null, "card.updated", card("p", { private: true, version: 2, text: "late" })))).toBe(s);
    s = applyPrivate(s, ev(null, "card.deleted", { id: "p", version: 3 }));
    expect(s.cards.p).toBeUndefined();
    expect(s.deleted.p.text).toBe("v3");
    expect(s.seq).toBe(3);
  });

  it("a reveal upserts the cards for everyone, as nobody's private card any more", () => {
    const mine = applyPrivate(fromSnapshot(snapshot()), ev(null, "card.created", card("p", { private: true })));
    const revealed = [card("p", { private: false }), card("q", { author: { id: "u2", name: "Ola" } })];
    const r = applyEvent(mine, ev(4, "cards.revealed", { cards: revealed }));
    expect(r.outcome).toBe("applied");
    expect(r.state.seq).toBe(4);
    expect(r.state.cards.p.private).toBe(false);
    expect(r.state.cards.q.author?.name).toBe("Ola");
    expect(applyEvent(r.state, ev(4, "cards.revealed", { cards: [] })).outcome).toBe("stale"); // in seq order like any event
  });
});

describe("phases in the workshop state", () => {
  it("reads the phase from the snapshot, and a server from before phases as none", () => {
    expect(fromSnapshot(snapshot({ workshop: state() })).workshop).toMatchObject({
      phase: "reflect", step: 0, prompt: "What did you see?", template: { name: "Shadowing debrief" }, private_cards: 0,
    });
    const { phase: _p, steps: _s, step: _i, ...before } = state();
    const old = fromSnapshot(snapshot({ workshop: before as WorkshopState })); // a server from before phases
    expect(old.workshop).toMatchObject({ phase: null, steps: [], step: null, agenda: [] });
  });

  it("applies the phase, the agenda and the count of private cards from any workshop.* event", () => {
    const s = fromSnapshot(snapshot({ workshop: state() }));
    const moved = applyEvent(s, ev(4, "workshop.phase", state({ phase: "discuss", step: 3, prompt: "Talk it through", agenda: ["a", "b"],
                                                                 agenda_index: 0, focus_card_id: "a", private_cards: 0 }))).state;
    expect(moved.workshop).toMatchObject({ phase: "discuss", step: 3, agenda: ["a", "b"], agenda_index: 0, focus_card_id: "a" });
    expect(moved.workshop.focus_by?.name).toBe("Felix");
    const unknown = applyEvent(moved, ev(5, "workshop.whatever" as BoardEventType, state({ phase: "discuss", step: 3, agenda: ["a", "b"],
                                                                                          agenda_index: 1, focus_card_id: "b" }))).state;
    expect(unknown.workshop.agenda_index).toBe(1);
    const ended = applyEvent(unknown, ev(6, "workshop.ended", { ...state({ phase: null }), summary: {} })).state;
    expect(ended.workshop).toMatchObject({ phase: null, steps: [], step: null, agenda: [], template: null, focus_card_id: null });
  });

  it("keeps the round's scope from voting.started through votes and the reveal", () => {
    const s = fromSnapshot(snapshot());
    const opened = applyEvent(s, ev(4, "voting.started", { round_id: "r1", votes_per_person: 3, status: "open", votes_cast: 0,
                                                          scope: { kind: "story" } })).state;
    expect(opened.workshop.round?.scope).toEqual({ kind: "story" });
    const voted = applyEvent(opened, ev(5, "vote.cast", { round_id: "r1", votes_per_person: 3, status: "open", votes_cast: 1 })).state;
    expect(voted.workshop.round?.scope).toEqual({ kind: "story" });
  });

  it("names the next step, and none after the last", () => {
    expect(nextStep({ steps: [...steps], step: 0 })).toBe(1);
    expect(nextStep({ steps: [...steps], step: 3 })).toBeNull();
    expect(nextStep({ steps: [], step: null })).toBeNull();
  });

  it("says what moved in the activity feed", () => {
    const label = (id: string) => `card ${id}`;
    expect(describeWorkshopEvent(ev(4, "workshop.started", state()), label))
      .toBe("started the workshop “Shadowing debrief”: Reflect — “What did you see?”");
    expect(describeWorkshopEvent(ev(5, "workshop.agenda", state({ phase: "discuss", agenda: ["a", "b"], agenda_index: 1 })), label))
      .toBe("moved the discussion to topic 2 of 2: “card b”");
    expect(describeWorkshopEvent(ev(6, "cards.revealed", { cards: [card("p"), card("q")] }), label)).toBe("revealed 2 private cards");
  });
});

describe("a vote's scope", () => {
  const obs = card("o", { cluster_id: "k1" });
  const story = card("s", { kind: "story", title: "S" });
  it("takes every card without a scope", () => {
    expect(inScope(obs, null)).toBe(true);
    expect(inScope(story, undefined)).toBe(true);
    expect(inScope(story, {})).toBe(true);
  });
  it("takes a lane's cards, a cluster's, or the chosen ones only", () => {
    expect([inScope(obs, { kind: "story" }), inScope(story, { kind: "story" })]).toEqual([false, true]);
    expect([inScope(obs, { cluster_id: "k1" }), inScope(story, { cluster_id: "k1" })]).toEqual([true, false]);
    expect([inScope(obs, { card_ids: ["s"] }), inScope(story, { card_ids: ["s"] })]).toEqual([false, true]);
  });
  it("says it in words", () => {
    const clusters = { k1: { id: "k1", initiative_id: "i1", label: "Re-keying", created_at: "" } };
    expect(scopeText(null, clusters)).toBe("every card");
    expect(scopeText({ kind: "story" }, clusters)).toBe("the stories");
    expect(scopeText({ cluster_id: "k1" }, clusters)).toBe("the cluster “Re-keying”");
    expect(scopeText({ card_ids: ["a", "b"] }, clusters)).toBe("2 chosen cards");
  });
});
