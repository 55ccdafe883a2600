/**
 * CSV export of the opportunities table: RFC 4180 quoting plus protection
 * against spreadsheet formula injection (a cell starting with = + - @ is
 * prefixed with an apostrophe so Excel/Sheets treat it as text).
 */

export type CsvValue = string | number | null | undefined;

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
}

export const CSV_COLUMNS = [
  "rank",
  "name",
  "score",
  "status",
  "signals",
  "phone",
  "email",
  "website",
  "address",
  "city",
  "rating",
  "reviews",
  "vertical",
  "geography",
  "fit_reason",
  "place_id",
] as const;

const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];
/** An international phone number ("+1 206-324-1200"): digits and separators only, so no formula can hide in it. */
const PHONE_NUMBER = /^\+\d[\d\s().-]*$/;

/** One escaped CSV field. Numbers are written as numbers; text is neutralised and quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value;
  if (FORMULA_TRIGGERS.some((t) => text.startsWith(t)) && !PHONE_NUMBER.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function csvRow(values: readonly CsvValue[]): string {
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
        o.signals.join(";"),
        o.phone,
        o.email,
        o.website,
        o.address,
        o.city,
        o.rating,
        o.reviews_count,
        o.targetVertical,
        o.targetGeography,
        o.fit_reason,
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
