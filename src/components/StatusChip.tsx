import type { OpportunityStatus } from "../../lib/lifecycle";

const STATUS_LABELS: Record<OpportunityStatus, string> = {
  SOURCED: "Sourced",
  SCRAPING: "Crawling",
  DATA_READY: "Data ready",
  AUDITING: "Auditing",
  READY: "Ready",
  CONTACTED: "Contacted",
};

export function StatusChip({ status }: { status: string }) {
  return (
    <span className={`chip chip-${status.toLowerCase().replace(/[^a-z]+/g, "-")}`} data-status={status}>
      {(STATUS_LABELS as Record<string, string>)[status] ?? status}
    </span>
  );
}
