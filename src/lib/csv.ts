/**
 * CSV export of the opportunities table, for real use in a spreadsheet or CRM:
 * signals in words, the dossier (summary, top gaps, talking points), where the
 * email came from, the share link when there is one. RFC 4180 quoting, and
 * protection against spreadsheet formula injection (a text cell starting with
 * = + - @, tab or CR is prefixed with an apostrophe so it is never evaluated).
 */
import { describeSignal } from "./signalDisplay";
import { type EmailConfidence, describeEmailSource } from "./emailSource";
import type { EmailMethod } from "../../lib/audit/emails";
import { SIGNAL_CATALOGUE, isSignal } from "../../lib/signals";

export type CsvValue = string | number | null | undefined;

/** A phone number that must stay text in a spreadsheet (see `phoneCell`). */
export interface CsvPhone {
  phone: string;
}

/** The data one exported row needs; the table passes its rows in display order. */
export interface CsvOpportunity {
  name: string;
  qualificationScore: number;
  status: string;
  signals: readonly string[];
  phone?: string;
  email?: string;
  website?: string;
  address?: string;
  city?: string;
  rating?: number;
  reviews_count?: number;
  targetVertical: string;
  targetGeography: string;
  fit_reason?: string;
  place_id: string;
  /** The lead's latest dossier, when the export loaded it. */
  dossier?: {
    summary: string;
    gapKeys: readonly string[];
    talkingPoints: readonly string[];
    emailSource?: { pageUrl: string; method: EmailMethod; confidence: EmailConfidence };
  };
  /** The lead's public report link, when one was created (share links): exported as is. */
  shareLink?: string;
}

export const CSV_COLUMNS = [
  "rank",
  "name",
  "score",
  "status",
  "signals",
  "phone",
  "email",
  "email_source",
  "website",
  "address",
  "city",
  "rating",
  "reviews",
  "vertical",
  "geography",
  "fit_reason",
  "summary",
  "top_gaps",
  "talking_points",
  "share_link",
  "signal_codes",
  "place_id",
] as const;

/** Gaps listed in `top_gaps`: the heaviest signals first, then other findings. */
export const CSV_TOP_GAPS = 3;

function topGaps(keys: readonly string[]): string[] {
  const weight = (key: string) => (isSignal(key) ? SIGNAL_CATALOGUE[key].weight : 0);
  return [...new Set(keys)].sort((a, b) => weight(b) - weight(a)).slice(0, CSV_TOP_GAPS);
}

const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];
/** An international phone number ("+1 206-324-1200"): digits and separators only, so no formula can hide in it. */
const PHONE_NUMBER = /^\+\d[\d\s().-]*$/;

/** One escaped CSV field. Numbers are written as numbers; text is neutralised and quoted when needed. */
export function csvCell(value: CsvValue | CsvPhone): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return phoneCell(value.phone);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (FORMULA_TRIGGERS.some((t) => text.startsWith(t)) && !PHONE_NUMBER.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** E.164 as stored on leads: "+" then 6–15 digits, nothing that could carry a formula. */
const E164 = /^\+\d{6,15}$/;

/**
 * A phone number kept as text. A bare `+12067397538` is read as the number
 * 12067397538 (shown as 1.21E+10, the "+" lost) by Excel, Google Sheets and
 * LibreOffice alike. Written as the formula `="+12067397538"` it evaluates to
 * the text itself in Excel and Google Sheets on open/import, and in LibreOffice
 * Calc with "Evaluate formulas" ticked (without it the cell shows the formula,
 * still readable and still not a number). A leading apostrophe was the other
 * candidate, but a CSV is not typed input: Excel, Sheets and LibreOffice all
 * show the apostrophe as part of the value. Only a strict E.164 number is
 * written this way, so no input can smuggle a formula in; anything else goes
 * through the normal (formula-neutralising) cell path.
 */
export function phoneCell(phone: string): string {
  const trimmed = phone.trim();
  if (!E164.test(trimmed)) return csvCell(trimmed);
  return `"=""${trimmed}"""`;
}

export function csvRow(values: readonly (CsvValue | CsvPhone)[]): string {
  return values.map(csvCell).join(",");
}

/** The whole file: header plus one line per opportunity, CRLF line endings (RFC 4180). */
export function opportunitiesToCsv(rows: readonly CsvOpportunity[]): string {
  const lines = [csvRow(CSV_COLUMNS)];
  rows.forEach((o, index) => {
    lines.push(
      csvRow([
        index + 1,
        o.name,
        o.qualificationScore,
        o.status,
        o.signals.map((signal) => describeSignal(signal).label).join("; "),
        o.phone ? { phone: o.phone } : undefined,
        o.email,
        o.email && o.dossier?.emailSource ? describeEmailSource(o.dossier.emailSource) : undefined,
        o.website,
        o.address,
        o.city,
        o.rating,
        o.reviews_count,
        o.targetVertical,
        o.targetGeography,
        o.fit_reason,
        o.dossier?.summary,
        o.dossier
          ? topGaps(o.dossier.gapKeys)
              .map((key) => describeSignal(key).label)
              .join("; ")
          : undefined,
        o.dossier?.talkingPoints.map((text, i) => `${i + 1}. ${text}`).join("\n"),
        o.shareLink,
        o.signals.join(";"),
        o.place_id,
      ]),
    );
  });
  return lines.join("\r\n") + "\r\n";
}

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/** e.g. `atlas-leads-dentists-seattle-2026-11-25.csv`; missing campaign parts read "all". */
export function csvFileName(parts: { vertical?: string; geography?: string; date: Date }): string {
  const vertical = slug(parts.vertical ?? "") || "all";
  const geography = slug(parts.geography ?? "") || "all";
  const d = parts.date;
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  return `atlas-leads-${vertical}-${geography}-${day}.csv`;
}
