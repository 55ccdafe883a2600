import { describe, expect, it } from "vitest";
import { leadSearchFields, leadTableFields, normalizeSearchText, searchQueryText } from "../../lib/leadSearch";
import { validateNoteText } from "../../lib/leadNotes";
import { appendStatusHistory, isRefusal, LEAD_STATUS_LABELS, nextLeadStatus, STATUS_HISTORY_MAX, type SystemLeadEvent } from "../../lib/leadStatus";
import { OPPORTUNITY_STATUSES, PIPELINE_STATUSES, statusRank, type OpportunityStatus } from "../../lib/lifecycle";
import { failPhase, settlePhases, skipPendingPhases } from "../../lib/runEvents";

const SYSTEM_EVENTS: SystemLeadEvent[] = [
  { kind: "crawl_started" },
  { kind: "dossier_started" },
  { kind: "crawl_skipped" },
  { kind: "finished" },
  { kind: "run_stopped" },
];
const MEETING = Date.UTC(2026, 11, 3, 15, 30);

describe("nextLeadStatus: runs and audits", () => {
  it("walks a lead through a run: SOURCED → SCRAPING → AUDITING → READY, or SOURCED → DATA_READY → READY", () => {
    let status: OpportunityStatus = "SOURCED";
    status = nextLeadStatus(status, { kind: "crawl_started" });
    expect(status).toBe("SCRAPING");
    status = nextLeadStatus(status, { kind: "dossier_started" });
    expect(status).toBe("AUDITING");
    expect(nextLeadStatus(status, { kind: "finished" })).toBe("READY");
    expect(nextLeadStatus(nextLeadStatus("SOURCED", { kind: "crawl_skipped" }), { kind: "finished" })).toBe("READY");
  });

  it("puts a lead caught mid-step back to its last settled status when the run stops", () => {
    expect(nextLeadStatus("SCRAPING", { kind: "run_stopped" })).toBe("SOURCED");
    expect(nextLeadStatus("AUDITING", { kind: "run_stopped" })).toBe("DATA_READY");
    expect(nextLeadStatus("READY", { kind: "run_stopped" })).toBe("READY");
    expect(nextLeadStatus("SOURCED", { kind: "run_stopped" })).toBe("SOURCED");
  });

  it("never moves a pipeline status: every system event leaves CONTACTED … NOT_A_FIT as they are", () => {
    for (const status of PIPELINE_STATUSES) {
      for (const event of SYSTEM_EVENTS) expect(nextLeadStatus(status, event), `${status} after ${event.kind}`).toBe(status);
    }
  });
});

describe("nextLeadStatus: the user's pipeline", () => {
  it("moves a ready lead to every pipeline status, and back to READY (undo)", () => {
    for (const status of PIPELINE_STATUSES) {
      const next = nextLeadStatus("READY", { kind: "user", status, ...(status === "MEETING_BOOKED" ? { meetingTime: MEETING } : {}) });
      expect(next).toBe(status);
      expect(nextLeadStatus(status, { kind: "user", status: "READY" })).toBe("READY");
    }
  });

  it("lets the user mark a lead while its run still works on it", () => {
    expect(nextLeadStatus("AUDITING", { kind: "user", status: "CONTACTED" })).toBe("CONTACTED");
  });

  it("refuses MEETING_BOOKED without a meeting time, and a meeting time on another status", () => {
    const missing = nextLeadStatus("CONTACTED", { kind: "user", status: "MEETING_BOOKED" });
    expect(isRefusal(missing) && missing.code).toBe("MEETING_TIME_REQUIRED");
    const bad = nextLeadStatus("CONTACTED", { kind: "user", status: "MEETING_BOOKED", meetingTime: 1_700_000 });
    expect(isRefusal(bad) && bad.code).toBe("INVALID_MEETING_TIME");
    const stray = nextLeadStatus("CONTACTED", { kind: "user", status: "WON", meetingTime: MEETING });
    expect(isRefusal(stray) && stray.code).toBe("INVALID_MEETING_TIME");
  });

  it("refuses an undo on a lead that was never in the pipeline and is not finished", () => {
    const result = nextLeadStatus("SCRAPING", { kind: "user", status: "READY" });
    expect(isRefusal(result) && result.code).toBe("INVALID_STATUS_CHANGE");
    expect(isRefusal(result) && result.message).toContain("Crawling");
  });
});

