import { describe, expect, it } from "vitest";
import { clock, instant, secondsBetween, sinceStart } from "./sessionTime";

describe("clock", () => {
  it("shows minutes and seconds", () => {
    expect(clock(0)).toBe("0:00");
    expect(clock(7)).toBe("0:07");
    expect(clock(192)).toBe("3:12");
  });
  it("adds hours once past one, padding the minutes", () => expect(clock(3792)).toBe("1:03:12"));
  it("never goes below zero and drops fractions", () => {
    expect(clock(-5)).toBe("0:00");
    expect(clock(59.9)).toBe("0:59");
  });
});

describe("secondsBetween", () => {
  it("reads naive timestamps as UTC", () => expect(secondsBetween("2024-05-01T12:00:00", "2024-05-01T12:03:12Z")).toBe(192));
  it("accepts a number for now", () => expect(secondsBetween("2024-05-01T12:00:00Z", Date.parse("2024-05-01T12:00:30Z"))).toBe(30));
  it("is 0 for a time before the start or an unreadable one", () => {
    expect(secondsBetween("2024-05-01T12:00:00Z", "2024-05-01T11:59:00Z")).toBe(0);
    expect(secondsBetween("not a time", "2024-05-01T11:59:00Z")).toBe(0);
  });
});

describe("sinceStart", () => {
  const start = "2024-05-01T12:00:00+00:00";
  it("gives the offset with a plus", () => {
    expect(sinceStart(start, "2024-05-01T12:00:05.400Z")).toBe("+0:05");
    expect(sinceStart(start, "2024-05-01T12:03:12")).toBe("+3:12");
    expect(sinceStart(start, "2024-05-01T13:03:12Z")).toBe("+1:03:12");
  });
  it("is +0:00 for a line with no time yet", () => expect(sinceStart(start, null)).toBe("+0:00"));
});

describe("instant", () => {
  it("normalises to ISO in UTC", () => expect(instant("2024-05-01T12:03:12").iso).toBe("2024-05-01T12:03:12.000Z"));
  it("is empty for nothing", () => expect(instant(undefined)).toEqual({ iso: "", label: "" }));
});
