// The frame of the pages anyone may open signed out (an invitation, a password reset): the brand, who is
// signed in if anyone, and one centred column.
import type { ReactNode } from "react";
import { SkipLink } from "../../components/SkipLink";
import { Link } from "../../router";
import { useSession } from "../../session";
import "./public.css";

export function PublicFrame({ children, wide }: { children: ReactNode; wide?: boolean }) {
  const { me } = useSession();
  return (
    <div className="public-page">
      <SkipLink />
      <header className="public-top">
        <Link to="/" className="brand" aria-label="Co-Learning Board: home">
          <span className="logo-mark" aria-hidden="true"><span /><span /></span>
          <span>Co-Learning Board</span>
        </Link>
        {me && <span className="public-who muted small">Signed in as <strong>{me.user.email ?? me.user.name}</strong></span>}
      </header>
      <main id="main" tabIndex={-1} className={`public-main ${wide ? "wide" : ""}`}>{children}</main>
    </div>
  );
}
