// `#tags` in typed observations: parsed into the card's tags, highlighted when shown.

// The server accepts tags of 1-40 word characters or hyphens, starting with a word character.
const TAG = /(^|[^\p{L}\p{N}_&#/])#([\p{L}\p{N}_][\p{L}\p{N}_-]{0,39})(?![\p{L}\p{N}_-])/gu;
export const MAX_TAGS = 20;

export interface Parsed {
  text: string;
  tags: string[];
}

/** One captured line: the text as typed (trimmed) and its `#tags`, lower-cased and de-duplicated. */
export function parseCapture(line: string): Parsed {
  const text = line.replace(/\s+/g, " ").trim();
  const tags: string[] = [];
  for (const match of text.matchAll(TAG)) {
    const tag = match[2].replace(/-+$/, "").toLowerCase();
    if (tag && !tags.includes(tag) && tags.length < MAX_TAGS) tags.push(tag);
  }
  return { text, tags };
}

export type Token = { kind: "text"; value: string } | { kind: "tag"; value: string; tag: string };

/** Split text into plain runs and `#tag` runs, for rendering tags as chips (never as HTML). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    const start = (match.index ?? 0) + match[1].length;
    const raw = match[2].replace(/-+$/, "");
    if (start > last) tokens.push({ kind: "text", value: text.slice(last, start) });
    tokens.push({ kind: "tag", value: "#" + raw, tag: raw.toLowerCase() });
    last = start + 1 + raw.length;
  }
  if (last < text.length) tokens.push({ kind: "text", value: text.slice(last) });
  return tokens;
}

/** Tags of the card that its text does not already show inline. */
export function extraTags(text: string, tags: string[] | null | undefined): string[] {
  const inline = new Set(parseCapture(text).tags);
  return (tags ?? []).filter((t) => !inline.has(t));
}
