import { describe, expect, it } from "vitest";
import { byLanePosition, positionBetween, positionForIndex } from "./positions";

const list = (...ps: number[]) => ps.map((p, i) => ({ id: `c${i}`, lane_position: p }));

describe("positionBetween", () => {
  it("takes the midpoint between neighbours", () => expect(positionBetween(1, 2)).toBe(1.5));
  it("goes after the last", () => expect(positionBetween(4.5, undefined)).toBe(5));
  it("goes before the first", () => expect(positionBetween(undefined, 1)).toBe(0));
  it("starts at 1 in an empty list", () => expect(positionBetween()).toBe(1));
  it("nudges past equal neighbours", () => expect(positionBetween(2, 2)).toBeGreaterThan(2));
});

describe("positionForIndex", () => {
  it("moves a card down within its list", () => {
    // c0 to index 1 → between c1 (2) and c2 (3)
    expect(positionForIndex(list(1, 2, 3), "c0", 1)).toBe(2.5);
  });
  it("moves a card up to the top", () => expect(positionForIndex(list(1, 2, 3), "c2", 0)).toBe(0));
  it("moves a card to the end", () => expect(positionForIndex(list(1, 2, 3), "c0", 2)).toBe(4));
  it("answers null when the card stays put", () => expect(positionForIndex(list(1, 2, 3), "c1", 1)).toBeNull());
  it("places a card from another list", () => {
    expect(positionForIndex(list(1, 2), "other", 1)).toBe(1.5);
    expect(positionForIndex([], "other", 0)).toBe(1);
  });
  it("clamps indexes out of range", () => expect(positionForIndex(list(1, 2), "x", 9)).toBe(3));
});

describe("byLanePosition", () => {
  it("orders by position, then creation time, then id", () => {
    const cards = [
      { id: "b", lane_position: 1, created_at: "2024-01-02" },
      { id: "a", lane_position: 1, created_at: "2024-01-02" },
      { id: "c", lane_position: 0.5, created_at: "2024-01-09" },
      { id: "d", lane_position: 1, created_at: "2024-01-01" },
    ];
    expect([...cards].sort(byLanePosition).map((c) => c.id)).toEqual(["c", "d", "a", "b"]);
  });
});
