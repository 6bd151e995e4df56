// Admins invite people (an e-mail, a side, roles) and follow their invitations: status, how the e-mail went,
// copy the link, send it again with a new link, or revoke it.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, del, errorMessage, fieldMessages, post } from "../../api";
import { Dialog } from "../../components/Dialog";
import { Copy, Send, Trash, UserPlus } from "../../components/Icons";
import { useToast } from "../../components/Toasts";
import { useTick } from "../../hooks";
import { timeAgo, timeUntil } from "../../lib/format";
import { fitRolesToSide, rolesProblem } from "../../lib/roles";
import type { EngagementDetail, Invitation, InvitationStatus, Role, Side } from "../../types";
import { RoleCheckboxes } from "./Members";
import { RoleChips } from "./RoleChips";

const STATUS_LABEL: Record<InvitationStatus, string> = {
  pending: "Pending", accepted: "Accepted", declined: "Declined", revoked: "Revoked", expired: "Expired",
};

const tooMany = (err: unknown) => err instanceof ApiError && err.status === 429
  ? "Too many invitations for now. Wait a few minutes, then try again." : errorMessage(err);

export function Invitations({ detail, invitations, error, onChange }: {
  detail: EngagementDetail; invitations: Invitation[] | null; error: unknown; onChange(next: Invitation[]): void;
}) {
  useTick(60_000);
  const list = invitations ?? [];
  const pending = list.filter((i) => i.status === "pending");
  const earlier = list.filter((i) => i.status !== "pending");
  const put = (inv: Invitation) => {
    const known = list.some((i) => i.id === inv.id);
    onChange(known ? list.map((i) => (i.id === inv.id ? inv : i)) : [inv, ...list]);
  };

  return (
    <section className="settings-section" aria-labelledby="invitations-title">
      <div className="settings-section-head">
        <h2 id="invitations-title">Invitations {pending.length > 0 && <span className="count">{pending.length} pending</span>}</h2>
      </div>
      <InviteForm detail={detail} onInvited={put} />
      {error ? <p className="form-error" role="alert">Could not load the invitations: {errorMessage(error)}</p> : null}
      {!invitations && !error && <p className="muted small" aria-busy="true">Loading invitations…</p>}
      {invitations && list.length === 0 && <p className="muted small">No invitations yet.</p>}
      {pending.length > 0 && (
        <ul className="invitation-list" aria-label="Pending invitations">
          {pending.map((i) => <InvitationRow key={i.id} invitation={i} detail={detail} onChange={put} />)}
        </ul>
      )}
      {earlier.length > 0 && (
        <details className="invitation-earlier">
          <summary>Answered, revoked and expired <span className="count">{earlier.length}</span></summary>
          <ul className="invitation-list" aria-label="Earlier invitations">
            {earlier.map((i) => <InvitationRow key={i.id} invitation={i} detail={detail} onChange={put} />)}
          </ul>
        </details>
      )}
      {pending.length > 0 && (
        <p className="muted tiny invitation-warning">
          Whoever holds a link can create the invited e-mail's account: copy a link only to the person it is for.
        </p>
      )}
    </section>
  );
}

