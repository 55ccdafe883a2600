import { useMutation, useQuery } from "convex/react";
import { type FormEvent, useState } from "react";
import { api } from "../../convex/_generated/api";
import { isPipelineStatus, LEAD_STATUS_LABELS } from "../../lib/leadStatus";
import { NOTE_MAX } from "../../lib/leadNotes";
import { PIPELINE_STATUSES, type PipelineStatus } from "../../lib/lifecycle";
import type { OpportunityReport } from "../apiTypes";
import { useMutationState } from "../hooks/useMutationState";
import { formatDateTime, fromDateTimeLocal, toDateTimeLocal } from "../lib/timeFormat";
import { ConfirmDialog } from "./Dialog";
import { InlineError } from "./QueryStates";

type Lead = OpportunityReport["opportunity"];

/** Status changes shown in the report, newest first (the lead keeps more). */
const HISTORY_SHOWN = 6;

/**
 * A lead's pipeline in its report: move it (Contacted, Meeting booked with a time, Won, Lost, Not a fit, or
 * undo back to Ready), see when it moved, keep dated notes, delete it.
 */
export function LeadPipeline({ opportunity, onDeleted }: { opportunity: Lead; onDeleted: () => void }) {
  return (
    <section className="report-section" aria-labelledby="report-pipeline" data-testid="lead-pipeline">
      <h3 id="report-pipeline">Pipeline</h3>
      <StatusControls opportunity={opportunity} />
      <StatusHistory history={opportunity.statusHistory} />
      <Notes opportunityId={opportunity._id} />
      <DeleteLead opportunity={opportunity} onDeleted={onDeleted} />
    </section>
  );
}

