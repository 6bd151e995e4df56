// The quarterly review of an engagement on one page: every initiative with its power-ups (as they stood at the
// quarter's end), budgets per currency, experiments started and concluded, stories told, requests pending.
import type { ReactNode } from "react";
import { errorMessage } from "../../api";
import { Calendar, Chevron, Report } from "../../components/Icons";
import { PowerUpMeters } from "../../components/PowerUps";
import { useLoad } from "../../hooks";
import { shortDate } from "../../lib/format";
import { Sparkline } from "../../components/Sparkline";
import { showNumber } from "../../lib/numbers";
import type { InitiativeReview, KpiReview, Review as ReviewT } from "../../libraryTypes";
import { Link, navigate, paths, useLocation, useTitle } from "../../router";
import { useSession } from "../../session";
import { STATUS_LABEL } from "../Initiatives";
import { EngagementNotFound, Shell } from "../Shell";
import { DecisionChip } from "../library/EntryCard";
import { BudgetTables } from "./BudgetTable";
import { isQuarter, quarterMonths, quarterOf, shiftQuarter } from "./quarters";
import "./review.css";

export function Review({ engagementId }: { engagementId: string }) {
  const { engagement } = useSession();
  const eng = engagement(engagementId);
  const { query } = useLocation();
  const asked = query.get("quarter");
  const { data, error, loading } = useLoad<ReviewT>(
    eng ? `/engagements/${engagementId}/review${asked !== null ? `?quarter=${encodeURIComponent(asked)}` : ""}` : null);
  const now = quarterOf(new Date());
  const shown = data?.quarter ?? (isQuarter(asked) ? asked : now);
  useTitle(`Quarterly review ${shown}`);

  if (!eng) {
    return <EngagementNotFound />;
  }
  const go = (q: string) => navigate(paths.review(engagementId, q));
  const current = shown === now;
  const totals = (data?.initiatives ?? []).reduce((t, i) => ({
    started: t.started + i.experiments_started.length, concluded: t.concluded + i.experiments_concluded.length,
    told: t.told + i.stories_told.length, pending: t.pending + i.budget.pending,
  }), { started: 0, concluded: 0, told: 0, pending: 0 });

  return (
    <Shell engagementId={engagementId} active="review">
      <main id="main" tabIndex={-1} className="page review-page">
        <div className="page-head">
          <div>
            <p className="eyebrow">{eng.buyer_name} <span className="x">×</span> {eng.provider_name}</p>
            <h1>Quarterly review</h1>
            <p className="muted">Every initiative, its power-ups and budgets on one page.{" "}
              {data && (current ? "The quarter is still running: power-ups as they stand now."
                : `Power-ups as they stood at the end of ${data.quarter}.`)}</p>
          </div>
          <div className="review-tools">
            <nav className="quarter-picker" aria-label="Quarter">
              <button type="button" className="icon-button" aria-label={`Previous quarter (${isQuarter(shown) ? shiftQuarter(shown, -1) : ""})`}
                      disabled={!isQuarter(shown)} onClick={() => go(shiftQuarter(shown, -1))}><Chevron dir="left" /></button>
              <span className="quarter-label" aria-live="polite">
                <Calendar size={15} /> <strong data-testid="quarter">{shown}</strong>
                {isQuarter(shown) && <span className="muted small">{quarterMonths(shown)}</span>}
              </span>
              <button type="button" className="icon-button" aria-label={`Next quarter (${isQuarter(shown) ? shiftQuarter(shown, 1) : ""})`}
                      disabled={!isQuarter(shown)} onClick={() => go(shiftQuarter(shown, 1))}><Chevron dir="right" /></button>
              {!current && <button type="button" className="button small ghost" onClick={() => go(now)}>This quarter</button>}
            </nav>
            {data && (
              <a className="button small" href={`/api/v1/engagements/${encodeURIComponent(engagementId)}/review.html?quarter=${encodeURIComponent(data.quarter)}`}
                 target="_blank" rel="noopener"><Report size={14} /> Printable page</a>
            )}
          </div>
        </div>

        {error ? (
          <div className="form-error" role="alert">
            <strong>{errorMessage(error)}</strong>{" "}
            <button type="button" className="button small" onClick={() => go(now)}>Show this quarter</button>
          </div>
        ) : null}
        {loading && !data && !error && <div className="skeleton-grid" aria-busy="true" aria-label="Loading the review"><div /><div /></div>}
        {data && !error && (
          <>
            <ul className="review-summary" aria-label={`${data.quarter} in numbers`}>
              <li><strong>{data.initiatives.length}</strong> initiative{data.initiatives.length === 1 ? "" : "s"}</li>
              <li><strong>{totals.started}</strong> experiment{totals.started === 1 ? "" : "s"} started</li>
              <li><strong>{totals.concluded}</strong> concluded</li>
              <li><strong>{totals.told}</strong> stor{totals.told === 1 ? "y" : "ies"} told</li>
              <li className={totals.pending ? "warn" : ""}><strong>{totals.pending}</strong> budget request{totals.pending === 1 ? "" : "s"} pending</li>
            </ul>
            {data.initiatives.length === 0 && (
              <div className="empty-state"><h2>No initiative yet in {data.quarter}</h2><p>Initiatives created after the quarter ended are not part of its review.</p></div>
            )}
            <ol className="review-list" aria-label="Initiatives">
              {data.initiatives.map((i) => <InitiativeBlock key={i.id} item={i} quarter={data.quarter} />)}
            </ol>
          </>
        )}
      </main>
    </Shell>
  );
}

