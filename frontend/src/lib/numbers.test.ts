import { describe, expect, it } from "vitest";
import { formatNumber, parseNumber, parseOptionalNumber, readNumbers, NumberInputError, separators } from "./numbers";

const value = (text: string, locale: string) => {
  const r = parseNumber(text, "Baseline", locale);
  return r.ok ? r.value : r.error;
};

describe("parseNumber", () => {
  it("learns the separators from the locale", () => {
    expect(separators("en-GB")).toEqual({ decimal: ".", group: "," });
    expect(separators("de-DE")).toEqual({ decimal: ",", group: "." });
  });

  it("reads English: grouping commas, a decimal point, spaces", () => {
    expect(value("1,500", "en-US")).toBe(1500);
    expect(value("1,234,567.25", "en-US")).toBe(1234567.25);
    expect(value("2.6", "en-US")).toBe(2.6);
    expect(value("1 500", "en-US")).toBe(1500);
    expect(value("1\u202f500", "en-US")).toBe(1500); // narrow no-break space
    expect(value(" -0.5 ", "en-US")).toBe(-0.5);
    expect(value(".5", "en-US")).toBe(0.5);
  });

  it("reads German: a decimal comma, grouping dots", () => {
    expect(value("2,6", "de-DE")).toBe(2.6);
    expect(value("1.500", "de-DE")).toBe(1500);
    expect(value("1.500,75", "de-DE")).toBe(1500.75);
    expect(value("1 500", "de-DE")).toBe(1500);
  });

  it("reads French: space grouping, a decimal comma, and a point where it cannot be grouping", () => {
    expect(value("1\u202f500,5", "fr-FR")).toBe(1500.5);
    expect(value("2,6", "fr-FR")).toBe(2.6);
    expect(value("2.6", "fr-FR")).toBe(2.6);
    expect(value("2.600", "fr-FR")).toMatch(/^Baseline: .*could mean 2600 or 2.6/);
  });

  it("refuses what could mean two things, naming the field, rather than store something else", () => {
    expect(value("2,6", "en-US")).toMatch(/^Baseline: "2,6" is not a number: "," groups digits in threes/);
    expect(value("2.6", "de-DE")).toMatch(/^Baseline: /);
    expect(value("1,50", "en-US")).toMatch(/^Baseline: /);
  });

  it("refuses what is not a number", () => {
    for (const bad of ["", "  ", "abc", "1e5", "1.2.3", "12,", "1..2", "--1", "0x10", "1,5,0"]) {
      expect(parseNumber(bad, "Target", "en-US")).toMatchObject({ ok: false, error: expect.stringMatching(/^Target: /) });
    }
    expect(value("1".repeat(20), "en-US")).toMatch(/too large/);
  });
});

describe("optional numbers and forms", () => {
  it("an empty optional field is null", () => {
    expect(parseOptionalNumber(" ", "Target", "en-US")).toEqual({ ok: true, value: null });
  });

  it("reads every field or throws for the first refused, naming it", () => {
    expect(readNumbers({ b: { text: "2,6", label: "Baseline" }, t: { text: "", label: "Target", optional: true } }, "de-DE"))
      .toEqual({ b: 2.6, t: null });
    expect(() => readNumbers({ b: { text: "2,6", label: "Baseline" } }, "en-US")).toThrow(NumberInputError);
    expect(() => readNumbers({ b: { text: "", label: "Amount" } }, "en-US")).toThrow(/^Amount: enter a number/);
  });

  it("formats a stored value back the locale's way, without grouping", () => {
    expect(formatNumber(2.6, "de-DE")).toBe("2,6");
    expect(formatNumber(1500, "en-US")).toBe("1500");
    expect(formatNumber(null, "en-US")).toBe("");
  });
});
