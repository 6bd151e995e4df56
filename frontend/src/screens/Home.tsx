// The first run: an account with no engagement yet sees the invitations waiting for it and can start an engagement.
import { NewEngagementForm } from "../components/NewEngagement";
import { PendingInvitations } from "../components/PendingInvitations";
import { useTitle } from "../router";
import { useSession } from "../session";
import { Shell } from "./Shell";

export function Home() {
  useTitle("Welcome");
  const { me } = useSession();
  if (!me) return null;
  const invitations = me.invitations ?? [];
  const first = me.user.name.trim().split(/\s+/)[0] || me.user.name;
  return (
    <Shell engagementId={null}>
      <main id="main" tabIndex={-1} className="page home-page">
        <div className="page-head">
          <div>
            <p className="eyebrow">Co-Learning Board</p>
            <h1>Welcome, {first}</h1>
            <p className="muted">
              An engagement is where one buyer and one provider learn on the job together: shadow the work, capture what
              you see, turn it into customer stories and test them. Join one you were invited to, or start your own.
            </p>
          </div>
        </div>
        <div className="home-grid">
          <section className="home-section" id="invitations" aria-labelledby="home-invitations-title">
            <h2 id="home-invitations-title">Invitations for you {invitations.length > 0 && <span className="count">{invitations.length}</span>}</h2>
            {invitations.length > 0 ? (
              <PendingInvitations invitations={invitations} />
            ) : (
              <div className="empty-state home-empty">
                <p>No invitations yet. When an engagement admin invites <strong>{me.user.email}</strong>, it appears here at once
                  — and in your e-mail.</p>
              </div>
            )}
          </section>
          <section className="home-section panel" aria-labelledby="home-new-title">
            <h2 id="home-new-title">Start a new engagement</h2>
            <p className="muted small home-new-intro">For a buyer and a provider starting to work together. You invite the people of both sides next.</p>
            <NewEngagementForm />
          </section>
        </div>
      </main>
    </Shell>
  );
}
