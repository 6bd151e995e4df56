import { describe, expect, it } from "vitest";
import type { Card } from "../types";
import { chainOf, citedByMap } from "./evidence";

const c = (id: string, kind: Card["kind"], evidence: string[] = []): Card =>
  ({ id, kind, evidence, initiative_id: "i", author: { id: "u", name: "U" }, side: "buyer", lane_position: 1, version: 1, private: false });

describe("evidence chain", () => {
  const cards = [c("o1", "observation"), c("o2", "observation"), c("o3", "observation"),
    c("s1", "story", ["o1", "o2"]), c("s2", "story", ["o2"]), c("e1", "experiment", ["s1"]), c("e2", "experiment", ["s1", "gone"])];
  const byId = Object.fromEntries(cards.map((x) => [x.id, x]));
  const citedBy = citedByMap(cards);

  it("reads 'cited by' backwards from the cards", () => {
    expect(citedBy.o2).toEqual(["s1", "s2"]);
    expect(citedBy.s1).toEqual(["e1", "e2"]);
    expect(citedBy.o3).toBeUndefined();
  });
  it("walks up what a card cites and down what cites it, never sideways", () => {
    expect(chainOf(byId.s1, byId, citedBy).sort()).toEqual(["e1", "e2", "o1", "o2"]);
    expect(chainOf(byId.o1, byId, citedBy).sort()).toEqual(["e1", "e2", "s1"]);
    expect(chainOf(byId.e2, byId, citedBy).sort()).toEqual(["o1", "o2", "s1"]); // the deleted "gone" is skipped
    expect(chainOf(byId.o3, byId, citedBy)).toEqual([]);
  });
});
