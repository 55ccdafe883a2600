/**
 * Every code a user-actionable error carries (`ConvexError({ code, message })`), in one list: the server throws
 * only these (convex/model/errors.ts `userError`), and the dashboard maps them with type checking.
 */

/** Bad input: the campaign or agency fields (lib/campaignInput.ts) and list limits. */
export const INPUT_ERROR_CODES = [
  "INVALID_NUM_LEADS",
  "INVALID_VERTICAL",
  "INVALID_GEOGRAPHY",
  "INVALID_MAX_DEEP_AUDITS",
  "INVALID_AGENCY_NAME",
  "INVALID_CRITERIA",
  "INVALID_CLAIMS",
  "INVALID_MIN_SCORE",
  "INVALID_LIMIT",
  "INVALID_BUDGET",
  "INVALID_LOGO_URL",
  "INVALID_BOOKING_URL",
  "INVALID_CONTACT_PHONE",
] as const;
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

export const ERROR_CODES = [
  ...INPUT_ERROR_CODES,
  "UNAUTHENTICATED",
  "NO_AGENCY_PROFILE",
  "RATE_LIMITED",
  "RUN_NOT_FOUND",
  "RUN_IN_PROGRESS",
  "RUN_NOT_RUNNING",
  "OPPORTUNITY_NOT_FOUND",
  "AUDIT_IN_PROGRESS",
  "AUDIT_NOT_RUNNING",
  "BUDGET_EXCEEDED",
  "MEETING_TIME_REQUIRED",
  "INVALID_MEETING_TIME",
  "INVALID_STATUS_CHANGE",
  "INVALID_NOTE",
  "INVALID_OUTREACH",
  "TOO_MANY_IDS",
  "SHARE_LINK_NOT_FOUND",
  "TOO_MANY_SHARE_LINKS",
  "INVALID_URL",
  "ONBOARDING_NOT_FOUND",
  "ONBOARDING_IN_PROGRESS",
  "ONBOARDING_NOT_READY",
  "ONBOARDING_NOT_RUNNING",
  "ONBOARDING_ALREADY_APPROVED",
  "USER_NOT_FOUND",
  "ALREADY_HAS_AGENCY",
  "NO_SINGLE_ORPHAN",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}
