import { leadStatusLabel } from "../../lib/leadStatus";

/** A lead's status as a badge; labels come from the one table in lib/leadStatus.ts. */
export function StatusChip({ status }: { status: string }) {
  return (
    <span className={`chip chip-${status.toLowerCase().replace(/[^a-z]+/g, "-")}`} data-status={status}>
      {leadStatusLabel(status)}
    </span>
  );
}
