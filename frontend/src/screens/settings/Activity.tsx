// The engagement's own log, newest first, as sentences: who invited whom, who joined, roles changed, who left.
import { useState } from "react";
import { errorMessage } from "../../api";
import { Avatar } from "../../components/Avatar";
import { useTick } from "../../hooks";
import { describeEngagementEvent } from "../../lib/engagementEvents";
import { dateTime, timeAgo } from "../../lib/format";
import type { EngagementEvent, Side } from "../../types";

const SHOWN = 12;

export function Activity({ events, error, meId, sideOf }: {
  events: EngagementEvent[] | null; error: unknown; meId?: string; sideOf(id: string | undefined): Side | undefined;
}) {
  useTick(30_000);
  const [all, setAll] = useState(false);
  const shown = events && !all ? events.slice(0, SHOWN) : events;
  return (
    <section className="settings-section settings-activity" aria-labelledby="activity-title">
      <h2 id="activity-title">Activity</h2>
      {error ? <p className="form-error" role="alert">Could not load the activity: {errorMessage(error)}</p> : null}
      {!events && !error && <p className="muted small" aria-busy="true">Loading…</p>}
      {events && events.length === 0 && <p className="muted small">Nothing has happened yet.</p>}
      {events && events.length > 0 && (
        <ol className="activity" aria-label="Activity, newest first">
          {shown?.map((e, n) => (
            <li key={`${e.at}-${e.type}-${n}`} className="activity-item">
              <Avatar name={e.actor?.name ?? "?"} side={sideOf(e.actor?.id)} size="sm" />
              <div>
                <p>{describeEngagementEvent(e, meId)}</p>
                <time className="muted tiny" dateTime={e.at} title={dateTime(e.at)}>{timeAgo(e.at)}</time>
              </div>
            </li>
          ))}
        </ol>
      )}
      {events && !all && events.length > SHOWN && (
        <button type="button" className="button ghost small activity-more" onClick={() => setAll(true)}>
          Show {events.length - SHOWN} earlier
        </button>
      )}
    </section>
  );
}
