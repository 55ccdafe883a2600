import { useEffect, useId, useState } from "react";
import type { OpportunityReport } from "../apiTypes";
import { outreachMailto } from "../lib/outreachMailto";
import "./claimsAndOutreach.css";

type Drafts = NonNullable<OpportunityReport["outreach"]>;

/** Copies `text`; says "Copied" for a moment, or that the browser refused. */
function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <button type="button" className="button button-ghost" data-testid={testId} aria-label={label} onClick={() => void copy()}>
      {state === "copied" ? "Copied ✓" : state === "failed" ? "Copy blocked: select and copy" : "Copy"}
    </button>
  );
}

/**
 * The lead's cold email and call script: editable here (edits stay in this
 * panel; the parent keys it by the drafts, so new drafts start fresh), copied
 * with one click, or opened in the user's own mail client.
 */
export function OutreachDrafts({ drafts, email }: { drafts: Drafts; email?: string }) {
  const id = useId();
  const [subject, setSubject] = useState(drafts.emailSubject);
  const [body, setBody] = useState(drafts.emailBody);
  const [script, setScript] = useState(drafts.callScript);
  const mailto = outreachMailto(email, subject, body);

  return (
    <div data-testid="outreach">
      <div className="outreach-draft">
        <div className="outreach-draft-header">
          <label htmlFor={`${id}-subject`}>Email subject</label>
          <CopyButton text={subject} label="Copy email subject" testId="copy-subject" />
        </div>
        <input id={`${id}-subject`} data-testid="outreach-subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
      </div>
      <div className="outreach-draft">
        <div className="outreach-draft-header">
          <label htmlFor={`${id}-body`}>Email</label>
          <span className="outreach-actions">
            <CopyButton text={body} label="Copy email" testId="copy-email" />
            <a
              className="button"
              data-testid="outreach-mailto"
              href={mailto}
              title={email ? `New email to ${email}` : "New email (no address found for this lead)"}
            >
              Open in mail app
            </a>
          </span>
        </div>
        <textarea id={`${id}-body`} data-testid="outreach-body" value={body} rows={12} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="outreach-draft">
        <div className="outreach-draft-header">
          <label htmlFor={`${id}-script`}>Call script</label>
          <CopyButton text={script} label="Copy call script" testId="copy-script" />
        </div>
        <textarea id={`${id}-script`} data-testid="outreach-script" value={script} rows={12} onChange={(e) => setScript(e.target.value)} />
      </div>
      <p className="muted small">Sending stays with your own mail client: nothing is sent from Atlas.</p>
    </div>
  );
}
