// An ended workshop's summary in the activity feed: who took part, what was written, the final ranking and
// the experiments that moved. The same summary is in the sponsor report's "Workshops" section.
import { formatDuration, parseTime, SIDE_NAME, votesText } from "../../../lib/workshop";
import type { WorkshopSummary } from "../../../workshopTypes";
import { STATUS_LABEL } from "../cardMeta";

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const SHOWN = 5;
// "Add outcome" writes its comment as "Outcome: …": the label says it once
const OUTCOME: Record<string, string> = { comment: "Outcome", story: "Story", experiment: "Experiment" };

export function WorkshopSummaryView({ summary, initiativeId }: { summary: WorkshopSummary; initiativeId: string }) {
  const { participants, cards, comments, voting, decisions, template } = summary;
  const topics = summary.topics ?? []; // workshops ended before phases have none
  const seconds = Math.max(0, Math.round((parseTime(summary.ended_at) - parseTime(summary.started_at)) / 1000));
  const label = (status: string | null) => (status ? STATUS_LABEL[status as keyof typeof STATUS_LABEL] ?? status : "—");
  return (
    <div className="ws-summary" data-testid="workshop-summary">
      <p className="ws-summary-title">{template ? `“${template}”` : "Workshop"} summary <span className="muted tiny">· {formatDuration(seconds >= 60 ? Math.round(seconds / 60) * 60 : seconds)}</span></p>
      <dl>
        <dt>Took part</dt>
        <dd>{participants.length ? participants.map((p) => `${p.name}${p.side ? ` (${SIDE_NAME[p.side]})` : ""}`).join(", ") : "Nobody wrote anything"}</dd>
        <dt>Written</dt>
        <dd>{count(cards.observation, "observation")} · {count(cards.story, "story", "stories")} · {count(cards.experiment, "experiment")} · {count(comments, "comment")}</dd>
        {voting && (<>
          <dt>Ranking</dt>
          <dd>
            {votesText(voting.votes_cast)} from {count(voting.voters, "person", "people")}
            {voting.ranking.length > 0 && (
              <ol className="ws-summary-ranking">
                {voting.ranking.slice(0, SHOWN).map((r) => <li key={r.card_id}>{r.title} <span className="muted">— {votesText(r.votes)}</span></li>)}
              </ol>
            )}
          </dd>
        </>)}
        {topics.length > 0 && (<>
          <dt>Discussed</dt>
          <dd>
            <ol className="ws-summary-topics">
              {topics.map((t) => (
                <li key={t.card_id}>
                  {t.title}
                  {t.outcomes.length ? (
                    <ul>{t.outcomes.map((o, i) => <li key={i}><span className="muted">{OUTCOME[o.type] ?? o.type}:</span> {o.text.replace(/^Outcome:\s*/, "")}</li>)}</ul>
                  ) : <span className="muted"> (nothing captured)</span>}
                </li>
              ))}
            </ol>
          </dd>
        </>)}
        {decisions.length > 0 && (<>
          <dt>Decisions</dt>
          <dd>
            <ul className="ws-summary-decisions">
              {decisions.map((d) => (
                <li key={d.card_id}>{d.title}: {d.statuses.map(label).join(" → ")}{d.decision ? ` (${d.decision})` : ""}</li>
              ))}
            </ul>
          </dd>
        </>)}
      </dl>
      <a className="tiny" href={`/api/v1/initiatives/${encodeURIComponent(initiativeId)}/report`} target="_blank" rel="noreferrer">In the sponsor report</a>
    </div>
  );
}
