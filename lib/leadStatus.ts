/**
 * The one place a lead's status changes are decided. Runs, audits, re-audits and the user's pipeline
 * actions all ask `nextLeadStatus(current, event)`; the Convex writers only store what it returns.
 *
 * Rules:
 * - The pipeline statuses (CONTACTED, MEETING_BOOKED, WON, LOST, NOT_A_FIT) are set by the user only and
 *   stick: every system event leaves them as they are, so a re-run or re-audit never resets them.
 * - The user may move a lead to any pipeline status at any time, and back to READY (undo) from one.
 * - MEETING_BOOKED needs a meeting time; a meeting time goes with MEETING_BOOKED only.
 */
import { OPPORTUNITY_STATUSES, PIPELINE_STATUSES, type OpportunityStatus, type PipelineStatus } from "./lifecycle";

/** What happened to a lead, from the run, an audit, or the user. */
export type LeadEvent =
  /** A run's deep audit starts crawling the lead's website. */
  | { kind: "crawl_started" }
  /** A run's audit starts writing the lead's dossier. */
  | { kind: "dossier_started" }
  /** The lead gets no deep audit in this run (no crawlable website, or over the limit). */
  | { kind: "crawl_skipped" }
  /** The lead's dossier landed or its run finished: the lead is ready to work. */
  | { kind: "finished" }
  /** The run stopped (cancelled or failed) while a step worked on the lead. */
  | { kind: "run_stopped" }
  /** The user moves the lead in its pipeline (READY = undo). */
  | { kind: "user"; status: UserTargetStatus; meetingTime?: number };

export type SystemLeadEvent = Exclude<LeadEvent, { kind: "user" }>;
export type UserLeadEvent = Extract<LeadEvent, { kind: "user" }>;
/** What the user can move a lead to: a pipeline status, or back to READY. */
export type UserTargetStatus = PipelineStatus | "READY";
export const USER_TARGET_STATUSES = ["READY", ...PIPELINE_STATUSES] as const satisfies readonly UserTargetStatus[];

/** A user change that is refused, with the code and message the server sends. */
export interface LeadStatusRefusal {
  refused: true;
  code: "MEETING_TIME_REQUIRED" | "INVALID_MEETING_TIME" | "INVALID_STATUS_CHANGE";
  message: string;
}

export function isPipelineStatus(status: OpportunityStatus): status is PipelineStatus {
  return (PIPELINE_STATUSES as readonly OpportunityStatus[]).includes(status);
}

export function isOpportunityStatus(value: string): value is OpportunityStatus {
  return (OPPORTUNITY_STATUSES as readonly string[]).includes(value);
}

/** Statuses a lead is only in while a step works on it, and where it falls back to when the run stops. */
const IN_FLIGHT_FALLBACK: Partial<Record<OpportunityStatus, OpportunityStatus>> = { SCRAPING: "SOURCED", AUDITING: "DATA_READY" };

/** Earliest meeting time accepted (2000-01-01): anything before is a unit mistake (seconds, not ms). */
const MIN_MEETING_TIME = Date.UTC(2000, 0, 1);

/**
 * The status a lead moves to after `event`. System events never fail (they return `current` when the rule
 * says the lead stays); a user event may be refused.
 */
export function nextLeadStatus(current: OpportunityStatus, event: SystemLeadEvent): OpportunityStatus;
export function nextLeadStatus(current: OpportunityStatus, event: LeadEvent): OpportunityStatus | LeadStatusRefusal;
export function nextLeadStatus(current: OpportunityStatus, event: LeadEvent): OpportunityStatus | LeadStatusRefusal {
  if (event.kind === "user") return userChange(current, event);
  if (isPipelineStatus(current)) return current;
  switch (event.kind) {
    case "crawl_started":
      return "SCRAPING";
    case "dossier_started":
      return "AUDITING";
    case "crawl_skipped":
      return "DATA_READY";
    case "finished":
      return "READY";
    case "run_stopped":
      return IN_FLIGHT_FALLBACK[current] ?? current;
  }
}

function userChange(current: OpportunityStatus, { status, meetingTime }: UserLeadEvent): OpportunityStatus | LeadStatusRefusal {
  if (status === "MEETING_BOOKED") {
    if (meetingTime === undefined) {
      return refuse("MEETING_TIME_REQUIRED", "Choose the meeting's date and time to mark a meeting as booked.");
    }
    if (!Number.isFinite(meetingTime) || meetingTime < MIN_MEETING_TIME) {
      return refuse("INVALID_MEETING_TIME", "That meeting time is not a valid date.");
    }
  } else if (meetingTime !== undefined) {
    return refuse("INVALID_MEETING_TIME", `A meeting time goes with "${LEAD_STATUS_LABELS.MEETING_BOOKED}" only.`);
  }
  if (status === "READY" && !isPipelineStatus(current) && current !== "READY") {
    return refuse("INVALID_STATUS_CHANGE", `This lead is still "${LEAD_STATUS_LABELS[current]}": there is nothing to undo yet.`);
  }
  return status;
}

function refuse(code: LeadStatusRefusal["code"], message: string): LeadStatusRefusal {
  return { refused: true, code, message };
}

export function isRefusal(result: OpportunityStatus | LeadStatusRefusal): result is LeadStatusRefusal {
  return typeof result === "object";
}

/** Lead-status labels: the one table used by server messages and the dashboard. */
export const LEAD_STATUS_LABELS: Record<OpportunityStatus, string> = {
  SOURCED: "Sourced",
  SCRAPING: "Crawling",
  DATA_READY: "Data ready",
  AUDITING: "Auditing",
  READY: "Ready",
  CONTACTED: "Contacted",
  MEETING_BOOKED: "Meeting booked",
  WON: "Won",
  LOST: "Lost",
  NOT_A_FIT: "Not a fit",
};

/** A label for any status string (an unknown one is shown as is). */
export function leadStatusLabel(status: string): string {
  return isOpportunityStatus(status) ? LEAD_STATUS_LABELS[status] : status;
}

/** Status changes kept on a lead, newest last; older ones are dropped (the lead stays one small document). */
export const STATUS_HISTORY_MAX = 50;

export interface StatusHistoryEntry {
  status: OpportunityStatus;
  at: number;
  meeting_time?: number;
}

/** The history with one more entry, capped to the latest STATUS_HISTORY_MAX. */
export function appendStatusHistory(history: readonly StatusHistoryEntry[] | undefined, entry: StatusHistoryEntry): StatusHistoryEntry[] {
  return [...(history ?? []), entry].slice(-STATUS_HISTORY_MAX);
}
