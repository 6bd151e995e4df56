// My pending invitations (from `GET /me`), each with Accept and Decline: on the first-run screen in full,
// at the top of the initiatives screen as a compact panel.
import { useState } from "react";
import { ApiError, errorMessage, post } from "../api";
import { useTick } from "../hooks";
import { timeAgo, timeUntil } from "../lib/format";
import { rolesInWords } from "../lib/roles";
import { navigate, paths } from "../router";
import { useSession } from "../session";
import type { Accepted, MyInvitation } from "../types";
import { Mail } from "./Icons";
import { useToast } from "./Toasts";
import "./people.css";

export function PendingInvitations({ invitations, compact }: { invitations: MyInvitation[]; compact?: boolean }) {
  useTick(60_000);
  if (invitations.length === 0) return null;
  return (
    <ul className={`my-invitations ${compact ? "compact" : ""}`} aria-label="Invitations for you">
      {invitations.map((i) => <InvitationItem key={i.id} invitation={i} compact={compact} />)}
    </ul>
  );
}

function InvitationItem({ invitation: i, compact }: { invitation: MyInvitation; compact?: boolean }) {
  const { refresh } = useSession();
  const toast = useToast();
  const [busy, setBusy] = useState<"accept" | "decline" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const org = i.side === "buyer" ? i.engagement.buyer_name : i.engagement.provider_name;

  async function answer(how: "accept" | "decline") {
    setBusy(how);
    setError(null);
    try {
      const body = await post<Accepted>(`/me/invitations/${encodeURIComponent(i.id)}/${how}`);
      await refresh();
      if (how === "accept") {
        toast.show({ message: `You joined “${i.engagement.name}” on the ${i.side} side.`, tone: "success" });
        if (body?.engagement?.id) navigate(paths.initiatives(body.engagement.id));
      } else {
        toast.show({ message: `You declined the invitation to “${i.engagement.name}”.` });
      }
    } catch (err) {
      setError(errorMessage(err));
      setBusy(null);
      // expired, revoked or answered elsewhere meanwhile: the list from the server says which remain
      if (err instanceof ApiError && (err.status === 409 || err.status === 404)) refresh().catch(() => undefined);
    }
  }

  const headingId = `invitation-${i.id}`;
  return (
    <li className={`my-invitation side-${i.side}`} aria-labelledby={headingId}>
      <div className="my-invitation-main">
        {!compact && <span className="my-invitation-icon" aria-hidden="true"><Mail size={18} /></span>}
        <div>
          <h3 id={headingId} className="my-invitation-title">{i.engagement.name}</h3>
          <p className="small">
            <strong>{i.invited_by.name}</strong> invited you to join as <strong>{rolesInWords(i.roles)}</strong> on
            the <span className={`side-word side-${i.side}`}>{i.side} side ({org})</span>.
          </p>
          <p className="muted tiny">
            {i.engagement.buyer_name} <span aria-hidden="true">×</span><span className="visually-hidden">with</span> {i.engagement.provider_name}
            {" · "}sent {timeAgo(i.created_at)}{timeUntil(i.expires_at) && ` · expires ${timeUntil(i.expires_at)}`}
          </p>
        </div>
      </div>
      <div className="my-invitation-actions">
        <button type="button" className={`button side-button side-${i.side} ${compact ? "small" : ""}`} disabled={!!busy}
                onClick={() => answer("accept")} aria-label={`Accept the invitation to ${i.engagement.name}`}>
          {busy === "accept" ? "Joining…" : "Accept"}
        </button>
        <button type="button" className={`button ghost ${compact ? "small" : ""}`} disabled={!!busy}
                onClick={() => answer("decline")} aria-label={`Decline the invitation to ${i.engagement.name}`}>
          {busy === "decline" ? "Declining…" : "Decline"}
        </button>
      </div>
      {error && <p className="form-error my-invitation-error" role="alert">{error}</p>}
    </li>
  );
}
