import { useState } from "react";
import { type CsvOpportunity, csvFileName, opportunitiesToCsv } from "../lib/csv";

/**
 * Downloads the rows in rank order: the table's rows, or with `loadAll`, every row of the filter (a paginated
 * list may show only its first pages).
 */
export function ExportCsvButton({
  rows,
  vertical,
  geography,
  loadAll,
}: {
  rows: readonly CsvOpportunity[] | undefined;
  vertical?: string;
  geography?: string;
  loadAll?: () => Promise<readonly CsvOpportunity[]>;
}) {
  const [exporting, setExporting] = useState(false);
  const disabled = !rows || rows.length === 0 || exporting;
  async function onClick() {
    if (!rows || rows.length === 0) return;
    let all = rows;
    if (loadAll) {
      setExporting(true);
      try {
        all = await loadAll();
      } finally {
        setExporting(false);
      }
    }
    // BOM so Excel opens UTF-8 names (é, ñ) correctly.
    const blob = new Blob(["\uFEFF", opportunitiesToCsv(all)], { type: "text/csv;charset=utf-8" });
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
    <button type="button" className="button" data-testid="export-csv" onClick={() => void onClick()} disabled={disabled}>
      {exporting ? "Exporting…" : "Export CSV"}
    </button>
  );
}
