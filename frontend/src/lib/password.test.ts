import { describe, expect, it } from "vitest";
import { passwordProblem, passwordRules } from "./password";

const who = { email: "Ana.Buyer@northwind.example", name: "Ana Ribeiro" };
const state = (pw: string) => Object.fromEntries(passwordRules(pw, who).map((r) => [r.key, r.ok]));

describe("passwordRules", () => {
  it("knows nothing before anything is typed", () => {
    expect(state("")).toEqual({ length: null, personal: null, variety: null, common: null });
  });
  it("checks the length both ways", () => {
    expect(state("short").length).toBe(false);
    expect(state("a-long-enough1").length).toBe(true);
    expect(state("x".repeat(257)).length).toBe(false);
  });
  it("refuses the e-mail, its local part and the name, whatever the case", () => {
    expect(state("ana.buyer@northwind.example").personal).toBe(false);
    expect(state("ANA.BUYER").personal).toBe(false);
    expect(state("ana ribeiro").personal).toBe(false);
    expect(state("ribeiro-ana-42").personal).toBe(true);
  });
  it("counts different characters", () => {
    expect(state("aaaaabbbbbcccc").variety).toBe(false);
    expect(state("abcdeabcde").variety).toBe(true);
  });
  it("leaves the common-password rule to the server", () => {
    expect(state("password123").common).toBeNull();
  });
});

describe("passwordProblem", () => {
  it("names the first broken rule", () => {
    expect(passwordProblem("", who)).toBe("Choose a password.");
    expect(passwordProblem("abc", who)).toBe("Use at least 10 characters.");
    expect(passwordProblem("Ana Ribeiro", who)).toMatch(/e-mail address or your name/);
    expect(passwordProblem("1111122222", who)).toMatch(/5 different/);
    expect(passwordProblem("tide-lamp-orbit", who)).toBeNull();
  });
});
