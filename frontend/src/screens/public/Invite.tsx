// The invitation link's landing page (`/invite/<token>`), signed in or not: what the invitation is, then the one
// way forward for this browser — create the account, sign in, accept or decline, or sign out of another account.
import { useState, type FormEvent, type ReactNode } from "react";
import { ApiError, errorMessage, fieldMessages, post } from "../../api";
import { PasswordField } from "../../components/PasswordField";
import { useToast } from "../../components/Toasts";
import { useLoad, useTick } from "../../hooks";
import { dateTime, timeUntil } from "../../lib/format";
import { passwordProblem } from "../../lib/password";
import { ROLE_HINT, ROLE_LABEL, rolesInWords, sortRoles } from "../../lib/roles";
import { Link, navigate, paths, useTitle } from "../../router";
import { useSession } from "../../session";
import type { Accepted, InvitationPreview } from "../../types";
import { PublicFrame } from "./PublicFrame";

export function Invite({ token }: { token: string }) {
  useTitle("Invitation");
  useTick(60_000);
  const { me } = useSession();
  const { data, error, reload, setData } = useLoad<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`);
  const [declined, setDeclined] = useState(false);

  if (error) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <PublicFrame>
        <div className="public-card">
          <h1>{notFound ? "This invitation link is not valid" : "The invitation could not be loaded"}</h1>
          {notFound ? (
            <p className="public-intro">Check that the whole link was copied. If the invitation was sent again, only the newest
              link works: open the latest e-mail, or ask the person who invited you for a new invitation.</p>
          ) : <div className="form-error" role="alert">{errorMessage(error)}</div>}
          <div className="public-actions">
            {!notFound && <button type="button" className="button" onClick={reload}>Try again</button>}
            <Link to={me ? paths.home : "/signin"} className="button primary">{me ? "Go to my engagements" : "Sign in"}</Link>
          </div>
        </div>
      </PublicFrame>
    );
  }
  if (!data) {
    return <PublicFrame><div className="public-card" aria-busy="true"><p className="muted">Loading the invitation…</p></div></PublicFrame>;
  }

  const onAnswered = (view: InvitationPreview | null, how: "declined") => {
    if (how === "declined") setDeclined(true);
    if (view) setData(view);
    else reload();
  };

  return (
    <PublicFrame wide>
      <div className="invite-layout">
        <Summary invitation={data} />
        <div className="public-card invite-action">
          {data.status !== "pending"
            ? <NotPending invitation={data} declinedHere={declined} />
            : <Pending token={token} invitation={data} onAnswered={onAnswered} onStale={reload} />}
        </div>
      </div>
    </PublicFrame>
  );
}

/** What the invitation is: the engagement, both organisations, my side and roles, who invited and until when. */
function Summary({ invitation: i }: { invitation: InvitationPreview }) {
  const org = (side: "buyer" | "provider") => (side === "buyer" ? i.engagement.buyer_name : i.engagement.provider_name);
  return (
    <section className="invite-summary" aria-labelledby="invite-title">
      <p className="eyebrow">Invitation from {i.invited_by.name}</p>
      <h1 id="invite-title">Join “{i.engagement.name}”</h1>
      <p className="invite-lead">
        <strong>{i.invited_by.name}</strong> invited <strong className="invite-email">{i.email}</strong> to join
        the {i.side} side, {org(i.side)}.
      </p>
      <div className="invite-orgs">
        {(["buyer", "provider"] as const).map((s) => (
          <div key={s} className={`invite-org side-${s} ${s === i.side ? "mine" : ""}`}>
            <span className="side-tag">{s === "buyer" ? "Buyer" : "Provider"}</span>
            <span className="invite-org-name">{org(s)}</span>
            {s === i.side && <span className="invite-you">Your side</span>}
          </div>
        ))}
      </div>
      <h2 className="small-heading">Your roles: {rolesInWords(i.roles)}</h2>
      <ul className="invite-roles">
        {sortRoles(i.roles).map((r) => <li key={r}><strong>{ROLE_LABEL[r]}</strong> — {ROLE_HINT[r]}</li>)}
      </ul>
      {i.status === "pending" && (
        <p className="muted small">
          {timeUntil(i.expires_at) ? <>Expires {timeUntil(i.expires_at)} ({dateTime(i.expires_at)}).</> : <>Expires {dateTime(i.expires_at)}.</>}
        </p>
      )}
    </section>
  );
}

function NotPending({ invitation: i, declinedHere }: { invitation: InvitationPreview; declinedHere: boolean }) {
  const { me } = useSession();
  const who = i.invited_by.name;
  const text: Record<string, [string, ReactNode]> = {
    accepted: ["This invitation was accepted", <>It has been used to join “{i.engagement.name}”. If that was you, sign in as {i.email} to open it.</>],
    declined: declinedHere
      ? ["You declined the invitation", <>{who} can see that you declined. Changed your mind? Ask {who} for a new invitation.</>]
      : ["This invitation was declined", <>Changed your mind? Ask {who} for a new invitation.</>],
    revoked: ["This invitation was withdrawn", <>{who} revoked it, so the link no longer works. If you should still join, ask {who} for a new invitation.</>],
    expired: ["This invitation has expired", <>Invitations are valid for 7 days. Ask {who} for a new invitation.</>],
  };
  const [title, body] = text[i.status] ?? ["This invitation is closed", <>Ask {who} for a new invitation.</>];
  return (
    <div role={declinedHere ? "status" : undefined}>
      <h2 className="invite-action-title">{title}</h2>
      <p className="public-intro">{body}</p>
      <div className="public-actions">
        <Link to={me ? paths.home : "/signin"} className="button primary">{me ? "Go to my engagements" : "Sign in"}</Link>
      </div>
    </div>
  );
}

const sameEmail = (a: string | undefined, b: string) => (a ?? "").trim().toLowerCase() === b.trim().toLowerCase();

/** The one way forward for this browser, for a pending invitation. */
function Pending({ token, invitation, onAnswered, onStale }: {
  token: string; invitation: InvitationPreview; onAnswered(view: InvitationPreview | null, how: "declined"): void; onStale(): void;
}) {
  const { me, signOut, signedIn, refresh } = useSession();
  const toast = useToast();
  const [busy, setBusy] = useState<"accept" | "decline" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/invitations/${encodeURIComponent(token)}`;

  const failed = (err: unknown) => {
    setError(errorMessage(err));
    setBusy(null);
    // expired, revoked or answered meanwhile: the page says so once it knows
    if (err instanceof ApiError && err.status === 409 && err.code !== "account_exists") window.setTimeout(onStale, 2500);
    if (err instanceof ApiError && err.code === "account_exists") onStale();
  };

  const joined = async (body: Accepted, fresh: boolean) => {
    if (fresh) await signedIn(body.csrf_token);
    else await refresh();
    toast.show({ message: `Welcome to “${body.engagement.name}”.`, tone: "success" });
    navigate(paths.initiatives(body.engagement.id), true);
  };

  async function accept() {
    setBusy("accept");
    setError(null);
    try {
      await joined(await post<Accepted>(`${base}/accept`, {}), false);
    } catch (err) { failed(err); }
  }

  async function decline() {
    setBusy("decline");
    setError(null);
    try {
      const view = await post<InvitationPreview>(`${base}/decline`);
      if (me) refresh().catch(() => undefined);
      onAnswered(view && typeof view === "object" && "status" in view ? view : null, "declined");
    } catch (err) { failed(err); }
  }

  const declineButton = (
    <button type="button" className="button ghost" onClick={decline} disabled={!!busy}>
      {busy === "decline" ? "Declining…" : "Decline"}
    </button>
  );
  const alert = error && <div className="form-error" role="alert">{error}</div>;

  if (me && sameEmail(me.user.email, invitation.email)) {
    return (
      <div>
        <h2 className="invite-action-title">Join as {me.user.name}?</h2>
        <p className="public-intro">You are signed in as {me.user.email}. Accepting adds “{invitation.engagement.name}” to your engagements.</p>
        {alert}
        <div className="public-actions">
          {declineButton}
          <button type="button" className={`button side-button side-${invitation.side}`} onClick={accept} disabled={!!busy} autoFocus>
            {busy === "accept" ? "Joining…" : "Accept"}
          </button>
        </div>
      </div>
    );
  }

  if (me) {
    return (
      <div>
        <h2 className="invite-action-title">This invitation is for {invitation.email}</h2>
        <p className="public-intro">
          You are signed in as <strong>{me.user.email}</strong>. Sign out, then {invitation.account_exists ? "sign in" : "create the account"} as {invitation.email} to accept it.
        </p>
        {alert}
        <div className="public-actions">
          <Link to={paths.home} className="button ghost">Go to my engagements</Link>
          <button type="button" className="button primary" onClick={() => signOut().catch(() => undefined)}>Sign out</button>
        </div>
      </div>
    );
  }

  return invitation.account_exists
    ? <SignInToAccept invitation={invitation} error={alert} decline={declineButton} />
    : <CreateAccount base={base} invitation={invitation} error={alert} decline={declineButton} busy={!!busy}
                     onJoined={(b) => joined(b, true)} onFailed={failed} setBusy={(b) => { setBusy(b ? "accept" : null); setError(null); }} />;
}

