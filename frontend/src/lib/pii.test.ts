import { describe, expect, it } from "vitest";
import { describePii, maskPii } from "./pii";

describe("maskPii (as board/pii.py does)", () => {
  it("masks e-mail addresses, phone numbers and Luhn-valid card numbers", () => {
    const r = maskPii("Customer jo.smith@example.com called from +44 7700 900123 about card 4111 1111 1111 1111");
    expect(r.text).toBe("Customer [email] called from [phone] about card [card number]");
    expect([...r.found].sort()).toEqual(["card_number", "email", "phone"]);
  });
  it("leaves amounts, case ids, times and non-Luhn long numbers alone", () => {
    expect(maskPii("Paid 1,250.00 on case 123456 at 14:30").found).toEqual([]);
    expect(maskPii("Ref 4111 1111 1111 1112").text).toBe("Ref [phone] 1112"); // not a card (Luhn); a long digit run reads as a phone
    expect(maskPii("Order 12345").found).toEqual([]);
  });
  it("finds phones written with brackets and dots, and unicode e-mail names", () => {
    expect(maskPii("ring (0113) 496 0000 now").text).toBe("ring [phone] now");
    expect(maskPii("mail zoë.müller@example.de").text).toBe("mail [email]");
  });
  it("names what it found in a sentence", () => {
    expect(describePii(["email"])).toBe("an e-mail address");
    expect(describePii(["email", "phone"])).toBe("an e-mail address and a phone number");
    expect(describePii(["email", "card_number", "phone"])).toBe("an e-mail address, a payment card number and a phone number");
  });
});
