import { describe, expect, it } from "vitest";
import { REPORT_SECTIONS, SIGNAL_SECTIONS, buildReportCard, letterGrade, sectionOfGap } from "../../../lib/reportCard";
import { SIGNALS } from "../../../lib/signals";

const section = (card: ReturnType<typeof buildReportCard>, id: string) => card.sections.find((s) => s.id === id)!;

describe("report card", () => {
  it("maps every signal of the catalogue to a section (or none for the audit placeholder)", () => {
    expect(Object.keys(SIGNAL_SECTIONS).sort()).toEqual([...SIGNALS].sort());
    const ids = REPORT_SECTIONS.map((s) => s.id);
    for (const signal of SIGNALS) {
      const entry = SIGNAL_SECTIONS[signal];
      if (signal === "NEEDS_WEB_AUDIT") expect(entry).toBeNull();
      else expect(ids).toContain(entry!.section);
    }
  });

  it("grades an audited site with a mobile and a booking problem, section by section", () => {
    const card = buildReportCard({ signals: ["WEBSITE_NOT_MOBILE_FRIENDLY", "NO_ONLINE_BOOKING", "NO_SSL"], websiteOutcome: "audited", hasWebsite: true });
    expect(card.sections.map((s) => [s.id, s.score])).toEqual([
      ["website", 60],
      ["mobile", 30],
      ["search", 100],
      ["reputation", 100],
      ["conversion", 70],
    ]);
    // (60 + 30 + 100 + 100 + 70) / 5 = 72
    expect(card.overall).toEqual({ score: 72, grade: "C" });
    expect(section(card, "mobile").grade).toBe("F");
  });

  it("a clean audited site with a good rating gets an A", () => {
    const card = buildReportCard({ signals: [], websiteOutcome: "audited", hasWebsite: true });
    expect(card.overall).toEqual({ score: 100, grade: "A" });
  });

  it("no website: website 0, the site-only sections are not checked and left out of the grade", () => {
    const card = buildReportCard({ signals: ["MISSING_WEBSITE"], hasWebsite: false });
    expect(section(card, "website").score).toBe(0);
    for (const id of ["mobile", "search", "conversion"]) {
      expect(section(card, id).score).toBeNull();
      expect(section(card, id).note).toBe("No website to check.");
    }
    expect(card.overall).toEqual({ score: 50, grade: "F" });
  });

  it("a low rating costs reputation whatever the website", () => {
    const card = buildReportCard({ signals: ["WEAK_WEB_PRESENCE", "LOW_GOOGLE_RATING"], websiteOutcome: "social_only", hasWebsite: true });
    expect(section(card, "website").score).toBe(30);
    expect(section(card, "reputation").score).toBe(40);
    expect(card.overall).toEqual({ score: 35, grade: "F" });
  });

  it("a website not audited yet gives no overall grade (only reputation could be judged)", () => {
    const card = buildReportCard({ signals: ["NEEDS_WEB_AUDIT"], hasWebsite: true });
    expect(card.siteState).toBe("not_audited");
    expect(card.overall).toBeNull();
    expect(section(card, "website").note).toMatch(/not been audited/);
  });

  it("a site that is down: website 0 and the rest not checked", () => {
    const card = buildReportCard({ signals: ["WEBSITE_DOWN"], websiteOutcome: "unreachable", hasWebsite: true });
    expect(section(card, "website").score).toBe(0);
    expect(section(card, "conversion").note).toMatch(/did not answer/);
  });

  it("an older dossier without outcome counts as audited when a deep finding exists; penalties floor at 0", () => {
    const card = buildReportCard({ signals: ["NO_CALL_TO_ACTION", "NO_ONLINE_BOOKING", "NO_CONTACT_EMAIL", "NO_CALL_TO_ACTION"], hasWebsite: true });
    expect(card.siteState).toBe("audited");
    expect(section(card, "conversion").score).toBe(0);
    expect(section(card, "conversion").signals).toEqual(["NO_CALL_TO_ACTION", "NO_ONLINE_BOOKING", "NO_CONTACT_EMAIL"]);
  });

  it("letter bands and gap sections", () => {
    expect([95, 90, 89, 80, 79, 70, 69, 60, 59, 0].map(letterGrade)).toEqual(["A", "A", "B", "B", "C", "C", "D", "D", "F", "F"]);
    expect(sectionOfGap("POOR_SEO")).toBe("search");
    expect(sectionOfGap("SOMETHING_ELSE")).toBeUndefined();
  });
});
