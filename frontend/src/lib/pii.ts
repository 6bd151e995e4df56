// A client-side look for personal data in observation text, by the same rules as board/pii.py, to
// warn before sending. The server stays the guard: it masks whatever it finds, whatever the client
// thought. tests/vectors/pii.json holds the cases both must agree on.
import { findPhoneNumbersInText, type CountryCode, type PhoneNumber } from "libphonenumber-js/max";

const W = "\\p{L}\\p{N}_";
const EMAIL = new RegExp(`[${W}.+-]+@[${W}-]+(?:\\.[${W}-]+)+`, "gu");
// 13-19 digits, optionally grouped by spaces or dashes (checked with Luhn)
const CARD = new RegExp(`(?<![${W}])(?:\\d[ -]?){12,18}\\d(?![${W}])`, "gu");
// a phone number's text begins with a +, a ( or the 0 that starts a run of digits: without one, the
// matcher need not run
const MAYBE_PHONE = /[+(]|(?<!\d)0/;
/** Numbers written without a country code are read as numbers of this region. */
export const REGION: CountryCode = "GB";

export type PiiKind = "email" | "card_number" | "phone";
export const PLACEHOLDER: Record<PiiKind, string> = { email: "[email]", card_number: "[card number]", phone: "[phone]" };
const NAME: Record<string, string> = { email: "an e-mail address", phone: "a phone number", card_number: "a payment card number" };

type Span = [start: number, end: number];

function luhn(digits: string): boolean {
  let total = 0;
  [...digits].reverse().forEach((ch, i) => {
    let n = Number(ch);
    if (i % 2) n = n > 4 ? n * 2 - 9 : n * 2;
    total += n;
  });
  return total % 10 === 0;
}

function emails(text: string): Span[] {
  return [...text.matchAll(EMAIL)].map((m) => [m.index, m.index + m[0].length]);
}

function cards(text: string): Span[] {
  return [...text.matchAll(CARD)]
    .filter((m) => {
      const digits = m[0].replace(/\D/g, "");
      return digits.length >= 13 && digits.length <= 19 && luhn(digits);
    })
    .map((m) => [m.index, m.index + m[0].length]);
}

/** As `_is_phone` in board/pii.py: with a country code or a bracketed area code, a possible number;
 *  otherwise a valid one written with its leading 0. */
function isPhone(raw: string, number: PhoneNumber): boolean {
  if (raw[0] === "+" || raw[0] === "(") return number.isPossible();
  return raw[0] === "0" && number.isValid();
}

function phones(text: string): Span[] {
  if (!MAYBE_PHONE.test(text)) return [];
  return findPhoneNumbersInText(text, { defaultCountry: REGION, extended: true })
    .filter((m) => isPhone(text.slice(m.startsAt, m.endsAt), m.number))
    .map((m) => [m.startsAt, m.endsAt]);
}

function replace(text: string, kind: PiiKind, spans: (text: string) => Span[], found: PiiKind[]): string {
  let out = "";
  let last = 0;
  for (const [start, end] of spans(text)) {
    out += text.slice(last, start) + PLACEHOLDER[kind];
    last = end;
    if (!found.includes(kind)) found.push(kind);
  }
  return out + text.slice(last);
}

/** `text` with personal data replaced as the server would, and the kinds found. */
export function maskPii(text: string): { text: string; found: PiiKind[] } {
  const found: PiiKind[] = [];
  let out = replace(text, "email", emails, found);
  out = replace(out, "card_number", cards, found); // before phones: a card number may also read as one
  out = replace(out, "phone", phones, found);
  return { text: out, found };
}

/** "an e-mail address and a phone number" */
export function describePii(kinds: readonly string[]): string {
  const names = kinds.map((k) => NAME[k] ?? k);
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
