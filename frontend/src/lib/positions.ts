// Lane positions are floats: a moved card takes a position between its new neighbours.

/** A position between two neighbours (either may be missing). */
export function positionBetween(before?: number | null, after?: number | null): number {
  const hasBefore = before !== undefined && before !== null;
  const hasAfter = after !== undefined && after !== null;
  if (hasBefore && hasAfter) {
    if (before === after) return before + 0.0001;
    return (before + after) / 2;
  }
  if (hasBefore) return Math.floor(before) + 1;
  if (hasAfter) return Math.ceil(after) - 1;
  return 1;
}

export interface Positioned {
  id: string;
  lane_position: number;
}

/**
 * The lane position for `id` when it lands at `index` of `list` (a list that may or may not hold it
 * already); `null` when it would not move.
 */
export function positionForIndex<T extends Positioned>(list: T[], id: string, index: number): number | null {
  const from = list.findIndex((c) => c.id === id);
  const rest = list.filter((c) => c.id !== id);
  const at = Math.max(0, Math.min(index, rest.length));
  if (from !== -1 && from === at) return null;
  return positionBetween(rest[at - 1]?.lane_position, rest[at]?.lane_position);
}

/** Sort cards the way the server lists them: by lane position, then creation time, then id. */
export function byLanePosition<T extends Positioned & { created_at?: string }>(a: T, b: T): number {
  return (
    a.lane_position - b.lane_position ||
    (a.created_at ?? "").localeCompare(b.created_at ?? "") ||
    a.id.localeCompare(b.id)
  );
}