function InviteForm({ detail, onInvited }: { detail: EngagementDetail; onInvited(inv: Invitation): void }) {
  const toast = useToast();
  // the side with nobody yet is the likely next invitation (a new engagement needs both)
  const emptySide = (["buyer", "provider"] as Side[]).find((s) => !detail.members.some((m) => m.side === s));
  const [email, setEmail] = useState("");
  const [side, setSide] = useState<Side>(emptySide ?? detail.my_side);
  const [roles, setRoles] = useState<Role[]>(["member"]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const emailInput = useRef<HTMLInputElement>(null);
  const org = (s: Side) => (s === "buyer" ? detail.buyer_name : detail.provider_name);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const f: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) f.email = "Enter the e-mail address to invite.";
    const rp = rolesProblem(roles, side);
    if (rp) f.roles = rp;
    setFields(f);
    setError(null);
    if (Object.keys(f).length) return;
    setBusy(true);
    try {
      const inv = await post<Invitation>(`/engagements/${detail.id}/invitations`, { email: email.trim(), side, roles });
      onInvited(inv);
      toast.show({ message: `Invitation sent to ${inv.email}.`, tone: "success" });
      setEmail("");
      emailInput.current?.focus();
    } catch (err) {
      const fm = fieldMessages(err);
      setFields(fm);
      setError(Object.keys(fm).length ? null : tooMany(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="invite-form" onSubmit={submit} noValidate aria-labelledby="invite-form-title">
      <h3 id="invite-form-title"><UserPlus size={16} /> Invite someone</h3>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="invite-form-row">
        <div className="field">
          <label htmlFor="invite-email">Email address</label>
          <input id="invite-email" ref={emailInput} type="email" value={email} onChange={(e) => setEmail(e.target.value)}
                 autoComplete="off" placeholder="name@organisation.example" maxLength={254}
                 aria-invalid={!!fields.email} aria-describedby={fields.email ? "invite-email-error" : undefined} />
          {fields.email && <span className="field-error" id="invite-email-error" role="alert">{fields.email}</span>}
        </div>
        <div className="field">
          <label htmlFor="invite-side">Side</label>
          <select id="invite-side" value={side} aria-invalid={!!fields.side}
                  onChange={(e) => { const s = e.target.value as Side; setSide(s); setRoles((r) => fitRolesToSide(r, s)); }}>
            <option value="buyer">Buyer side · {org("buyer")}</option>
            <option value="provider">Provider side · {org("provider")}</option>
          </select>
          {fields.side && <span className="field-error" role="alert">{fields.side}</span>}
        </div>
      </div>
      <fieldset className="invite-roles-field" aria-describedby={fields.roles ? "invite-roles-error" : undefined}>
        <legend>Roles</legend>
        <RoleCheckboxes idPrefix="invite-role" roles={roles} side={side} onChange={setRoles} />
        {fields.roles && <span className="field-error" id="invite-roles-error" role="alert">{fields.roles}</span>}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className={`button side-button side-${side}`} disabled={busy}>
          <Send size={14} /> {busy ? "Sending…" : "Send invitation"}
        </button>
      </div>
    </form>
  );
}

function Delivery({ invitation: i }: { invitation: Invitation }) {
  if (i.status !== "pending" || !i.email_status) return null;
  if (i.email_status === "queued") return <span className="delivery queued"><span className="delivery-dot" aria-hidden="true" />Sending…</span>;
  if (i.email_status === "sent") return <span className="delivery sent">E-mailed</span>;
  return <span className="delivery failed">Not delivered yet — retrying{i.email_error ? `: ${i.email_error}` : ""}</span>;
}

function InvitationRow({ invitation: i, detail, onChange }: { invitation: Invitation; detail: EngagementDetail; onChange(inv: Invitation): void }) {
  const toast = useToast();
  const [busy, setBusy] = useState<"resend" | null>(null);
  const [revoking, setRevoking] = useState(false);
  const [showLink, setShowLink] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const org = i.side === "buyer" ? detail.buyer_name : detail.provider_name;

  async function copy() {
    if (!i.link) return;
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(i.link);
      toast.show({ message: "Link copied", tone: "success" });
    } catch {
      setShowLink(true); // the field selects itself and tries the older copy command
    }
  }

  async function resend() {
    setBusy("resend");
    setError(null);
    try {
      const inv = await post<Invitation>(`/invitations/${encodeURIComponent(i.id)}/resend`);
      onChange(inv);
      setShowLink(false);
      toast.show({ message: `A new link is on its way to ${i.email}; the old one no longer works.`, tone: "success" });
    } catch (err) {
      setError(tooMany(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <li className={`invitation side-${i.side} status-${i.status}`}>
      <div className="invitation-main">
        <div className="invitation-top">
          <span className="invitation-email">{i.email}</span>
          <span className={`invitation-status status-${i.status}`}>{STATUS_LABEL[i.status] ?? i.status}</span>
        </div>
        <div className="invitation-meta">
          <span className={`side-tag side-${i.side}`}>{i.side} · {org}</span>
          <RoleChips roles={i.roles} />
        </div>
        <p className="muted tiny">
          Invited by {i.invited_by.name} {timeAgo(i.created_at)}
          {i.status === "pending" && timeUntil(i.expires_at) && ` · expires ${timeUntil(i.expires_at)}`}
          {i.status === "pending" && <> · <Delivery invitation={i} /></>}
        </p>
        {showLink && i.link && <LinkField link={i.link} email={i.email} />}
        {error && <p className="form-error" role="alert">{error}</p>}
      </div>
      {i.status === "pending" && (
        <div className="invitation-actions">
          {i.link && (
            <button type="button" className="button small" onClick={copy} aria-label={`Copy link for ${i.email}`}>
              <Copy size={14} /> Copy link
            </button>
          )}
          <button type="button" className="button ghost small" onClick={resend} disabled={!!busy} aria-label={`Resend the invitation to ${i.email}`}>
            <Send size={14} /> {busy === "resend" ? "Sending…" : "Resend"}
          </button>
          <button type="button" className="button ghost small danger-text" onClick={() => setRevoking(true)}
                  aria-label={`Revoke the invitation to ${i.email}`}>
            <Trash size={14} /> Revoke
          </button>
        </div>
      )}
      {revoking && <RevokeDialog invitation={i} onClose={() => setRevoking(false)} onRevoked={(inv) => { onChange(inv); setRevoking(false); }} />}
    </li>
  );
}

/** No clipboard (an insecure origin, a refusal): the link in a read-only field, selected, for Ctrl+C. */
function LinkField({ link, email }: { link: string; email: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const toast = useToast();
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    input.focus();
    input.select();
    try {
      if (document.execCommand("copy")) toast.show({ message: "Link copied", tone: "success" });
    } catch { /* the selected field is the fallback */ }
  }, [link]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="field compact invitation-link">
      <label htmlFor={`link-${email}`}>Invitation link for {email}</label>
      <input id={`link-${email}`} ref={ref} type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      <p className="muted tiny">Selected: press Ctrl+C (⌘C on a Mac) to copy it.</p>
    </div>
  );
}

function RevokeDialog({ invitation: i, onClose, onRevoked }: { invitation: Invitation; onClose(): void; onRevoked(inv: Invitation): void }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      const inv = await del<Invitation>(`/invitations/${encodeURIComponent(i.id)}`);
      onRevoked(inv && typeof inv === "object" ? inv : { ...i, status: "revoked", link: null });
      toast.show({ message: `The invitation to ${i.email} was revoked.` });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <Dialog title={`Revoke the invitation to ${i.email}?`} onClose={onClose} labelledBy="revoke-title">
      <p className="dialog-text">Its link stops working at once. You can invite {i.email} again later.</p>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="button" className="button ghost" onClick={onClose} autoFocus>Cancel</button>
        <button type="button" className="button danger-outline" onClick={revoke} disabled={busy}>{busy ? "Revoking…" : "Revoke invitation"}</button>
      </div>
    </Dialog>
  );
}
