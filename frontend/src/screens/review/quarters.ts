// Quarters as the review names them: "2026-Q1" (UTC).

const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export function isQuarter(q: string | null | undefined): q is string {
  return !!q && QUARTER.test(q);
}

/** The quarter `n` quarters after `q` (before, for negative `n`). */
export function shiftQuarter(q: string, n: number): string {
  const m = QUARTER.exec(q);
  if (!m) throw new Error(`not a quarter: ${q}`);
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** "Jan – Mar 2026" */
export function quarterMonths(q: string): string {
  const m = QUARTER.exec(q);
  if (!m) return q;
  const first = (Number(m[2]) - 1) * 3;
  return `${MONTHS[first]} – ${MONTHS[first + 2]} ${m[1]}`;
}
