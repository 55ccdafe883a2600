import { type AuditPhaseName, RUN_PHASE_NAMES, type RunPhaseName } from "../../lib/lifecycle";
import { phaseLabel } from "../../lib/runEvents";

/** Display names for the audit job's phases (lib/lifecycle.ts has the list; these are UI words). */
export const AUDIT_PHASE_LABELS: Record<AuditPhaseName, string> = {
  map_urls: "Map pages",
  filter_urls: "Pick pages",
  scrape_content: "Read pages",
  generate_dossier: "Write dossier",
};

export function runPhaseLabel(name: string): string {
  return (RUN_PHASE_NAMES as readonly string[]).includes(name) ? phaseLabel(name as RunPhaseName) : name;
}

export function auditPhaseLabel(name: string): string {
  return (AUDIT_PHASE_LABELS as Record<string, string>)[name] ?? name;
}
