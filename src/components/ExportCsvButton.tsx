import { type CsvOpportunity, csvFileName, opportunitiesToCsv } from "../lib/csv";

/** Downloads the rows exactly as the table shows them (order = rank). */
export function ExportCsvButton({ rows, vertical, geography }: { rows: readonly CsvOpportunity[] | undefined; vertical?: string; geography?: string }) {
  const disabled = !rows || rows.length === 0;
  function onClick() {
    if (!rows || rows.length === 0) return;
    // BOM so Excel opens UTF-8 names (é, ñ) correctly.
    const blob = new Blob(["\uFEFF", opportunitiesToCsv(rows)], { type: "text/csv;charset=utf-8" });
    const href = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = href;
    link.download = csvFileName({ vertical, geography, date: new Date() });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(href), 1000);
  }
  return (
    <button type="button" className="button" data-testid="export-csv" onClick={onClick} disabled={disabled}>
      Export CSV
    </button>
  );
}
