import { describe, expect, it } from "vitest";
import type { Member } from "../types";
import { activeMention, insertMention, resolveHandle, suggestMembers, tokenizeMentions } from "./mentions";

const member = (id: string, name: string, email: string, side: "buyer" | "provider" = "buyer"): Member =>
  ({ user: { id, name, email }, side, roles: ["member"] });
const ana = member("1", "Ana Buyer", "ana.buyer@northwind.example");
const ben = member("2", "Ben Staff", "ben.staff@northwind.example");
const priya = member("3", "Priya Lead", "priya.lead@brightline.example", "provider");
const ana2 = member("4", "Ana Other", "a.other@brightline.example", "provider");
const members = [ana, ben, priya];

describe("mentions", () => {
  it("resolves the e-mail's local part, or a first name only when unique", () => {
    expect(resolveHandle("ana.buyer", members)).toBe(ana);
    expect(resolveHandle("Priya", members)).toBe(priya);
    expect(resolveHandle("Ana", [...members, ana2])).toBeUndefined();
    expect(resolveHandle("nobody", members)).toBeUndefined();
  });
  it("tokenizes known mentions, leaving e-mail addresses and unknown handles as text", () => {
    const t = tokenizeMentions("@ana.buyer, ask @priya. Mail jo@x.com or @nobody", members);
    expect(t.map((x) => (x.kind === "mention" ? `<${x.member.user.id}>` : x.value)).join("")).toBe(
      "<1>, ask <3>. Mail jo@x.com or @nobody");
  });
  it("finds the @query at the caret", () => {
    expect(activeMention("hi @pr", 6)).toEqual({ start: 3, query: "pr" });
    expect(activeMention("@", 1)).toEqual({ start: 0, query: "" });
    expect(activeMention("mail jo@x", 9)).toBeNull();
    expect(activeMention("hi @pr there", 12)).toBeNull();
  });
  it("suggests by name or handle prefix, never oneself", () => {
    expect(suggestMembers("b", members, "3").map((m) => m.user.id)).toEqual(["2", "1"]); // Ben by name first, then ana.buyer
    expect(suggestMembers("lead", members).map((m) => m.user.id)).toEqual(["3"]);
    expect(suggestMembers("", members, "1").map((m) => m.user.id)).toEqual(["2", "3"]);
  });
  it("inserts the handle in place of the typed query", () => {
    expect(insertMention("hi @pr", 3, 6, priya)).toEqual({ text: "hi @priya.lead ", caret: 15 });
    expect(insertMention("hi @pr see", 3, 5, priya)).toEqual({ text: "hi @priya.lead see", caret: 15 });
  });
});
