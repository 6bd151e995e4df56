import { describe, expect, it } from "vitest";
import { isQuarter, quarterMonths, quarterOf, shiftQuarter } from "./quarters";

describe("quarters", () => {
  it("names the quarter of a date in UTC", () => {
    expect(quarterOf(new Date("2026-03-31T23:59:59Z"))).toBe("2026-Q1");
    expect(quarterOf(new Date("2026-04-01T00:00:00Z"))).toBe("2026-Q2");
    expect(quarterOf(new Date("2025-12-15T12:00:00Z"))).toBe("2025-Q4");
  });
  it("steps across years both ways", () => {
    expect(shiftQuarter("2026-Q1", -1)).toBe("2025-Q4");
    expect(shiftQuarter("2025-Q4", 1)).toBe("2026-Q1");
    expect(shiftQuarter("2026-Q2", -6)).toBe("2024-Q4");
    expect(() => shiftQuarter("2026-Q5", 1)).toThrow();
  });
  it("knows a quarter when it sees one, and its months", () => {
    expect(isQuarter("2026-Q4")).toBe(true);
    expect(isQuarter("2026-Q9")).toBe(false);
    expect(isQuarter("26-Q1")).toBe(false);
    expect(quarterMonths("2026-Q3")).toBe("Jul – Sep 2026");
  });
});
