import { describe, expect, it } from "vitest";
import type { BoardEventType, LogEvent } from "../boardEvents";
import type { Card, Snapshot } from "../types";
import type { WorkshopState } from "../workshopTypes";
import { applyEvent, applyEvents, fromSnapshot } from "./boardState";
import {
  clockOffset, clusterColour, clusterDrop, clusterRuns, describeWorkshopEvent, formatClock, hideAuthors, orderByCluster, remainingMs,
  resultsByCard,
} from "./workshop";

const card = (id: string, lane_position: number, cluster_id: string | null = null): Card => ({
  id, initiative_id: "i1", kind: "observation", author: { id: "u1", name: "Tom" }, side: "provider", lane_position, version: 1,
  text: `card ${id}`, cluster_id, private: false,
});
const felix = { id: "f", name: "Felix" };
/** An event with only the data the code under test reads. */
const ev = (seq: number, type: BoardEventType, data: object, actor: LogEvent["actor"] = felix): LogEvent => ({
  seq, initiative: "i1", type, actor, at: "2024-01-01T10:00:00Z", data, op_id: null,
}) as LogEvent;
const cluster = (id: string, label: string, created_at = "2024-01-01T09:00:00Z") => ({ id, initiative_id: "i1", label, created_at });
const ws = (over: Partial<WorkshopState> = {}): WorkshopState => ({
  initiative_id: "i1", timer: { status: "idle", ends_at: null, remaining_seconds: null, duration_seconds: null },
  focus_card_id: null, focus_by: null, anonymous: false, voting_round_id: null, server_time: "2024-01-01T10:00:00+00:00",
  phase: null, template: null, steps: [], step: null, prompt: null, agenda: [], agenda_index: null, private_cards: 0, ...over,
});
const snapshot = (extra: Partial<Snapshot> = {}): Snapshot => ({
  seq: 3,
  initiative: { id: "i1", engagement_id: "e1", title: "T", problem: "", outcome: "", status: "framing", seq: 3, version: 1 },
  cards: [card("a", 1), card("b", 2, "k1")],
  kpis: { agreed: false, buyer: null, provider: null, kpis: [] },
  access_grants: [], shadowing_sessions: [],
  power_ups: { courage: { level: 0, facts: [], next: "x" }, budget: { level: 0, facts: [], next: "x" }, story: { level: 0, facts: [], next: "x" } },
  ...extra,
});