function InitiativeBlock({ item: i, quarter }: { item: InitiativeReview; quarter: string }) {
  return (
    <li className="review-item" aria-labelledby={`rv-${i.id}`}>
      <div className="review-item-head">
        <h2 id={`rv-${i.id}`}><Link to={paths.board(i.id)}>{i.title}</Link></h2>
        <span className={`status-chip status-${i.status}`}>{STATUS_LABEL[i.status] ?? i.status}</span>
        {i.budget.pending > 0 && <span className="pending-chip">{i.budget.pending} pending request{i.budget.pending === 1 ? "" : "s"}</span>}
      </div>
      <PowerUpMeters powerUps={i.power_ups} />
      <KpiValues kpis={i.kpis} title={i.title} />
      <div className="review-cols">
        <section aria-label={`Budget of ${i.title}`} className="review-budget">
          <h3 className="small-heading">Budget</h3>
          <BudgetTables quarter={i.budget.quarter} toDate={i.budget.to_date} quarterName={quarter} />
        </section>
        <section aria-label={`What happened in ${quarter}`} className="review-moments">
          <Moments title="Experiments started" empty="None started" items={i.experiments_started.map((m) => ({ ...m, extra: null }))} />
          <Moments title="Experiments concluded" empty="None concluded"
                   items={i.experiments_concluded.map((m) => ({ ...m, extra: <><DecisionChip decision={m.decision} />{m.learned && <span className="moment-learned">{m.learned}</span>}</> }))} />
          <Moments title="Stories told" empty="No story told" items={i.stories_told.map((m) => ({ ...m, extra: null }))} />
        </section>
      </div>
    </li>
  );
}

/** Each KPI as baseline → current → target (as measured by the quarter's end), with its trend. */
function KpiValues({ kpis, title }: { kpis: KpiReview[]; title: string }) {
  return (
    <section aria-label={`KPIs of ${title}`} className="review-kpis">
      <h3 className="small-heading">KPIs: baseline → current → target</h3>
      {kpis.length === 0 ? <p className="muted small">No KPIs yet.</p> : (
        <ul>
          {kpis.map((k) => (
            <li key={k.id}>
              <span className="moment-title">{k.name}</span>{" "}
              <span className="kpi-values">{showNumber(k.baseline)} → <strong>{k.current ? showNumber(k.current.value) : "not measured"}</strong>
                {" → "}{showNumber(k.target)}{k.unit ? ` ${k.unit}` : ""}</span>
              {k.current && <time className="muted tiny" dateTime={k.current.measured_at}> measured {shortDate(k.current.measured_at)}</time>}
              <Sparkline values={k.measurements.map((m) => m.value)} baseline={k.baseline} target={k.target}
                         label={`${k.name} over its last ${k.measurements.length} measurements`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Moments({ title, empty, items }: { title: string; empty: string; items: { id: string; title: string; at: string; extra: ReactNode }[] }) {
  return (
    <div className="moments">
      <h3 className="small-heading">{title} <span className="count">{items.length}</span></h3>
      {items.length === 0 ? <p className="muted small">{empty}</p> : (
        <ul>
          {items.map((m) => (
            <li key={m.id}>
              <span className="moment-title">{m.title}</span> <time className="muted tiny" dateTime={m.at}>{shortDate(m.at)}</time>
              {m.extra && <div className="moment-extra">{m.extra}</div>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