function CreateAccount({ base, invitation, error, decline, busy, onJoined, onFailed, setBusy }: {
  base: string; invitation: InvitationPreview; error: ReactNode; decline: ReactNode; busy: boolean;
  onJoined(b: Accepted): Promise<void>; onFailed(err: unknown): void; setBusy(b: boolean): void;
}) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const f: Record<string, string> = {};
    if (!name.trim()) f.name = "Enter your name as your colleagues know it.";
    const problem = passwordProblem(password, { email: invitation.email, name });
    if (problem) f.password = problem;
    setFields(f);
    if (Object.keys(f).length) return;
    setBusy(true);
    try {
      await onJoined(await post<Accepted>(`${base}/accept`, { name: name.trim(), password }));
    } catch (err) {
      setFields(fieldMessages(err));
      if (err instanceof ApiError && err.status === 422 && err.fields) setBusy(false);
      else onFailed(err);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-title">
      <h2 className="invite-action-title" id="create-title">Create your account</h2>
      <p className="public-intro muted">Your account is for {invitation.email}; you sign in with it from now on.</p>
      {error}
      <div className="field">
        <label htmlFor="invite-email">Email</label>
        <input id="invite-email" type="email" value={invitation.email} readOnly autoComplete="username" aria-readonly="true" />
      </div>
      <div className="field">
        <label htmlFor="invite-name">Your name</label>
        <input id="invite-name" name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120}
               autoFocus aria-invalid={!!fields.name} aria-describedby={fields.name ? "invite-name-error" : undefined} />
        {fields.name && <span className="field-error" id="invite-name-error" role="alert">{fields.name}</span>}
      </div>
      <PasswordField label="Password" value={password} onChange={(v) => { setPassword(v); setFields(({ password: _, ...rest }) => rest); }} who={{ email: invitation.email, name }}
                     error={fields.password} />
      <div className="public-actions">
        {decline}
        <button type="submit" className={`button side-button side-${invitation.side}`} disabled={busy}>
          {busy ? "Creating your account…" : "Create account and join"}
        </button>
      </div>
    </form>
  );
}

