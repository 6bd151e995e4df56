// The frame around every signed-in screen: brand, engagement switcher with my side, navigation, me.
import { useEffect, useState, type ReactNode } from "react";
import { get } from "../api";
import { Avatar, SideBadge } from "../components/Avatar";
import { Calendar, Grid, Inbox, Library } from "../components/Icons";
import { NotificationBell } from "../components/NotificationBell";
import { SearchBox } from "../components/SearchBox";
import { Link, navigate, paths } from "../router";
import { useSession } from "../session";

export function Shell({ engagementId, children, active, pending }: {
  engagementId: string | null; children: ReactNode; active?: "initiatives" | "inbox" | "board" | "library" | "review"; pending?: number;
}) {
  const { me, signOut, engagement } = useSession();
  const current = engagement(engagementId);
  const side = current?.side;
  const [count, setCount] = useState<number | null>(null);
  const isSponsor = !!current?.roles.includes("sponsor");
  useEffect(() => {
    if (!current || !isSponsor) return setCount(null);
    let live = true;
    get<unknown[]>(`/engagements/${current.id}/budget-requests?status=pending`)
      .then((r) => live && setCount(r.length)).catch(() => undefined);
    return () => { live = false; };
  }, [current?.id, isSponsor, pending]);
  if (!me) return null; // hooks above run on every render (React's rule), signed in or not
  const shown = pending ?? count;
  return (
    <div className={`shell ${side ? `my-side-${side}` : ""}`}>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Co-Learning Board: home">
          <span className="logo-mark" aria-hidden="true"><span /><span /></span>
          <span className="brand-name">Co-Learning Board</span>
        </Link>
        <div className="engagement-switcher">
          <label htmlFor="engagement-select" className="visually-hidden">Engagement</label>
          <span className={`switcher-dot side-${side ?? "none"}`} aria-hidden="true" />
          <select id="engagement-select" value={current?.id ?? ""}
                  onChange={(e) => navigate(paths.initiatives(e.target.value))}>
            {!current && <option value="">Choose an engagement…</option>}
            {me.engagements.map((e) => (
              <option key={e.id} value={e.id}>{e.name} ({e.side})</option>
            ))}
          </select>
        </div>
        {current && <SideBadge side={current.side} org={current.side === "buyer" ? current.buyer_name : current.provider_name} />}
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
          </nav>
        )}
        {current && <SearchBox key={current.id} engagementId={current.id} />}
        <div className="topbar-me">
          <NotificationBell />
          <Avatar name={me.user.name} side={side} />
          <span className="me-name">{me.user.name}</span>
          <button type="button" className="button ghost small" onClick={() => signOut().then(() => navigate("/signin", true))}>
            Sign out
          </button>
        </div>
      </header>
      {children}
    </div>
  );
}
