// A client-side look for personal data in observation text, mirroring board/pii.py, to warn before
// sending. The server stays the guard: it masks whatever it finds, whatever the client thought.

const W = "\\p{L}\\p{N}_";
const EMAIL = new RegExp(`[${W}.+-]+@[${W}-]+(?:\\.[${W}-]+)+`, "gu");
// 13-19 digits, optionally grouped by spaces or dashes (checked with Luhn)
const CARD = new RegExp(`(?<![${W}])(?:\\d[ -]?){12,18}\\d(?![${W}])`, "gu");
// an optional +country code, then 8-15 digits with common separators
const PHONE = new RegExp(`(?<![${W}])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,5}\\)[ .-]?)?\\d(?:[ .-]?\\d){6,13}(?![${W}])`, "gu");

export type PiiKind = "email" | "card_number" | "phone";
export const PLACEHOLDER: Record<PiiKind, string> = { email: "[email]", card_number: "[card number]", phone: "[phone]" };
const NAME: Record<string, string> = { email: "an e-mail address", phone: "a phone number", card_number: "a payment card number" };

function luhn(digits: string): boolean {
  let total = 0;
  [...digits].reverse().forEach((ch, i) => {
    let n = Number(ch);
    if (i % 2) n = n > 4 ? n * 2 - 9 : n * 2;
    total += n;
  });
  return total % 10 === 0;
}

function replace(text: string, kind: PiiKind, pattern: RegExp, found: PiiKind[], accept = (_m: string) => true): string {
  return text.replace(pattern, (m) => {
    if (!accept(m)) return m;
    if (!found.includes(kind)) found.push(kind);
    return PLACEHOLDER[kind];
  });
}

/** `text` with personal data replaced as the server would, and the kinds found. */
export function maskPii(text: string): { text: string; found: PiiKind[] } {
  const found: PiiKind[] = [];
  let out = replace(text, "email", EMAIL, found);
  out = replace(out, "card_number", CARD, found, (m) => {
    const digits = m.replace(/\D/g, "");
    return digits.length >= 13 && digits.length <= 19 && luhn(digits);
  }); // before phones: a card number also looks like one
  out = replace(out, "phone", PHONE, found);
  return { text: out, found };
}

/** "an e-mail address and a phone number" */
export function describePii(kinds: readonly string[]): string {
  const names = kinds.map((k) => NAME[k] ?? k);
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