function StatusControls({ opportunity: o }: { opportunity: Lead }) {
  const setStatus = useMutation(api.opportunities.setStatus);
  const { busy, error, run } = useMutationState<PipelineStatus | "READY">();
  const [booking, setBooking] = useState(false);
  const [meetingAt, setMeetingAt] = useState(() => toDateTimeLocal(o.meeting_time ?? nextHour()));
  const inPipeline = isPipelineStatus(o.status);

  async function move(status: PipelineStatus | "READY", meetingTime?: number) {
    const done = await run(status, () => setStatus({ opportunityId: o._id, status, ...(meetingTime !== undefined ? { meetingTime } : {}) }));
    if (done !== undefined) setBooking(false);
  }

  function onBook(event: FormEvent) {
    event.preventDefault();
    // An empty or malformed time goes to the server as missing, which refuses it with its own message.
    void move("MEETING_BOOKED", fromDateTimeLocal(meetingAt));
  }

  return (
    <div className="pipeline-controls">
      {o.status === "MEETING_BOOKED" && o.meeting_time !== undefined ? (
        <p className="meeting-time" data-testid="meeting-time">
          Meeting: <strong>{formatDateTime(o.meeting_time)}</strong>
        </p>
      ) : null}
      <div className="button-row pipeline-buttons" role="group" aria-label="Move this lead">
        {PIPELINE_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            className={o.status === status ? "button button-primary" : "button"}
            aria-pressed={o.status === status}
            disabled={busy !== undefined}
            data-testid={`set-status-${status}`}
            onClick={() => (status === "MEETING_BOOKED" ? setBooking(true) : void move(status))}
          >
            {busy === status ? "Saving…" : LEAD_STATUS_LABELS[status]}
          </button>
        ))}
        {inPipeline ? (
          <button type="button" className="button button-ghost" disabled={busy !== undefined} data-testid="undo-status" onClick={() => void move("READY")}>
            {busy === "READY" ? "Saving…" : `Undo: back to ${LEAD_STATUS_LABELS.READY}`}
          </button>
        ) : null}
      </div>
      {booking ? (
        <form className="meeting-form" onSubmit={onBook} data-testid="meeting-form">
          <label htmlFor="meeting-at">Meeting date and time</label>
          <input id="meeting-at" type="datetime-local" value={meetingAt} onChange={(e) => setMeetingAt(e.target.value)} data-testid="meeting-at" required />
          <button type="submit" className="button button-primary" disabled={busy !== undefined} data-testid="book-meeting">
            {busy === "MEETING_BOOKED" ? "Saving…" : "Book meeting"}
          </button>
          <button type="button" className="button button-ghost" onClick={() => setBooking(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      <InlineError message={error} />
    </div>
  );
}

/** The top of the next hour: a sensible default for a new meeting. */
function nextHour(): number {
  const d = new Date();
  d.setHours(d.getHours() + 1, 0, 0, 0);
  return d.getTime();
}

function StatusHistory({ history }: { history: Lead["statusHistory"] }) {
  if (!history || history.length === 0) return null;
  const latest = [...history].reverse().slice(0, HISTORY_SHOWN);
  return (
    <details className="status-history" data-testid="status-history">
      <summary className="small">History ({history.length})</summary>
      <ul className="plain-list small">
        {latest.map((entry, i) => (
          <li key={`${entry.at}-${i}`}>
            <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at)}</time> — {LEAD_STATUS_LABELS[entry.status]}
            {entry.meeting_time !== undefined ? ` (meeting ${formatDateTime(entry.meeting_time)})` : ""}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Notes({ opportunityId }: { opportunityId: Lead["_id"] }) {
  const notes = useQuery(api.opportunities.listNotes, { opportunityId });
  const addNote = useMutation(api.opportunities.addNote);
  const { busy, error, run } = useMutationState<"add">();
  const [text, setText] = useState("");

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const id = await run("add", () => addNote({ opportunityId, text }));
    if (id !== undefined) setText("");
  }

  return (
    <div className="notes">
      <h4>Notes</h4>
      <form className="note-form" onSubmit={(e) => void onSubmit(e)}>
        <label htmlFor="note-text" className="visually-hidden">
          New note
        </label>
        <textarea
          id="note-text"
          rows={2}
          maxLength={NOTE_MAX}
          value={text}
          placeholder="e.g. Spoke to the office manager; call back Friday."
          onChange={(e) => setText(e.target.value)}
          data-testid="note-text"
        />
        <button type="submit" className="button" disabled={busy !== undefined || !text.trim()} data-testid="add-note">
          {busy ? "Adding…" : "Add note"}
        </button>
      </form>
      <InlineError message={error} />
      {notes === undefined ? null : notes.length === 0 ? (
        <p className="muted small">No notes yet.</p>
      ) : (
        <ul className="plain-list notes-list" data-testid="notes-list">
          {notes.map((note) => (
            <li key={note._id}>
              <time className="muted small" dateTime={new Date(note.createdAt).toISOString()}>
                {formatDateTime(note.createdAt)}
              </time>
              <p className="note-text">{note.text}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DeleteLead({ opportunity: o, onDeleted }: { opportunity: Lead; onDeleted: () => void }) {
  const deleteLead = useMutation(api.opportunities.deleteLead);
  const { busy, error, run, setError } = useMutationState<"delete">();
  const [confirming, setConfirming] = useState(false);

  async function onConfirm() {
    const done = await run("delete", async () => {
      await deleteLead({ opportunityId: o._id });
      return true;
    });
    if (done) onDeleted();
  }

  return (
    <div className="danger-zone">
      <button type="button" className="button button-ghost danger-link" data-testid="delete-lead" onClick={() => setConfirming(true)}>
        Delete this lead…
      </button>
      {confirming ? (
        <ConfirmDialog
          title={`Delete ${o.name}?`}
          confirmLabel="Delete lead"
          busy={busy !== undefined}
          error={error}
          onConfirm={() => void onConfirm()}
          onClose={() => {
            setConfirming(false);
            setError(undefined);
          }}
        >
          <p>The lead, its audits, dossier, crawled pages and notes are deleted. This cannot be undone; a later run may find the business again.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