function SignInToAccept({ invitation, error, decline }: { invitation: InvitationPreview; error: ReactNode; decline: ReactNode }) {
  const { signIn } = useSession();
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!password) return setProblem("Enter your password.");
    setBusy(true);
    setProblem(null);
    try {
      await signIn(invitation.email, password); // the page then offers Accept and Decline
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setProblem("That password does not match the account. Try again, or reset it.");
      else if (err instanceof ApiError && err.status === 429) setProblem("Too many sign-in attempts. Wait a minute, then try again.");
      else setProblem(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="signin-accept-title">
      <h2 className="invite-action-title" id="signin-accept-title">Sign in to accept</h2>
      <p className="public-intro muted">{invitation.email} has an account already: sign in with it, then accept.</p>
      {error}
      {problem && <div className="form-error" role="alert">{problem}</div>}
      <div className="field">
        <label htmlFor="invite-signin-email">Email</label>
        <input id="invite-signin-email" type="email" value={invitation.email} readOnly autoComplete="username" aria-readonly="true" />
      </div>
      <div className="field">
        <label htmlFor="invite-signin-password">Password</label>
        <input id="invite-signin-password" type="password" autoComplete="current-password" value={password} autoFocus
               onChange={(e) => setPassword(e.target.value)} aria-invalid={!!problem} />
      </div>
      <p className="small public-forgot">
        <Link to={`${paths.forgotPassword}?email=${encodeURIComponent(invitation.email)}`}>Forgot password?</Link>
      </p>
      <div className="public-actions">
        {decline}
        <button type="submit" className="button primary" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
      </div>
    </form>
  );
}