describe("workshop state from the event log", () => {
  it("starts from the snapshot: timer, focus and who set it, the latest round, clusters", () => {
    const s = fromSnapshot(snapshot({
      workshop: ws({ timer: { status: "running", ends_at: "2024-01-01T10:05:00+00:00", remaining_seconds: 300, duration_seconds: 300 },
                     focus_card_id: "a", focus_by: felix, anonymous: true, voting_round_id: "r1" }),
      clusters: [cluster("k1", "Re-keying")],
      voting_round: { id: "r1", initiative_id: "i1", votes_per_person: 3, status: "open", created_at: "", revealed_at: null,
                      my_votes: ["a"], votes_left: 2, votes_cast: 4, voters: 2, results: null, scope: null },
    }));
    expect(s.workshop.timer.status).toBe("running");
    expect(s.workshop.focus_by?.name).toBe("Felix");
    expect(s.workshop.anonymous).toBe(true);
    expect(s.workshop.round).toMatchObject({ id: "r1", votes_cast: 4, voters: 2, status: "open" });
    expect(Object.keys(s.workshop.clusters)).toEqual(["k1"]);
  });

  it("copes with a snapshot without workshop fields", () => {
    const s = fromSnapshot(snapshot());
    expect(s.workshop.timer.status).toBe("idle");
    expect(s.workshop.round).toBeNull();
    expect(s.workshop.clusters).toEqual({});
  });

  it("applies timer, focus and anonymity events in seq order, never out of it", () => {
    const s = fromSnapshot(snapshot());
    const running = { status: "running", ends_at: "2024-01-01T10:05:00+00:00", remaining_seconds: 300, duration_seconds: 300 } as const;
    const gap = applyEvent(s, ev(5, "workshop.timer", ws({ timer: running })));
    expect(gap.outcome).toBe("gap");
    expect(gap.state.workshop.timer.status).toBe("idle");
    const r = applyEvents(s, [
      ev(5, "workshop.anonymity", ws({ timer: running, focus_card_id: "a", anonymous: true })),
      ev(4, "workshop.focus", ws({ timer: running, focus_card_id: "a" })),  // no focus_by: the actor set it
      ev(4, "workshop.focus", ws({ timer: running, focus_card_id: "a" })),  // a duplicate is ignored
    ]);
    expect(r.state.seq).toBe(5);
    expect(r.state.workshop).toMatchObject({ focus_card_id: "a", anonymous: true, timer: running });
    expect(r.state.workshop.focus_by?.name).toBe("Felix");  // kept by the later anonymity event
    const cleared = applyEvent(r.state, ev(6, "workshop.focus", ws({ timer: running }))).state;
    expect(cleared.workshop.focus_card_id).toBeNull();
    expect(cleared.workshop.focus_by).toBeNull();
  });

  it("follows a voting round by its counts, then ranks the cards at the reveal", () => {
    let s = fromSnapshot(snapshot());
    const round = { round_id: "r1", votes_per_person: 2, status: "open" };
    s = applyEvents(s, [
      ev(4, "voting.started", { ...round, votes_cast: 0, voters: 0 }),
      ev(5, "vote.cast", { ...round, votes_cast: 1, voters: 1, anonymous: true }, null),
      ev(6, "vote.cast", { ...round, votes_cast: 2, voters: 2, anonymous: true }, null),
      ev(7, "vote.removed", { ...round, votes_cast: 1, voters: 1, anonymous: true }, null),
    ]).state;
    expect(s.workshop.round).toEqual({ id: "r1", votes_per_person: 2, status: "open", votes_cast: 1, voters: 1, results: null, scope: null });
    expect(resultsByCard(s.workshop.round)).toEqual({});
    s = applyEvent(s, ev(8, "voting.revealed", { ...round, status: "revealed", votes_cast: 1, voters: 1,
                                                   results: [{ card_id: "b", votes: 1, rank: 1 }] })).state;
    expect(s.workshop.round?.status).toBe("revealed");
    expect(resultsByCard(s.workshop.round)).toEqual({ b: { card_id: "b", votes: 1, rank: 1 } });
    s = applyEvent(s, ev(9, "voting.started", { round_id: "r2", votes_per_person: 5, status: "open", votes_cast: 0, voters: 0 })).state;
    expect(s.workshop.round).toMatchObject({ id: "r2", votes_per_person: 5, votes_cast: 0, results: null });
  });

  it("leaves nothing running once the workshop ended: timer, focus, hidden authors, the round", () => {
    const running = { status: "running", ends_at: "2024-01-01T10:05:00+00:00", remaining_seconds: 300, duration_seconds: 300 } as const;
    let s = applyEvents(fromSnapshot(snapshot()), [
      ev(4, "workshop.anonymity", ws({ timer: running, focus_card_id: "a", anonymous: true })),
      ev(5, "voting.started", { round_id: "r1", votes_per_person: 2, status: "open", votes_cast: 0, voters: 0 }),
    ]).state;
    const summary = { started_at: "2024-01-01T10:00:00Z", ended_at: "2024-01-01T11:00:00Z", ended_by: felix,
                      participants: [{ id: "u1", name: "Tom", side: "provider" }], cards: { observation: 2, story: 0, experiment: 0 },
                      comments: 1, voting: null, decisions: [] };
    const ended = ev(6, "workshop.ended", { ...ws(), summary });
    s = applyEvent(s, ended).state;
    expect(s.workshop).toMatchObject({ focus_card_id: null, focus_by: null, anonymous: false, round: null });
    expect(s.workshop.timer.status).toBe("idle");
    expect(describeWorkshopEvent(ended, () => "")).toBe("ended the workshop: 1 person took part");
  });

  it("creates, renames and dissolves clusters; a dissolved cluster lets go of its cards", () => {
    let s = fromSnapshot(snapshot({ clusters: [cluster("k1", "Re-keying")] }));
    s = applyEvents(s, [
      ev(4, "cluster.created", cluster("k2", "Hand-offs")),
      ev(5, "cluster.updated", cluster("k1", "Re-keying the address")),
      ev(6, "card.updated", { ...card("a", 1, "k2"), version: 2, changed: ["cluster_id"] }),
    ]).state;
    expect(s.workshop.clusters.k1.label).toBe("Re-keying the address");
    expect(s.cards.a.cluster_id).toBe("k2");
    s = applyEvent(s, ev(7, "cluster.deleted", { id: "k1", cards: ["b"] })).state;
    expect(Object.keys(s.workshop.clusters)).toEqual(["k2"]);
    expect(s.cards.b.cluster_id).toBeNull();
    expect(s.cards.a.cluster_id).toBe("k2");
  });
});

