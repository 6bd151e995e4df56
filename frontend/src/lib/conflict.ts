// Helpers for an edit that met a newer version (409): show both, let the user choose, lose nothing.
import type { Card, CardKind } from "../types";

export const EDITABLE: Record<CardKind, (keyof Card)[]> = {
  observation: ["text", "observation_kind"],
  story: ["title", "persona", "situation", "struggle", "outcome", "evidence", "told"],
  experiment: ["title", "hypothesis", "test", "metric", "criterion", "audience", "evidence", "observed", "learned", "decision", "published"],
};

export type Values = Partial<Record<keyof Card, unknown>>;
export type Choice = "mine" | "theirs";

export interface FieldDiff {
  field: keyof Card;
  base: unknown;
  mine: unknown;
  theirs: unknown;
  mineChanged: boolean;
  theirsChanged: boolean;
  /** both sides changed it, to different values */
  clash: boolean;
}

function norm(v: unknown): unknown {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) return [...v].map(String).sort().join("\u0001");
  return v;
}

export function same(a: unknown, b: unknown): boolean {
  return norm(a) === norm(b);
}

/** The fields where my draft and the current card differ, with who changed what since the base. */
export function diffFields(fields: (keyof Card)[], base: Values, mine: Values, theirs: Values): FieldDiff[] {
  return fields
    .filter((f) => !same(mine[f], theirs[f]))
    .map((field) => {
      const mineChanged = !same(base[field], mine[field]);
      const theirsChanged = !same(base[field], theirs[field]);
      return { field, base: base[field], mine: mine[field], theirs: theirs[field], mineChanged, theirsChanged,
               clash: mineChanged && theirsChanged };
    });
}

/** Default choice per differing field: whoever changed it wins; on a clash, keep what I typed. */
export function defaultChoices(diffs: FieldDiff[]): Record<string, Choice> {
  const out: Record<string, Choice> = {};
  for (const d of diffs) out[d.field] = d.mineChanged ? "mine" : "theirs";
  return out;
}

/** The merged card values after the choices. */
export function merge(fields: (keyof Card)[], mine: Values, theirs: Values, choices: Record<string, Choice>): Values {
  const out: Values = {};
  for (const f of fields) out[f] = choices[f] === "mine" ? mine[f] : theirs[f];
  return out;
}

/** What to send as a PATCH on top of `theirs`: only the fields that differ from it. */
export function changesAgainst(fields: (keyof Card)[], wanted: Values, against: Values): Values {
  const out: Values = {};
  for (const f of fields) if (f in wanted && !same(wanted[f], against[f])) out[f] = wanted[f];
  return out;
}

/** Pick the editable fields of a card. */
export function pick(card: Partial<Card>, fields: (keyof Card)[]): Values {
  const out: Values = {};
  for (const f of fields) out[f] = card[f];
  return out;
}
