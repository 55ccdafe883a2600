import { useMutation } from "convex/react";
import { useEffect, useId, useState } from "react";
import { api } from "../../convex/_generated/api";
import { sameOutreach, type OutreachText } from "../../lib/outreach/outreachEdits";
import type { OpportunityId, OpportunityReport } from "../apiTypes";
import { useMutationState } from "../hooks/useMutationState";
import { useNow } from "../hooks/useNow";
import { outreachMailto } from "../lib/outreachMailto";
import { formatRelativeTime } from "../lib/timeFormat";
import { ConfirmDialog } from "./Dialog";
import { InlineError } from "./QueryStates";
import "./claimsAndOutreach.css";

type Drafts = NonNullable<OpportunityReport["outreach"]>;
type SavedEdits = NonNullable<OpportunityReport["outreachEdits"]>;

function textOf(drafts: OutreachText): OutreachText {
  return { emailSubject: drafts.emailSubject, emailBody: drafts.emailBody, callScript: drafts.callScript };
}

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
 * The lead's cold email and call script: editable here and saved per lead ("Save edits"; the report then shows
 * the agency's version, also after a re-audit writes new drafts), copied with one click, or opened in the user's
 * own mail client. "Revert to generated" drops the edits. The parent keys this by lead and generated drafts.
 */
export function OutreachDrafts({
  opportunityId,
  drafts,
  edits,
  email,
}: {
  opportunityId: OpportunityId;
  drafts: Drafts;
  edits: SavedEdits | null;
  email?: string;
}) {
  const id = useId();
  const saveEdits = useMutation(api.outreach.saveEdits);
  const revertEdits = useMutation(api.outreach.revertEdits);
  const { busy, error, run, setError } = useMutationState<"save" | "revert">();
  const [confirmingRevert, setConfirmingRevert] = useState(false);
  const saved = textOf(edits ?? drafts);
  const [subject, setSubject] = useState(saved.emailSubject);
  const [body, setBody] = useState(saved.emailBody);
  const [script, setScript] = useState(saved.callScript);
  const current = { emailSubject: subject, emailBody: body, callScript: script };
  const dirty = !sameOutreach(current, saved);
  const now = useNow(30_000, edits !== null);
  const mailto = outreachMailto(email, subject, body);

  function show(text: OutreachText) {
    setSubject(text.emailSubject);
    setBody(text.emailBody);
    setScript(text.callScript);
  }

  async function save() {
    await run("save", () => saveEdits({ opportunityId, ...current }));
  }

  async function revert() {
    const done = await run("revert", () => revertEdits({ opportunityId }));
    if (done === undefined) return;
    setConfirmingRevert(false);
    show(textOf(drafts));
  }

  const status = dirty ? "Unsaved changes" : edits ? `Your edits, saved ${formatRelativeTime(edits.editedAt, now)}` : "Generated draft";

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
      <div className="outreach-save">
        <button type="button" className="button button-primary" data-testid="outreach-save" disabled={!dirty || busy !== undefined} onClick={() => void save()}>
          {busy === "save" ? "Saving…" : "Save edits"}
        </button>
        {dirty ? (
          <button type="button" className="button button-ghost" data-testid="outreach-discard" onClick={() => show(saved)}>
            Discard changes
          </button>
        ) : null}
        {edits ? (
          <button type="button" className="button button-ghost" data-testid="outreach-revert" onClick={() => setConfirmingRevert(true)}>
            Revert to generated
          </button>
        ) : null}
        <span className="muted small" data-testid="outreach-status" role="status">
          {status}
        </span>
      </div>
      {edits?.newerDraft ? (
        <p className="muted small" data-testid="outreach-newer-draft">
          A later audit wrote new drafts for this lead; you are seeing your edits. Revert to see the new drafts.
        </p>
      ) : null}
      {!confirmingRevert ? <InlineError message={error} /> : null}
      <p className="muted small">Sending stays with your own mail client: nothing is sent from Atlas.</p>
      {confirmingRevert ? (
        <ConfirmDialog
          title="Revert to the generated drafts?"
          confirmLabel="Drop my edits"
          busy={busy === "revert"}
          error={error}
          onConfirm={() => void revert()}
          onClose={() => {
            setConfirmingRevert(false);
            setError(undefined);
          }}
        >
          <p>Your edited email and call script for this lead are deleted, and the report shows the latest generated drafts.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
