import { useQuery } from "convex/react";
import { useRef, useState } from "react";
import { createPortal } from "react-dom";
import { api } from "../../convex/_generated/api";
import type { ProviderSummary } from "../apiTypes";
import { useDialogFocus } from "../hooks/useDialogFocus";

/**
 * "Where am I": a header badge saying "Demo data" or which live providers this deployment uses (read from its
 * env by `providers.active`; never a key), opening a settings panel with each provider and what every env var does.
 */
export function ProviderBadge() {
  const summary = useQuery(api.providers.active);
  const [open, setOpen] = useState(false);
  if (!summary) return null;
  const problem = summary.providers.some((p) => p.problem);
  return (
    <>
      <button
        type="button"
        className={`badge provider-badge ${summary.demoData ? "provider-demo" : "provider-live"}${problem ? " provider-problem" : ""}`}
        data-testid="provider-badge"
        title="Data sources and settings"
        onClick={() => setOpen(true)}
      >
        {problem ? "⚠ " : ""}
        {summary.badge}
      </button>
      {/* Portalled out of the header, whose styles (one-line, ellipsis) must not reach the panel. */}
      {open ? createPortal(<SettingsPanel summary={summary} onClose={() => setOpen(false)} />, document.body) : null}
    </>
  );
}

function SettingsPanel({ summary, onClose }: { summary: ProviderSummary; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref, onClose);
  return (
    <div className="overlay overlay-center" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog card settings-panel"
        role="dialog"
        aria-modal="true"
        aria-label="Data sources and settings"
        ref={ref}
        tabIndex={-1}
        data-testid="settings-panel"
      >
        <div className="panel-header">
          <h2>Data sources</h2>
          <button type="button" className="button button-ghost" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
        <p className="muted">
          {summary.demoData
            ? "Demo data: businesses come from the bundled demo dataset and their websites from the local demo web server. Nothing here is a real business."
            : "Live: leads are real businesses from Google Places."}{" "}
          Providers are chosen by the backend's environment variables (on a deployment: <code>npx convex env set NAME value</code>; with{" "}
          <code>npm run dev</code>: <code>.env.local</code>). Keys are never shown here.
        </p>
        <ul className="provider-list">
          {summary.providers.map((p) => (
            <li key={p.concern} data-testid="provider-row" data-concern={p.concern} data-provider={p.provider}>
              <strong>{p.title}</strong>: {p.detail} <span className={p.live ? "chip chip-ready" : "chip"}>{p.live ? "live" : "keyless"}</span>
              {p.problem ? <p className="warning small">{p.problem}</p> : null}
            </li>
          ))}
        </ul>
        <div className="table-scroll">
          <table className="table env-table">
            <caption className="visually-hidden">Environment variables</caption>
            <thead>
              <tr>
                <th scope="col">Variable</th>
                <th scope="col">Set</th>
                <th scope="col">What it does</th>
              </tr>
            </thead>
            <tbody>
              {summary.variables.map((v) => (
                <tr key={v.name} data-testid="env-row">
                  <td>
                    <code>{v.name}</code>
                  </td>
                  <td>{v.set ? "set" : "—"}</td>
                  <td>{v.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
