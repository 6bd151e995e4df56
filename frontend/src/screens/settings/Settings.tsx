// An engagement's settings (`/e/<id>/settings`): its members by side, invitations (admins), and its own activity —
// re-fetched live whenever the server says the engagement changed.
import { useCallback, useEffect } from "react";
import { useTitle } from "../../router";
import { useEngagementMessages } from "../../engagementNews";
import { useLoad } from "../../hooks";
import { useSession } from "../../session";
import { errorMessage } from "../../api";
import type { EngagementDetail, EngagementEvent, Invitation } from "../../types";
import { EngagementNotFound, Shell } from "../Shell";
import { Activity } from "./Activity";
import { Invitations } from "./Invitations";
import { Members } from "./Members";
import "./settings.css";
import { can } from "../../lib/capabilities";

export function Settings({ engagementId }: { engagementId: string }) {
  const { me, engagement } = useSession();
  const eng = engagement(engagementId);
  useTitle(eng ? `Settings · ${eng.name}` : "Settings");
  const isAdmin = can(eng, "manage_members");
  const detail = useLoad<EngagementDetail>(eng ? `/engagements/${engagementId}` : null);
  const invitations = useLoad<Invitation[]>(eng && isAdmin ? `/engagements/${engagementId}/invitations` : null);
  const events = useLoad<EngagementEvent[]>(eng ? `/engagements/${engagementId}/events?limit=50` : null);

  const { reload: reloadDetail } = detail;
  const { reload: reloadInvitations } = invitations;
  const { reload: reloadEvents } = events;
  const reloadAll = useCallback(() => {
    reloadDetail();
    reloadInvitations();
    reloadEvents();
  }, [reloadDetail, reloadInvitations, reloadEvents]);
  useEngagementMessages(engagementId, reloadAll);

  // an e-mail on its first way out: look again until it went, or failed (then it waits minutes for its retry)
  const sending = !!invitations.data?.some((i) => i.status === "pending" && i.email_status === "queued" && !i.email_error);
  useEffect(() => {
    if (!sending) return;
    const t = window.setInterval(reloadInvitations, 4000);
    return () => window.clearInterval(t);
  }, [sending, reloadInvitations]);

  if (!eng) {
    return <EngagementNotFound />;
  }

  const sideOf = (id: string | undefined) => detail.data?.members.find((m) => m.user.id === id)?.side;
  return (
    <Shell engagementId={engagementId} active="settings">
      <main id="main" tabIndex={-1} className="page settings-page">
        <div className="page-head">
          <div>
            <p className="eyebrow">{eng.buyer_name} <span className="x">×</span> {eng.provider_name}</p>
            <h1>Settings</h1>
            <p className="muted">
              Who is in “{eng.name}”{isAdmin ? ", who is invited," : ""} and what changed. {isAdmin
                ? "As an admin you invite people of both sides, change roles and remove members."
                : "Admins invite people and change roles; you can see everyone here, and leave."}
            </p>
          </div>
        </div>
        <div className="settings-grid">
          <div className="settings-main">
            {detail.error ? <p className="form-error" role="alert">Could not load the members: {errorMessage(detail.error)}</p> : null}
            {!detail.data && !detail.error && <div className="skeleton-grid" aria-busy="true" aria-label="Loading members"><div /></div>}
            {detail.data && <Members detail={detail.data} isAdmin={isAdmin} onChanged={(d) => { detail.setData(d); reloadEvents(); }} />}
            {isAdmin && detail.data && (
              <Invitations detail={detail.data} invitations={invitations.data} error={invitations.error} onChange={(list) => { invitations.setData(list); reloadEvents(); }} />
            )}
          </div>
          <Activity events={events.data} error={events.error} meId={me?.user.id} sideOf={sideOf} />
        </div>
      </main>
    </Shell>
  );
}