describe("lead-status labels and history", () => {
  it("labels every status", () => {
    for (const status of OPPORTUNITY_STATUSES) expect(LEAD_STATUS_LABELS[status]).toMatch(/^[A-Z][a-z ]+$/);
  });

  it("keeps the latest history entries only", () => {
    let history = appendStatusHistory(undefined, { status: "CONTACTED", at: 1 });
    for (let i = 2; i <= STATUS_HISTORY_MAX + 5; i++) history = appendStatusHistory(history, { status: i % 2 ? "CONTACTED" : "READY", at: i });
    expect(history).toHaveLength(STATUS_HISTORY_MAX);
    expect(history.at(-1)?.at).toBe(STATUS_HISTORY_MAX + 5);
    expect(history[0].at).toBe(6);
  });
});

describe("status rank: the lead table's status sort", () => {
  it("orders statuses as the pipeline runs, not as the alphabet does", () => {
    const sorted = [...OPPORTUNITY_STATUSES].sort((a, b) => statusRank(a) - statusRank(b));
    expect(sorted).toEqual(["SOURCED", "SCRAPING", "DATA_READY", "AUDITING", "READY", "CONTACTED", "MEETING_BOOKED", "WON", "LOST", "NOT_A_FIT"]);
    expect(statusRank("READY")).toBeLessThan(statusRank("CONTACTED"));
    expect(leadTableFields({ name: "Oak Roofing", status: "WON" })).toEqual({ searchText: "oak roofing", nameKey: "oak roofing", statusRank: 7 });
  });
});

describe("phase helpers used by the audit writers", () => {
  const phases = [
    { name: "map_urls", status: "complete" as const },
    { name: "filter_urls", status: "running" as const },
    { name: "scrape_content", status: "pending" as const },
    { name: "generate_dossier", status: "pending" as const },
  ];
  it("failPhase marks the failed phase and skips the later ones except those kept", () => {
    const failed = failPhase(phases, "filter_urls", "boom", 5, ["generate_dossier"]);
    expect(failed.map((p) => p.status)).toEqual(["complete", "error", "skipped", "pending"]);
    expect(failed[1]).toMatchObject({ error: "boom", completedAt: 5 });
  });
  it("skipPendingPhases and settlePhases leave nothing pending", () => {
    expect(skipPendingPhases(phases).map((p) => p.status)).toEqual(["complete", "running", "skipped", "skipped"]);
    expect(settlePhases(phases, "failed", "x", 1).map((p) => p.status)).toEqual(["complete", "error", "skipped", "skipped"]);
  });
});

describe("lead search fields and notes", () => {
  it("normalises names and domains for search and sort", () => {
    expect(normalizeSearchText("Café Zoë's  Dental!")).toBe("cafe zoe s dental");
    expect(leadSearchFields({ name: "Harborview Dental", domain: "harborviewdental.example" })).toEqual({
      searchText: "harborview dental harborviewdental",
      nameKey: "harborview dental",
    });
    expect(leadSearchFields({ name: "Oak Roofing", domain: "www.oak-roofing.co.uk" }).searchText).toBe("oak roofing oak roofing co");
    expect(searchQueryText("harborviewdental.example")).toBe("harborviewdental");
    expect(searchQueryText("https://www.harborviewdental.example/contact")).toBe("harborviewdental");
    expect(searchQueryText("O'Brien's Bakery")).toBe("brien bakery");
    expect(searchQueryText("  Cedar  ")).toBe("cedar");
    expect(leadSearchFields({ name: "Zebra Roofing" }).nameKey < leadSearchFields({ name: "apple Roofing" }).nameKey).toBe(false);
  });

  it("trims notes and refuses empty, oversized or unsafe ones", () => {
    expect(validateNoteText("  Called, send quote Friday \n")).toEqual({ ok: true, text: "Called, send quote Friday" });
    expect(validateNoteText("   ").ok).toBe(false);
    expect(validateNoteText("x".repeat(2001)).ok).toBe(false);
    expect(validateNoteText("bad \u0000 byte").ok).toBe(false);
  });
});
