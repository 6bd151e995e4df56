import { useEffect } from "react";
import { ToastProvider } from "./components/Toasts";
import { useEngagementNews } from "./engagementNews";
import { PUBLIC_ROUTES, match, navigate, paths, useLocation } from "./router";
import { Account } from "./screens/account/Account";
import { Board } from "./screens/board/Board";
import { Capture } from "./screens/Capture";
import { Home } from "./screens/Home";
import { Inbox } from "./screens/Inbox";
import { Initiatives } from "./screens/Initiatives";
import { Library } from "./screens/library/Library";
import { ForgotPassword } from "./screens/public/ForgotPassword";
import { Invite } from "./screens/public/Invite";
import { ResetPassword } from "./screens/public/ResetPassword";
import { Review } from "./screens/review/Review";
import { Settings } from "./screens/settings/Settings";
import { Shell } from "./screens/Shell";
import { SignIn } from "./screens/SignIn";
import { SessionProvider, useSession } from "./session";

function Routes() {
  const { me, loading } = useSession();
  const { path } = useLocation();
  const route = match(path);
  useEngagementNews();

  useEffect(() => {
    if (loading) return;
    if (!me && !PUBLIC_ROUTES.has(route.name)) {
      const back = path !== "/" ? `?next=${encodeURIComponent(path + location.search)}` : "";
      navigate(`/signin${back}`, true);
    } else if (me && route.name === "signin") {
      const next = new URLSearchParams(location.search).get("next");
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/", true);
    } else if (me && route.name === "home" && me.engagements.length > 0) {
      navigate(paths.initiatives(me.engagements[0].id), true);
    }
  }, [me, loading, route.name, path]);

  if (loading) return <div className="boot" aria-busy="true"><span className="logo-mark"><span /><span /></span></div>;
  // the pages anyone may open: an invitation (signed in or not), the password reset
  switch (route.name) {
    case "invite":
      return <Invite key={route.token} token={route.token} />;
    case "forgot":
      return <ForgotPassword />;
    case "reset":
      return <ResetPassword />;
  }
  if (!me) return route.name === "signin" ? <SignIn /> : null;
  switch (route.name) {
    case "account":
      return <Account />;
    case "settings":
      return <Settings key={route.engagement} engagementId={route.engagement} />;
    case "initiatives":
      return <Initiatives key={route.engagement} engagementId={route.engagement} />;
    case "inbox":
      return <Inbox key={route.engagement} engagementId={route.engagement} />;
    case "library":
      return <Library key={route.engagement} engagementId={route.engagement} />;
    case "review":
      return <Review key={route.engagement} engagementId={route.engagement} />;
    case "board":
      return <Board key={route.initiative} initiativeId={route.initiative} />;
    case "capture":
      return <Capture key={route.initiative} initiativeId={route.initiative} />;
    case "home":
      return me.engagements.length > 0 ? null : <Home />;
    default:
      return (
        <Shell engagementId={null}>
          <main id="main" tabIndex={-1} className="page"><div className="empty-state"><h1>Page not found</h1><p><a href="/">Go to my initiatives</a></p></div></main>
        </Shell>
      );
  }
}

export function App() {
  return (
    <SessionProvider>
      <ToastProvider>
        <Routes />
      </ToastProvider>
    </SessionProvider>
  );
}
