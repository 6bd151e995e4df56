// A KPI's measurements as a small inline line chart, with its baseline and target as dashed lines.
// Pure SVG, no library: the values are the server's `measurements` (oldest first).

const W = 120;
const H = 32;
const PAD = 3;

/** The chart's polyline points and the y of each reference line, for values in time order. */
export function sparkPoints(values: number[], refs: (number | null)[] = []): { points: string; ys: (number | null)[] } {
  const all = [...values, ...refs.filter((r): r is number => r !== null)];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || 1;
  const y = (v: number) => PAD + (H - 2 * PAD) * (1 - (v - lo) / span);
  const step = values.length > 1 ? (W - 2 * PAD) / (values.length - 1) : 0;
  return {
    points: values.map((v, i) => `${(PAD + i * step).toFixed(1)},${y(v).toFixed(1)}`).join(" "),
    ys: refs.map((r) => (r === null ? null : y(r))),
  };
}

/** The trend of `values` (two or more; nothing otherwise), the baseline grey and the target green. */
export function Sparkline({ values, baseline, target, label }: {
  values: number[]; baseline: number | null; target: number | null; label: string;
}) {
  if (values.length < 2) return null;
  const { points, ys } = sparkPoints(values, [baseline, target]);
  const [by, ty] = ys;
  return (
    <svg className="sparkline" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label}>
      <title>{label}</title>
      {by !== null && <line x1={0} x2={W} y1={by} y2={by} className="spark-baseline" />}
      {ty !== null && <line x1={0} x2={W} y1={ty} y2={ty} className="spark-target" />}
      <polyline points={points} className="spark-line" fill="none" />
    </svg>
  );
}
