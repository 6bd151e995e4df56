// Budget requested (open) / approved / rejected / spent / remaining of one currency, in the quarter and to
// date, as a table with bars: the server's one sum (services/money.py), each request counted once.
import { money } from "../../lib/format";
import type { MoneyTotals } from "../../libraryTypes";

const ROWS = [
  { key: "requested", label: "Requested (open)" },
  { key: "approved", label: "Approved" },
  { key: "rejected", label: "Rejected" },
  { key: "spent", label: "Spent" },
  { key: "remaining", label: "Remaining" },
] as const;

export function BudgetTables({ quarter, toDate, quarterName }: { quarter: MoneyTotals[]; toDate: MoneyTotals[]; quarterName: string }) {
  const currencies = [...new Set([...toDate, ...quarter].map((t) => t.currency))];
  if (currencies.length === 0) return <p className="muted small">No budget requested yet.</p>;
  const zero = (currency: string): MoneyTotals => ({ currency, requested: 0, approved: 0, rejected: 0, spent: 0, remaining: 0 });
  return (
    <>
      {currencies.map((c) => {
        const inQ = quarter.find((t) => t.currency === c) ?? zero(c);
        const all = toDate.find((t) => t.currency === c) ?? zero(c);
        const max = Math.max(1, ...ROWS.map((r) => Math.max(inQ[r.key], all[r.key])));
        return (
          <table key={c} className="budget-table">
            <caption>{c}</caption>
            <thead><tr><th scope="col"><span className="visually-hidden">Measure</span></th><th scope="col">In {quarterName}</th><th scope="col">To date</th></tr></thead>
            <tbody>
              {ROWS.map((r) => (
                <tr key={r.key} className={`row-${r.key}`}>
                  <th scope="row">{r.label}</th>
                  {[inQ, all].map((t, i) => (
                    <td key={i}>
                      <span className="bar" aria-hidden="true"><span style={{ width: `${(100 * Math.max(0, t[r.key])) / max}%` }} /></span>
                      <span className="bar-value">{money(t[r.key], c)}</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </>
  );
}
