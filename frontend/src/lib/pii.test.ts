import { describe, expect, it } from "vitest";
import vectors from "../../../tests/vectors/pii.json";
import { describePii, maskPii, REGION } from "./pii";

describe("maskPii: the cases shared with board/pii.py (tests/vectors/pii.json)", () => {
  it("reads national numbers as the vectors' region", () => {
    expect(REGION).toBe(vectors.region);
  });
  it.each(vectors.cases)("$text", ({ text, masked, found }) => {
    expect(maskPii(text)).toEqual({ text: masked, found });
  });
});

describe("describePii", () => {
  it("names what it found in a sentence", () => {
    expect(describePii(["email"])).toBe("an e-mail address");
    expect(describePii(["email", "phone"])).toBe("an e-mail address and a phone number");
    expect(describePii(["email", "card_number", "phone"])).toBe("an e-mail address, a payment card number and a phone number");
  });
});
