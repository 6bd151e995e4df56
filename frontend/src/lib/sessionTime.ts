// Time within a shadowing session: the running clock and each line's offset from the session's start.
import { parseInstant } from "./format";

/** Whole seconds from `from` to `to` (server timestamps; never negative, 0 when unreadable). */
export function secondsBetween(from: string, to: string | number = Date.now()): number {
  const start = parseInstant(from);
  const end = typeof to === "number" ? to : parseInstant(to);
  if (Number.isNaN(start) || Number.isNaN(end)) return 0;
  return Math.max(0, Math.floor((end - start) / 1000));
}

/** A duration as a clock: `0:07`, `3:12`, `1:03:12`. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return `${h ? `${h}:` : ""}${String(m).padStart(h ? 2 : 1, "0")}:${String(r).padStart(2, "0")}`;
}

/** When a line was captured, relative to the session's start: `+3:12`. */
export function sinceStart(startedAt: string, at: string | null | undefined): string {
  return `+${clock(at ? secondsBetween(startedAt, at) : 0)}`;
}

/** The absolute time, for `<time dateTime>` and its title (ISO in UTC; "" when unreadable). */
export function instant(iso: string | null | undefined): { iso: string; label: string } {
  const t = iso ? parseInstant(iso) : NaN;
  if (Number.isNaN(t)) return { iso: "", label: "" };
  const d = new Date(t);
  return { iso: d.toISOString(), label: d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" }) };
}
