// From the generated OpenAPI types (./schema.ts) to the shapes the web app reads.
import type { components } from "./schema";

/** Every schema of the server's OpenAPI document, by name. */
export type Schemas = components["schemas"];

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * A schema as the server's answers carry it. The document marks every field the server fills as
 * optional (marshmallow's dump-only fields are never "required") and leaves sides, roles and nested
 * objects loose, so: every field is present except those named in `Optional`, and `Narrow` refines
 * fields to what the server guarantees beyond the document. A refinement must fit the document's
 * type and a name must be one of its fields, so a renamed or retyped field fails `tsc`.
 */
export type Sent<S, Narrow extends { [K in keyof S]?: S[K] } = Record<never, never>, Optional extends keyof S = never> = Simplify<
  { -readonly [K in Exclude<keyof S, Optional | keyof Narrow>]-?: Exclude<S[K], undefined> } &
  { -readonly [K in Exclude<keyof S, Optional> & keyof Narrow]-?: Narrow[K] } &
  { -readonly [K in Optional & keyof Narrow]?: Narrow[K] } &
  { -readonly [K in Exclude<Optional, keyof Narrow>]?: S[K] }
>;
