import { useAuthActions } from "@convex-dev/auth/react";
import { type FormEvent, useId, useState } from "react";
import { useMutationState } from "../hooks/useMutationState";
import { isEmbeddedBackend, LOCAL_DEMO_ACCOUNT } from "../lib/convexUrl";
import { InlineError } from "./QueryStates";

type Flow = "signUp" | "signIn";

const MIN_PASSWORD = 8;

/**
 * Sign in or create an account (Convex Auth, email + password). On the embedded backend only, the form opens on
 * "Create account" prefilled with the local demo account, so a first visit is one click from the dashboard.
 */
export function SignIn() {
  const { signIn } = useAuthActions();
  const embedded = isEmbeddedBackend(import.meta.env);
  const formId = useId();
  const [flow, setFlow] = useState<Flow>(embedded ? "signUp" : "signIn");
  const [email, setEmail] = useState<string>(embedded ? LOCAL_DEMO_ACCOUNT.email : "");
  const [password, setPassword] = useState<string>(embedded ? LOCAL_DEMO_ACCOUNT.password : "");
  const { busy: pending, error, run, setError } = useMutationState<Flow>();
  const busy = pending !== undefined;

  async function attempt(which: Flow) {
    await signIn("password", { email: email.trim(), password, flow: which });
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setError("Enter your email address.");
    if (password.length < MIN_PASSWORD) return setError(`The password needs at least ${MIN_PASSWORD} characters.`);
    // Creating an account that exists: the same email and password simply sign in (the password must match).
    await run(
      flow,
      () => (flow === "signUp" ? attempt("signUp").catch(() => attempt("signIn")) : attempt("signIn")),
      () => (flow === "signUp" ? "Could not create this account: it may exist with another password. Sign in instead." : "Wrong email or password."),
    );
  }

  return (
    <form
      className="card agency-form sign-in"
      data-testid="sign-in-form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-labelledby={`${formId}-title`}
    >
      <h2 id={`${formId}-title`}>{flow === "signUp" ? "Create your account" : "Sign in"}</h2>
      {embedded && flow === "signUp" ? (
        <p className="muted" data-testid="local-demo-note">
          Local backend: prefilled with a demo account that lives only in this machine's data folder. Change it if you like.
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${formId}-email`}>Email</label>
        <input id={`${formId}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" data-autofocus />
      </div>
      <div className="field">
        <label htmlFor={`${formId}-password`}>Password</label>
        <input
          id={`${formId}-password`}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete={flow === "signUp" ? "new-password" : "current-password"}
        />
      </div>
      <InlineError message={error} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Please wait…" : flow === "signUp" ? "Create account" : "Sign in"}
        </button>
        <button
          type="button"
          className="button button-ghost"
          disabled={busy}
          onClick={() => {
            setError(undefined);
            setFlow(flow === "signUp" ? "signIn" : "signUp");
          }}
        >
          {flow === "signUp" ? "I have an account" : "Create an account"}
        </button>
      </div>
    </form>
  );
}
