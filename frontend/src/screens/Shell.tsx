// The frame around every signed-in screen: brand, engagement switcher with my side, navigation, me.
import { useEffect, useState, type ReactNode } from "react";
import { get } from "../api";
import { Avatar, SideBadge } from "../components/Avatar";
import { Calendar, Gear, Grid, Inbox, Library, Mail, Plus } from "../components/Icons";
import { NewEngagementDialog } from "../components/NewEngagement";
import { NotificationBell } from "../components/NotificationBell";
import { SearchBox } from "../components/SearchBox";
import { SkipLink, type Skip } from "../components/SkipLink";
import { SyncStatus } from "../components/SyncStatus";
import { TopMenu } from "../components/TopMenu";
import { Link, navigate, paths } from "../router";
import { useSession } from "../session";
import type { Me } from "../types";
import { can } from "../lib/capabilities";

let lastEngagement: string | null = null;

/** The engagement last shown in the top bar (screens of no engagement, like the account, keep showing it). */
export function rememberedEngagement(me: Me | null): string | null {
  if (!me) return null;
  return me.engagements.find((e) => e.id === lastEngagement)?.id ?? me.engagements[0]?.id ?? null;
}

export function Shell({ engagementId, children, active, pending, skip }: {
  engagementId: string | null; children: ReactNode; pending?: number; skip?: Skip;
  active?: "initiatives" | "inbox" | "board" | "library" | "review" | "settings" | "account";
}) {
  const { me, signOut, engagement } = useSession();
  const current = engagement(engagementId);
  const side = current?.side;
  const [count, setCount] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  useEffect(() => { if (current) lastEngagement = current.id; }, [current?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const isSponsor = can(current, "decide_budget");
  const currentId = current?.id;
  useEffect(() => {
    if (!currentId || !isSponsor) return setCount(null);
    let live = true;
    get<unknown[]>(`/engagements/${currentId}/budget-requests?status=pending`)
      .then((r) => live && setCount(r.length)).catch(() => undefined);
    return () => { live = false; };
  }, [currentId, isSponsor, pending]);
  if (!me) return null; // hooks above run on every render (React's rule), signed in or not
  const shown = pending ?? count;
  const invitations = me.invitations?.length ?? 0;
  return (
    <div className={`shell ${side ? `my-side-${side}` : ""}`}>
      <SkipLink more={skip} />
      <header className={`topbar ${current ? "with-nav" : ""}`}>
        <Link to="/" className="brand" aria-label="Co-Learning Board: home">
          <span className="logo-mark" aria-hidden="true"><span /><span /></span>
          <span className="brand-name">Co-Learning Board</span>
        </Link>
        <div className="engagement-switcher">
          {me.engagements.length > 0 && <>
            <label htmlFor="engagement-select" className="visually-hidden">Engagement</label>
            <span className={`switcher-dot side-${side ?? "none"}`} aria-hidden="true" />
            <select id="engagement-select" value={current?.id ?? ""}
                    onChange={(e) => navigate(paths.initiatives(e.target.value))}>
              {!current && <option value="">Choose an engagement…</option>}
              {me.engagements.map((e) => (
                <option key={e.id} value={e.id}>{e.name} ({e.side})</option>
              ))}
            </select>
          </>}
          <button type="button" className="icon-button switcher-new" title="New engagement…" onClick={() => setCreating(true)}>
            <Plus size={16} /><span className="visually-hidden">New engagement</span>
          </button>
          {invitations > 0 && (
            <Link to={`${current ? paths.initiatives(current.id) : paths.home}#invitations`} className="invitations-pill"
                  aria-label={`${invitations} pending ${invitations === 1 ? "invitation" : "invitations"}`}
                  title="Invitations waiting for your answer">
              <Mail size={14} /> <span aria-hidden="true">{invitations}</span>
            </Link>
          )}
        </div>
        {current && <SideBadge side={current.side} org={current.side === "buyer" ? current.buyer_name : current.provider_name} />}
        <TopMenu>
        {current && (
          <nav className="topnav" aria-label="Main">
            <Link to={paths.initiatives(current.id)} className={active === "initiatives" ? "active" : ""}
                  aria-current={active === "initiatives" ? "page" : undefined}>
              <Grid size={16} /> <span className="nav-text">Initiatives</span>
            </Link>
            <Link to={paths.inbox(current.id)} className={active === "inbox" ? "active" : ""}
                  aria-current={active === "inbox" ? "page" : undefined}>
              <Inbox size={16} /> <span className="nav-text">Sponsor inbox</span>
              {!!shown && <span className="count-badge" aria-label={`${shown} pending`}>{shown}</span>}
            </Link>
            <Link to={paths.library(current.id)} className={active === "library" ? "active" : ""}
                  aria-current={active === "library" ? "page" : undefined}>
              <Library size={16} /> <span className="nav-text">Library</span>
            </Link>
            <Link to={paths.review(current.id)} className={active === "review" ? "active" : ""}
                  aria-current={active === "review" ? "page" : undefined}>
              <Calendar size={16} /> <span className="nav-text">Review</span>
            </Link>
            <Link to={paths.settings(current.id)} className={active === "settings" ? "active" : ""}
                  aria-current={active === "settings" ? "page" : undefined}>
              <Gear size={16} /> <span className="nav-text">Settings</span>
            </Link>
          </nav>
        )}
        {current && <SearchBox key={current.id} engagementId={current.id} />}
        <div className="topbar-me">
          <NotificationBell />
          <Link to={paths.account} className={`me-link ${active === "account" ? "active" : ""}`} title={`Your account: ${me.user.name}`}
                aria-current={active === "account" ? "page" : undefined}>
            <span aria-hidden="true" className="me-avatar"><Avatar name={me.user.name} side={side} /></span>
            <span className="visually-hidden">Your account: </span>
            <span className="me-name">{me.user.name}</span>
          </Link>
          <button type="button" className="button ghost small" onClick={() => signOut().then((out) => out && navigate("/signin", true))}>
            Sign out
          </button>
        </div>
        </TopMenu>
      </header>
      {children}
      <SyncStatus />
      {creating && <NewEngagementDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

/** The page for an engagement the user is not a member of (or that does not exist). */
export function EngagementNotFound() {
  return (
    <Shell engagementId={null}>
      <main id="main" tabIndex={-1} className="page">
        <div className="empty-state">
          <h1>Engagement not found</h1>
          <p>You are not a member of this engagement, or it does not exist.</p>
          <Link to="/" className="button">Go to my engagements</Link>
        </div>
      </main>
    </Shell>
  );
}
