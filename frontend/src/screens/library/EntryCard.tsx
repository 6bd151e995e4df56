// One learning exactly as other engagements see it: title, hypothesis, learning, decision, tags — nothing else.
import type { ReactNode } from "react";
import { timeAgo } from "../../lib/format";
import type { LibraryEntry } from "../../libraryTypes";
import { strip } from "../board/CardView";

export function EntryCard({ entry, highlighted, actions, preview }: {
  entry: Pick<LibraryEntry, "title" | "hypothesis" | "learning" | "decision" | "tags"> & { id?: string; approved_at?: string | null };
  highlighted?: boolean; actions?: ReactNode; preview?: boolean;
}) {
  const headingId = entry.id ? `entry-${entry.id}` : undefined;
  return (
    <article className={`entry ${highlighted ? "highlighted" : ""} ${preview ? "preview" : ""}`} data-entry-id={entry.id}
             aria-labelledby={headingId}>
      <div className="entry-top">
        <span className="entry-kind">Learning</span>
        <DecisionChip decision={entry.decision} />
        {entry.approved_at && <span className="muted tiny entry-when">approved {timeAgo(entry.approved_at)}</span>}
      </div>
      <h3 className="entry-title" id={headingId}>{entry.title}</h3>
      {entry.hypothesis && (
        <p className="entry-line"><span className="line-label">We believed</span> {strip(entry.hypothesis, "we believe")}</p>
      )}
      <p className="entry-line entry-learning"><span className="line-label">We learned</span> {entry.learning}</p>
      {entry.tags.length > 0 && <p className="card-tags">{entry.tags.map((t) => <span key={t} className="tag">#{t}</span>)}</p>}
      {actions && <div className="entry-actions">{actions}</div>}
    </article>
  );
}

export function DecisionChip({ decision }: { decision: string | null | undefined }) {
  if (!decision) return <span className="muted">—</span>;
  return <span className={`decision decision-${decision}`}>{decision}</span>;
}
