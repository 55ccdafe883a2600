import { Component, type ErrorInfo, type ReactNode } from "react";
import { userErrorMessage } from "../lib/errorMessage";

export function Loading({ label }: { label: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children ? <div className="state-body">{children}</div> : null}
    </div>
  );
}

export function InlineError({ message, id }: { message?: string; id?: string }) {
  if (!message) return null;
  return (
    <p className="inline-error" role="alert" id={id}>
      {message}
    </p>
  );
}

interface ErrorBoundaryProps {
  /** What failed to load, e.g. "this run". */
  what: string;
  children: ReactNode;
  /** Likely cause to show under the message, e.g. "The link may be out of date." */
  hint?: string;
  /** Extra action offered next to "Try again" (e.g. clear a stale link). */
  action?: { label: string; onClick: () => void };
}

interface ErrorBoundaryState {
  error: unknown;
}

/** A failed query (useQuery throws) shows a message and a retry instead of a blank page. */
export class QueryErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  state: ErrorBoundaryState = { error: undefined };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error ?? new Error("Unknown error") };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`Failed to load ${this.props.what}`, error, info.componentStack);
  }

  render() {
    if (this.state.error === undefined) return this.props.children;
    const { what, action, hint } = this.props;
    return (
      <div className="state state-error" role="alert">
        <p className="state-title">Could not load {what}.</p>
        <p className="state-body">{userErrorMessage(this.state.error)}</p>
        {hint ? <p className="state-body">{hint}</p> : null}
        <div className="button-row">
          <button type="button" className="button" onClick={() => this.setState({ error: undefined })}>
            Try again
          </button>
          {action ? (
            <button type="button" className="button button-ghost" onClick={action.onClick}>
              {action.label}
            </button>
          ) : null}
        </div>
      </div>
    );
  }
}
