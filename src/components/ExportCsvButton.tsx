import { useConvex } from "convex/react";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { useMutationState } from "../hooks/useMutationState";
import { type CsvOpportunity, csvFileName, opportunitiesToCsv } from "../lib/csv";
import { shareUrl } from "../lib/shareUrl";

/** Leads per dossier request (convex/csvExport.ts MAX_DIGESTS_PER_CALL). */
const DIGEST_CHUNK = 100;

type ExportRow = CsvOpportunity & { _id: Id<"client_opportunities"> };

/**
 * Downloads the rows in rank order: the table's rows, or with `loadAll`, every row of the filter (a paginated
 * list may show only its first pages), each with its dossier (summary, top gaps, talking points, email source).
 */
export function ExportCsvButton({
  rows,
  vertical,
  geography,
  loadAll,
}: {
  rows: readonly ExportRow[] | undefined;
  vertical?: string;
  geography?: string;
  loadAll?: () => Promise<readonly ExportRow[]>;
}) {
  const convex = useConvex();
  const { busy, error, run } = useMutationState<"export">();
  const exporting = busy !== undefined;
  const disabled = !rows || rows.length === 0 || exporting;
  async function onClick() {
    if (!rows || rows.length === 0) return;
    const withDossiers = await run("export", async (): Promise<CsvOpportunity[]> => {
      const all = loadAll ? await loadAll() : rows;
      const digests = new Map<string, CsvOpportunity["dossier"] & { shareToken?: string }>();
      for (let i = 0; i < all.length; i += DIGEST_CHUNK) {
        const chunk = await convex.query(api.csvExport.dossierDigests, { opportunityIds: all.slice(i, i + DIGEST_CHUNK).map((r) => r._id) });
        for (const d of chunk) digests.set(d.opportunityId, d);
      }
      return all.map((row) => {
        const digest = digests.get(row._id);
        return { ...row, dossier: digest, ...(digest?.shareToken ? { shareLink: shareUrl(digest.shareToken) } : {}) };
      });
    });
    if (!withDossiers) return;
    // BOM so Excel opens UTF-8 names (é, ñ) correctly.
    const blob = new Blob(["\uFEFF", opportunitiesToCsv(withDossiers)], { type: "text/csv;charset=utf-8" });
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
    <>
      <button type="button" className="button" data-testid="export-csv" onClick={() => void onClick()} disabled={disabled} title={error}>
        {exporting ? "Exporting…" : "Export CSV"}
      </button>
      {error ? (
        <span className="warning small" role="alert">
          Export failed: {error}
        </span>
      ) : null}
    </>
  );
}
