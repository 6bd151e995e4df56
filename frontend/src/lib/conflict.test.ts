import { describe, expect, it } from "vitest";
import { changesAgainst, defaultChoices, diffFields, merge, pick, same, EDITABLE } from "./conflict";

const fields = EDITABLE.story;
const base = { title: "Payday", persona: "Customer", situation: "", struggle: "", outcome: "", evidence: ["o1"], told: false };

describe("diffFields", () => {
  it("lists only fields where mine and theirs differ, with who changed them", () => {
    const mine = { ...base, title: "Paying on payday", outcome: "A later due date" };
    const theirs = { ...base, title: "Payday dates", persona: "Customer in arrears" };
    const diffs = diffFields(fields, base, mine, theirs);
    expect(diffs.map((d) => d.field)).toEqual(["title", "persona", "outcome"]);
    const title = diffs[0];
    expect(title).toMatchObject({ mineChanged: true, theirsChanged: true, clash: true });
    expect(diffs[1]).toMatchObject({ field: "persona", mineChanged: false, theirsChanged: true, clash: false });
    expect(diffs[2]).toMatchObject({ field: "outcome", mineChanged: true, theirsChanged: false, clash: false });
  });

  it("treats null, undefined and empty text alike, and lists as sets", () => {
    expect(same(null, "")).toBe(true);
    expect(same(undefined, null)).toBe(true);
    expect(same(["a", "b"], ["b", "a"])).toBe(true);
    expect(same(["a"], ["a", "b"])).toBe(false);
    expect(diffFields(fields, base, { ...base, persona: null as any }, { ...base, persona: "Customer" })).toHaveLength(1);
  });

  it("finds nothing when both made the same change", () => {
    const both = { ...base, title: "Same" };
    expect(diffFields(fields, base, both, both)).toEqual([]);
  });
});

describe("choices and merge", () => {
  const mine = { ...base, title: "Mine", outcome: "Mine too" };
  const theirs = { ...base, title: "Theirs", persona: "Theirs" };
  const diffs = diffFields(fields, base, mine, theirs);

  it("defaults to whoever changed a field, and to mine on a clash", () => {
    expect(defaultChoices(diffs)).toEqual({ title: "mine", persona: "theirs", outcome: "mine" });
  });

  it("merges by choice and sends only what differs from the current card", () => {
    const merged = merge(fields, mine, theirs, defaultChoices(diffs));
    expect(merged).toMatchObject({ title: "Mine", persona: "Theirs", outcome: "Mine too" });
    expect(changesAgainst(fields, merged, theirs)).toEqual({ title: "Mine", outcome: "Mine too" });
  });

  it("taking theirs everywhere sends nothing", () => {
    const merged = merge(fields, mine, theirs, { title: "theirs", persona: "theirs", outcome: "theirs" });
    expect(changesAgainst(fields, merged, theirs)).toEqual({});
  });

  it("picks the editable fields of a card", () => {
    expect(pick({ id: "x", kind: "observation", text: "t", observation_kind: "quote" } as any, EDITABLE.observation))
      .toEqual({ text: "t", observation_kind: "quote" });
  });
});
