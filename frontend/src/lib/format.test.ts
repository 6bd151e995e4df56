import { describe, expect, it } from "vitest";
import type { BoardEventType, LogEvent } from "../boardEvents";
import { describeEvent, initials, money, timeAgo, timeUntil } from "./format";

describe("initials", () => {
  it("takes first and last initials", () => expect(initials("Ana Maria Ribeiro")).toBe("AR"));
  it("handles one name", () => expect(initials("sponsor")).toBe("SP"));
  it("handles empty", () => expect(initials("  ")).toBe("?"));
});

describe("money", () => {
  it("formats whole and fractional amounts", () => {
    expect(money(6000, "GBP")).toBe("£6,000");
    expect(money(12.5, "EUR")).toBe("€12.50");
  });
});

describe("timeAgo", () => {
  const now = Date.parse("2024-05-01T12:00:00Z");
  it("reads naive timestamps as UTC", () => expect(timeAgo("2024-05-01T11:58:00", now)).toBe("2 min ago"));
  it("says just now", () => expect(timeAgo("2024-05-01T11:59:50Z", now)).toBe("just now"));
  it("counts days", () => expect(timeAgo("2024-04-28T12:00:00+00:00", now)).toBe("3 d ago"));
});

describe("describeEvent", () => {
  const e = (type: BoardEventType, data: object): LogEvent =>
    ({ seq: 1, initiative: "i", type, actor: { id: "u", name: "Ana" }, at: "", data, op_id: null }) as LogEvent;
  const none = () => undefined;
  it("describes card moves and creations", () => {
    expect(describeEvent(e("card.created", { kind: "story", title: "Payday" }), none)).toBe("added a story “Payday”");
    expect(describeEvent(e("card.updated", { kind: "experiment", title: "SMS", status: "running", changed: ["status"] }), none))
      .toBe("moved “SMS” to running");
  });
  it("names deleted cards from what it knew", () => {
    expect(describeEvent(e("card.deleted", { id: "c1" }), () => ({ kind: "observation", text: "Re-keying" })))
      .toBe("deleted “Re-keying”");
  });
  it("describes the power-ups the server pushed", () => {
    const meter = (level: number) => ({ level, facts: [], next: null });
    expect(describeEvent(e("power_ups.changed", { courage: meter(1), budget: meter(0), story: meter(3) }), none))
      .toBe("moved the power-ups to courage 1, budget 0, story 3");
  });
  it("describes budget decisions", () => {
    expect(describeEvent(e("budget.decided", { status: "approved", amount: 8000, approved_amount: 5000, currency: "GBP" }), none))
      .toBe("approved £5,000 of £8,000");
  });
});

describe("timeUntil", () => {
  const now = Date.parse("2024-05-01T12:00:00Z");
  it("counts down in minutes, hours and days", () => {
    expect(timeUntil("2024-05-01T12:10:00Z", now)).toBe("in 10 min");
    expect(timeUntil("2024-05-02T05:00:00Z", now)).toBe("in 17 h");
    expect(timeUntil("2024-05-08T12:00:00", now)).toBe("in 7 days");
  });
  it("is empty once passed", () => expect(timeUntil("2024-05-01T11:00:00Z", now)).toBe(""));
});
