// My account (`/account`): my name, my password (which signs my other browsers out), and my engagements.
import { useState, type FormEvent } from "react";
import { errorMessage, fieldMessages, patch } from "../../api";
import { SideBadge } from "../../components/Avatar";
import { PasswordField } from "../../components/PasswordField";
import { useToast } from "../../components/Toasts";
import { passwordProblem } from "../../lib/password";
import { rolesInWords } from "../../lib/roles";
import { Link, paths, useTitle } from "../../router";
import { useSession } from "../../session";
import type { User } from "../../types";
import { Shell, rememberedEngagement } from "../Shell";
import "./account.css";

export function Account() {
  useTitle("Your account");
  const { me } = useSession();
  if (!me) return null;
  return (
    <Shell engagementId={rememberedEngagement(me)} active="account">
      <main id="main" tabIndex={-1} className="page account-page">
        <div className="page-head">
          <div>
            <p className="eyebrow">{me.user.email}</p>
            <h1>Your account</h1>
          </div>
        </div>
        <div className="account-grid">
          <NameForm />
          <PasswordForm />
          <section className="panel account-engagements" aria-labelledby="account-engagements-title">
            <h2 id="account-engagements-title">Your engagements</h2>
            {me.engagements.length === 0 ? (
              <p className="muted small">None yet. <Link to={paths.home}>Start one or answer an invitation</Link>.</p>
            ) : (
              <ul className="account-engagement-list">
                {me.engagements.map((e) => (
                  <li key={e.id}>
                    <div>
                      <Link to={paths.initiatives(e.id)} className="account-engagement-name">{e.name}</Link>
                      <p className="muted tiny">{e.buyer_name} × {e.provider_name} · {rolesInWords(e.roles)}</p>
                    </div>
                    <SideBadge side={e.side} />
                    <Link to={paths.settings(e.id)} className="button ghost small" aria-label={`Settings of ${e.name}`}>Settings</Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </main>
    </Shell>
  );
}

function NameForm() {
  const { me, refresh } = useSession();
  const toast = useToast();
  const [name, setName] = useState(me?.user.name ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unchanged = name.trim() === me?.user.name;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError("Enter your name.");
    if (unchanged) return;
    setBusy(true);
    setError(null);
    try {
      await patch<User>("/me", { name: name.trim() });
      await refresh();
      toast.show({ message: "Name saved.", tone: "success" });
    } catch (err) {
      setError(fieldMessages(err).name ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel">
      <h2 id="account-name-title">Name</h2>
      <p className="muted small account-intro">How the members of your engagements see you, on cards, comments and in their activity.</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="account-name">Name</label>
          <input id="account-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoComplete="name"
                 aria-invalid={!!error} aria-describedby={error ? "account-name-error" : undefined} />
          {error && <span className="field-error" id="account-name-error" role="alert">{error}</span>}
        </div>
        <div className="field">
          <label htmlFor="account-email">Email</label>
          <input id="account-email" type="email" value={me?.user.email ?? ""} readOnly aria-readonly="true" aria-describedby="account-email-hint" />
          <p className="muted tiny" id="account-email-hint">Invitations find you by this address; an operator can change it.</p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || unchanged}>{busy ? "Saving…" : "Save name"}</button>
        </div>
      </form>
    </section>
  );
}

function PasswordForm() {
  const { me, refresh } = useSession();
  const toast = useToast();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const who = { email: me?.user.email, name: me?.user.name };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const f: Record<string, string> = {};
    if (!current) f.current_password = "Enter your current password.";
    const problem = passwordProblem(password, who);
    if (problem) f.password = problem;
    else if (again !== password) f.again = "The two new passwords are not the same.";
    setFields(f);
    setError(null);
    if (Object.keys(f).length) return;
    setBusy(true);
    try {
      await patch<User>("/me", { current_password: current, password });
      setCurrent(""); setPassword(""); setAgain("");
      toast.show({ message: "Password changed; your other browsers were signed out", tone: "success" });
      refresh().catch(() => undefined);
    } catch (err) {
      const fm = fieldMessages(err);
      setFields(fm);
      setError(Object.keys(fm).length ? null : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel">
      <h2 id="account-password-title">Password</h2>
      <p className="muted small account-intro">A new password signs your account out of every other browser.</p>
      <form onSubmit={submit} noValidate>
        {error && <p className="form-error" role="alert">{error}</p>}
        <input type="email" value={me?.user.email ?? ""} autoComplete="username" readOnly hidden />
        <div className="field">
          <label htmlFor="account-current">Current password</label>
          <input id="account-current" type="password" autoComplete="current-password" value={current}
                 onChange={(e) => setCurrent(e.target.value)} aria-invalid={!!fields.current_password}
                 aria-describedby={fields.current_password ? "account-current-error" : undefined} />
          {fields.current_password && <span className="field-error" id="account-current-error" role="alert">{fields.current_password}</span>}
        </div>
        <PasswordField label="New password" value={password} onChange={(v) => { setPassword(v); setFields(({ password: _, ...rest }) => rest); }} who={who} error={fields.password} />
        <div className="field">
          <label htmlFor="account-again">Confirm password</label>
          <input id="account-again" type="password" autoComplete="new-password" value={again} maxLength={256}
                 onChange={(e) => setAgain(e.target.value)} aria-invalid={!!fields.again}
                 aria-describedby={fields.again ? "account-again-error" : undefined} />
          {fields.again && <span className="field-error" id="account-again-error" role="alert">{fields.again}</span>}
        </div>
        <div className="form-actions">
          <Link to={paths.forgotPassword} className="button ghost">Forgot it?</Link>
          <button type="submit" className="button primary" disabled={busy}>{busy ? "Changing…" : "Change password"}</button>
        </div>
      </form>
    </section>
  );
}
