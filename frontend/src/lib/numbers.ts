// Numbers as people type them, read by the browser's locale: "1,500" and "1 500" are 1500 in English,
// "2,6" and "1.500" are 2.6 and 1500 in German. What could mean two things ("2,6" in English: 2.6 or
// 26?) is refused with a message naming the field, never stored as something else. The separators are
// learnt from Intl.NumberFormat's formatToParts, so every locale the browser knows is read its way.

/** A locale's decimal and grouping separators. */
export interface Separators {
  decimal: string;
  group: string;
}

/** The separators of `locale` (default: the browser's). */
export function separators(locale?: string): Separators {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

/** What typing a number gave: the number, or why it is refused (naming the field). */
export type Parsed = { ok: true; value: number } | { ok: false; error: string };

// spaces, no-break and narrow no-break spaces, thin space, apostrophes (de-CH groups with ’)
const SPACES = /[\s\u00a0\u202f\u2009'\u2019]/g;
const MINUS = /^[-\u2212]/;

/** Whether `digits` split at `sep` are groups of three after a first group of one to three. */
function grouped(text: string, sep: string): boolean {
  const groups = text.split(sep);
  return groups.length > 1 && /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/**
 * `text` typed into the field `label`, read in `locale` (default: the browser's). Space-like characters
 * group digits in every locale. The locale's decimal separator is the decimal point; its group separator
 * only groups (in threes): "2,6" in English is refused (2.6 or 26?), as is "2.6" in German. Where the
 * locale groups with spaces (French), the other of "." and "," is a decimal point too unless it could
 * be grouping: "2.6" is 2.6 but "2.600" (2600?) is refused.
 */
export function parseNumber(text: string, label: string, locale?: string): Parsed {
  const refuse = (why: string): Parsed => ({ ok: false, error: `${label}: ${why}` });
  const { decimal, group } = separators(locale);
  let s = text.trim();
  const negative = MINUS.test(s);
  if (negative) s = s.slice(1).trim();
  s = s.replace(SPACES, "");
  if (s === "") return refuse("enter a number.");
  if (!/^[\d.,]+$/.test(s)) return refuse(`"${text.trim()}" is not a number.`);
  const groupSep = group.replace(SPACES, "") || null; // a locale grouping with spaces: already removed
  const other = decimal === "," ? "." : ",";
  let intPart = s;
  let fraction = "";
  if (s.includes(decimal)) {
    const at = s.lastIndexOf(decimal);
    if (s.indexOf(decimal) !== at) return refuse(`"${text.trim()}" has more than one "${decimal}".`);
    [intPart, fraction] = [s.slice(0, at), s.slice(at + 1)];
    if (!/^\d+$/.test(fraction)) return refuse(`"${text.trim()}" is not a number.`);
  }
  if (groupSep && intPart.includes(groupSep)) {
    if (!grouped(intPart, groupSep)) return refuse(`"${text.trim()}" is not a number: "${groupSep}" groups digits in threes.`);
    intPart = intPart.split(groupSep).join("");
  } else if (!s.includes(decimal) && intPart.includes(other)) {
    // the other separator: a decimal point only if it cannot be read as grouping
    const pieces = intPart.split(other);
    if (pieces.length > 2) return refuse(`"${text.trim()}" is not a number.`);
    if (grouped(intPart, other)) {
      return refuse(`"${text.trim()}" could mean ${pieces.join("")} or ${pieces.join(".")}: write it as `
        + `${pieces.join("")} or ${pieces[0]}${decimal}${pieces[1]}.`);
    }
    [intPart, fraction] = pieces;
    if (!/^\d+$/.test(fraction)) return refuse(`"${text.trim()}" is not a number.`);
  }
  if (!/^\d*$/.test(intPart) || (intPart === "" && fraction === "")) return refuse(`"${text.trim()}" is not a number.`);
  const value = Number(`${negative ? "-" : ""}${intPart || "0"}${fraction ? `.${fraction}` : ""}`);
  if (!Number.isFinite(value) || Math.abs(value) > 1e15) return refuse("the number is too large.");
  return { ok: true, value };
}

/** Like `parseNumber`, but an empty field is `null` (an optional number). */
export function parseOptionalNumber(text: string, label: string, locale?: string): { ok: true; value: number | null } | { ok: false; error: string } {
  return text.trim() === "" ? { ok: true, value: null } : parseNumber(text, label, locale);
}

/** A number as the locale writes it (for putting a stored value back into a field). */
export function formatNumber(value: number | null | undefined, locale?: string): string {
  if (value === null || value === undefined) return "";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 10, useGrouping: false }).format(value);
}

/** Thrown by `readNumbers` when a field is refused: its message names the field. */
export class NumberInputError extends Error {}

/** Every field's number (or null when empty and optional); throws NumberInputError for the first refused. */
export function readNumbers<K extends string>(fields: Record<K, { text: string; label: string; optional?: boolean }>,
  locale?: string): Record<K, number | null> {
  const out = {} as Record<K, number | null>;
  for (const key of Object.keys(fields) as K[]) {
    const f = fields[key];
    const parsed = f.optional ? parseOptionalNumber(f.text, f.label, locale) : parseNumber(f.text, f.label, locale);
    if (!parsed.ok) throw new NumberInputError(parsed.error);
    out[key] = parsed.value;
  }
  return out;
}

/** A number for reading, the locale's way (grouped): "1,500.5" in English, "1.500,5" in German; "—" for none. */
export function showNumber(value: number | null | undefined, locale?: string): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 10 }).format(value);
}
