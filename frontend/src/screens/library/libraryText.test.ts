import { describe, expect, it } from "vitest";
import { buyerMentions, parseTags } from "./libraryText";

describe("parseTags", () => {
  it("reads commas, spaces and #, lower-cases and de-duplicates", () => {
    expect(parseTags(" Collections, #payday  promise-to-pay,payday ")).toEqual({ tags: ["collections", "payday", "promise-to-pay"], invalid: [] });
  });
  it("sets apart what the server would refuse", () => {
    expect(parseTags("ok -bad a!b")).toEqual({ tags: ["ok"], invalid: ["-bad", "a!b"] });
    expect(parseTags("")).toEqual({ tags: [], invalid: [] });
  });
});

describe("buyerMentions", () => {
  const people = ["Ana Ribeiro", "Ben Okafor"];
  it("says nothing of a clean learning", () => {
    expect(buyerMentions("Timing, not willingness, breaks most promises.", "Northwind Consumer Finance", people)).toEqual([]);
  });
  it("names the buyer, its people and its figures", () => {
    const w = buyerMentions("At Northwind, Ana saw 63% kept and £2,000 plans", "Northwind Consumer Finance", people);
    expect(w[0]).toContain("“Northwind”");
    expect(w[1]).toContain("“Ana”");
    expect(w[2]).toContain("63%");
    expect(w[2]).toContain("£2,000");
  });
  it("matches whole words only, and ignores generic words of the name", () => {
    expect(buyerMentions("Banana finance tips", "Northwind Consumer Finance", people)).toEqual([]);
  });
});
