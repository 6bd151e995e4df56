// The shadowing capture screen: start a session, or capture in one (screens/capture/), keyboard only.
import { Back } from "../components/Icons";
import { OfflineNote } from "../components/OfflineNote";
import { Link, paths, useLocation, useTitle } from "../router";
import { useBoard } from "./board/useBoard";
import { useViewer } from "./board/viewer";
import { CaptureSession } from "./capture/CaptureSession";
import { StartSession } from "./capture/StartSession";
import { Shell } from "./Shell";

export function Capture({ initiativeId }: { initiativeId: string }) {
  const { query } = useLocation();
  const sessionId = query.get("session");
  const { sync, view } = useBoard(initiativeId);
  const initiative = view.state.initiative;
  const viewer = useViewer(initiative?.engagement_id);
  const eng = viewer?.engagement;
  const sessions = view.extras?.shadowing_sessions ?? [];
  const session = sessions.find((s) => s.id === sessionId);
  useTitle(session ? `Shadowing ${session.host}` : "Shadowing capture");

  return (
    <Shell engagementId={initiative?.engagement_id ?? null} active="board">
      <main id="main" tabIndex={-1} className="page capture-page">
        <div className="page-head">
          <div>
            <p className="eyebrow">
              <Link to={paths.board(initiativeId)} className="back-inline"><Back size={14} /> {initiative?.title ?? "Board"}</Link>
            </p>
            <h1>{session ? <>Shadowing <span className="host-name">{session.host}</span></> : "Shadowing capture"}</h1>
          </div>
        </div>
        <OfflineNote view={view} whenLive />
        {!view.ready ? <p className="muted" aria-busy="true">Loading…</p> : session ? (
          <CaptureSession session={session} initiativeId={initiativeId} sync={sync} view={view} author={viewer?.author} />
        ) : sessionId && sessions.length > 0 ? (
          <div className="empty-state"><p>That shadowing session is not on this initiative.</p></div>
        ) : (
          <StartSession initiativeId={initiativeId} sessions={sessions} customersGrant={!!view.extras?.access_grants.some((g) => g.live && g.scope === "customers")}
                        providerName={eng?.provider_name} onStarted={(s) => sync.patchExtras({ shadowing_sessions: [s, ...sessions] })} />
        )}
      </main>
    </Shell>
  );
}
