import { useEffect } from "react";
import { ToastProvider } from "./components/Toasts";
import { match, navigate, paths, useLocation } from "./router";
import { Board } from "./screens/board/Board";
import { Capture } from "./screens/Capture";
import { Inbox } from "./screens/Inbox";
import { Initiatives } from "./screens/Initiatives";
import { Library } from "./screens/library/Library";
import { Review } from "./screens/review/Review";
import { Shell } from "./screens/Shell";
import { SignIn } from "./screens/SignIn";
import { SessionProvider, useSession } from "./session";

function Routes() {
  const { me, loading } = useSession();
  const { path } = useLocation();
  const route = match(path);

  useEffect(() => {
    if (loading) return;
    if (!me && route.name !== "signin") {
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
  if (!me) return route.name === "signin" ? <SignIn /> : null;
  switch (route.name) {
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
      return (
        <Shell engagementId={null}>
          <main className="page"><div className="empty-state"><h1>No engagement yet</h1><p>Ask an engagement admin to add you with your email, {me.user.email}.</p></div></main>
        </Shell>
      );
    default:
      return (
        <Shell engagementId={null}>
          <main className="page"><div className="empty-state"><h1>Page not found</h1><p><a href="/">Go to my initiatives</a></p></div></main>
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
