import { useState, type FormEvent } from "react";
import { ApiError } from "../api";
import { SkipLink } from "../components/SkipLink";
import { Link, paths, useTitle } from "../router";
import { useSession } from "../session";

export function SignIn() {
  useTitle("Sign in");
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError("That email and password do not match an account. Check both and try again.");
      else if (err instanceof ApiError && err.status === 422) setError("Enter a valid email address and your password.");
      else if (err instanceof ApiError && err.status === 429) setError("Too many sign-in attempts. Wait a minute, then try again.");
      else setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (<>
    <SkipLink />
    <main id="main" tabIndex={-1} className="signin-page">
      <section className="signin-hero" aria-hidden="true">
        <div className="hero-brand"><span className="logo-mark"><span /><span /></span> Co-Learning Board</div>
        <h2>Buyer and provider,<br />learning on the job.</h2>
        <p>Shadow the work, capture what you see, turn it into customer stories and test them together.</p>
        <div className="hero-notes">
          <div className="hero-note side-provider"><span className="kind-pill">Observation</span>“Half my day is calling people who already told me they'd pay on Friday.”</div>
          <div className="hero-note side-buyer"><span className="kind-pill">Story</span>Paying on payday, not on our date</div>
          <div className="hero-note side-provider"><span className="kind-pill">Experiment</span>Offer payday-aligned due dates</div>
        </div>
      </section>
      <section className="signin-panel">
        <form className="signin-form" onSubmit={submit} noValidate aria-labelledby="signin-title">
          <h1 id="signin-title">Sign in</h1>
          <p className="muted">New here? Open the invitation link from your e-mail: it creates your account.</p>
          {error && <div className="form-error" role="alert">{error}</div>}
          <label className="field">
            <span>Email</span>
            <input type="email" name="email" autoComplete="username" value={email} autoFocus required
                   onChange={(e) => setEmail(e.target.value)} aria-invalid={!!error} />
          </label>
          <label className="field">
            <span>Password</span>
            <input type="password" name="password" autoComplete="current-password" value={password} required
                   onChange={(e) => setPassword(e.target.value)} aria-invalid={!!error} />
          </label>
          <button type="submit" className="button primary wide" disabled={busy || !email || !password}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
          <p className="signin-forgot small">
            <Link to={email.trim() ? `${paths.forgotPassword}?email=${encodeURIComponent(email.trim())}` : paths.forgotPassword}>Forgot password?</Link>
          </p>
        </form>
      </section>
    </main>
  </>);
}