describe("the timer on the server's clock", () => {
  const timer = { status: "running", ends_at: "2024-01-01T10:05:00Z", remaining_seconds: 300, duration_seconds: 300 } as const;

  it("counts down from ends_at whatever the local clock says", () => {
    // our clock is 7 minutes ahead of the server's: the offset corrects it
    const server = Date.parse("2024-01-01T10:01:00Z");
    const local = server + 7 * 60_000;
    const offset = clockOffset("2024-01-01T10:01:00Z", local - 40, local + 40);
    expect(offset).toBe(-7 * 60_000);
    expect(formatClock(remainingMs(timer, local + offset)!)).toBe("4:00");
    expect(remainingMs(timer, Date.parse("2024-01-01T10:06:00Z"))).toBe(0);
  });

  it("shows a paused timer's seconds, nothing for an idle one", () => {
    expect(remainingMs({ ...timer, status: "paused", ends_at: null, remaining_seconds: 65 }, 0)).toBe(65_000);
    expect(remainingMs({ status: "idle", ends_at: null, remaining_seconds: null, duration_seconds: null }, 0)).toBeNull();
  });

  it("formats whole seconds rounded up", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(1)).toBe("0:01");
    expect(formatClock(59_001)).toBe("1:00");
    expect(formatClock(3_723_000)).toBe("1:02:03");
    expect(clockOffset("not a time", 0, 10)).toBe(0);
  });
});

describe("clusters in a lane", () => {
  const clusters = { k1: cluster("k1", "Re-keying", "2024-01-01T09:00:00Z"), k2: cluster("k2", "Hand-offs", "2024-01-01T09:30:00Z") };
  const lane = [card("a", 1), card("b", 2, "k2"), card("c", 3, "k1"), card("d", 4), card("e", 5, "k2"), card("f", 6, "gone")];

  it("puts each cluster's cards at the top, oldest cluster first, the rest in lane order", () => {
    expect(orderByCluster(lane, clusters).map((c) => c.id)).toEqual(["c", "b", "e", "a", "d", "f"]);
    const runs = clusterRuns(orderByCluster(lane, clusters), clusters);
    expect(runs.map((r) => [r.cluster?.label ?? null, r.items.map((c) => c.id)])).toEqual([
      ["Re-keying", ["c"]], ["Hand-offs", ["b", "e"]], [null, ["a", "d", "f"]],
    ]);
  });

  it("gives neighbouring clusters different colours", () => {
    expect([clusterColour("k1", clusters), clusterColour("k2", clusters), clusterColour("gone", clusters)]).toEqual([0, 1, 0]);
  });

  it("a card dropped on a clustered card joins that cluster between its new neighbours", () => {
    const byId = Object.fromEntries(lane.map((c) => [c.id, c]));
    // "d" dropped on "e": display order c, b, d, e, a, f
    expect(clusterDrop(["c", "b", "d", "e", "a", "f"], "d", "e", byId, clusters)).toEqual({ cluster_id: "k2", lane_position: 3.5 });
    // "b" dropped on "a" leaves its cluster, placed before "a" among the unclustered cards
    expect(clusterDrop(["c", "e", "b", "a", "d", "f"], "b", "a", byId, clusters)).toEqual({ cluster_id: null, lane_position: 0 });
    // dropped on the lane itself: keeps its cluster
    expect(clusterDrop(["c", "b", "e", "a", "d", "f"], "e", null, byId, clusters).cluster_id).toBe("k2");
  });
});

describe("anonymity and wording", () => {
  it("hides authors the client already knew, only while anonymous", () => {
    const cards = [card("a", 1)];
    expect(hideAuthors(cards, true)[0].author).toBeNull();
    expect(hideAuthors(cards, false)).toBe(cards);
  });

  it("says what a workshop event did, and nothing for other events", () => {
    const label = (id: string) => `card ${id}`;
    expect(describeWorkshopEvent(ev(1, "workshop.focus", ws({ focus_card_id: "a" })), label)).toBe("focused everyone on “card a”");
    expect(describeWorkshopEvent(ev(1, "workshop.timer", ws({ timer: { status: "running", ends_at: "", remaining_seconds: 300,
      duration_seconds: 300 } })), label)).toBe("ran the timer: 5 min left");
    expect(describeWorkshopEvent(ev(1, "vote.cast", { votes_cast: 3 }), label)).toBe("cast a vote (3 votes so far)");
    expect(describeWorkshopEvent(ev(1, "card.created", {}), label)).toBeNull();
  });
});
