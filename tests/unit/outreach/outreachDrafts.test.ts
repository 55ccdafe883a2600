import { describe, expect, it } from "vitest";
import { DEMO_AGENCY } from "../../../lib/demoAgency";
import { type OutreachInput, outreachProblems, writeOutreachDrafts } from "../../../lib/outreach/outreachDrafts";
import { draftProblems } from "../../../lib/plainText";

const MOBILE = DEMO_AGENCY.approvedClaims[0];
const BOOKING = DEMO_AGENCY.approvedClaims[2];
/** The demo agency without its call-to-action fields, so each test sets the one it checks. */
const NO_CTA = { ...DEMO_AGENCY, bookingUrl: undefined, contactPhone: undefined };

function input(overrides: Partial<OutreachInput> = {}): OutreachInput {
  return {
    lead: {
      name: "Harborview Dental",
      city: "Seattle",
      targetVertical: "dentists",
      email: "frontdesk@harborviewdental.example",
      rating: 3.6,
      reviewsCount: 48,
      website: "https://www.harborviewdental.example/",
    },
    agency: DEMO_AGENCY,
    dossier: {
      identified_gaps: [
        { key: "WEBSITE_NOT_MOBILE_FRIENDLY", value: 'No <meta name="viewport"> on the home page.', source_url: "https://www.harborviewdental.example/" },
        { key: "NO_ONLINE_BOOKING", value: "No booking link or widget.", source_url: "https://www.harborviewdental.example/" },
      ],
      talking_points: [
        { text: "…", approved_claim_id: "claim-mobile", gap_keys: ["WEBSITE_NOT_MOBILE_FRIENDLY"] },
        { text: "…", approved_claim_id: "claim-booking", gap_keys: ["NO_ONLINE_BOOKING"] },
      ],
    },
    ...overrides,
  };
}

describe("writeOutreachDrafts", () => {
  it("writes a cold email and a call script from the talking points and the approved claims, in plain English", () => {
    const drafts = writeOutreachDrafts(input());
    expect(drafts.emailSubject).toBe("A quick idea for Harborview Dental's website");
    expect(drafts.emailBody.startsWith("Hi Harborview Dental team,\n\nI'm reaching out from Atlas Demo Agency.")).toBe(true);
    expect(drafts.emailBody).toContain("- Your site doesn't adjust to phones, so visitors on mobile have to pinch and zoom to read it.");
    expect(drafts.emailBody).toContain(`- ${MOBILE.text}`);
    expect(drafts.emailBody).toContain(`- ${BOOKING.text}`);
    expect(drafts.emailBody.endsWith("Best regards,\nThe Atlas Demo Agency team")).toBe(true);
    // The technical evidence never reaches the prospect.
    expect(drafts.emailBody).not.toContain("viewport");
    expect(drafts.callScript).toContain("Can I send a short summary to frontdesk@harborviewdental.example?");
    expect(drafts.callScript).toContain(`What we do: ${MOBILE.text} ${BOOKING.text}`);
    expect(outreachProblems(drafts)).toEqual([]);
  });

  it("quotes the benchmark sentence when there is one", () => {
    const benchmark = "You have 3.6 stars from 48 reviews; the top 3 dentists in this search average 4.8 stars from 410.";
    const drafts = writeOutreachDrafts(input({ benchmarkSentence: benchmark }));
    expect(drafts.emailBody).toContain(`\n\n${benchmark}\n\n`);
    expect(drafts.callScript).toContain(`For context: ${benchmark}`);
    expect(writeOutreachDrafts(input()).callScript).not.toContain("For context");
  });

  it("ends with the agency's booking link or phone when its profile has one", () => {
    expect(writeOutreachDrafts(input({ agency: { ...NO_CTA, bookingUrl: "https://cal.example/atlas" } })).emailBody).toContain(
      "You can pick a time that suits you here: https://cal.example/atlas",
    );
    // The profile stores the phone as E.164; the email writes it as people read it.
    expect(writeOutreachDrafts(input({ agency: { ...NO_CTA, contactPhone: "+12065550148" } })).emailBody).toContain("Or call us directly on +1 206 555 0148.");
    expect(writeOutreachDrafts(input({ agency: NO_CTA })).emailBody).toContain("Just reply to this email with a time that suits you.");
  });

  it("never quotes a claim the agency has since removed", () => {
    const agency = { ...DEMO_AGENCY, approvedClaims: DEMO_AGENCY.approvedClaims.filter((c) => c.id !== "claim-booking") };
    const drafts = writeOutreachDrafts(input({ agency }));
    expect(drafts.emailBody).not.toContain(BOOKING.text);
    expect(drafts.emailBody).toContain(MOBILE.text);
  });

  it("asks for the email address on the call when none is known, and writes a soft intro for a lead with nothing to pitch", () => {
    const drafts = writeOutreachDrafts(
      input({ lead: { name: "Rainier Smiles", targetVertical: "dentists", city: "Seattle" }, dossier: { identified_gaps: [], talking_points: [] } }),
    );
    expect(drafts.emailBody).toContain("We help dentists in Seattle win more customers online, and Rainier Smiles caught our eye.");
    expect(drafts.emailBody).not.toContain("Here is how we can help");
    expect(drafts.callScript).toContain("What is the best email address to send a short summary to?");
    expect(outreachProblems(drafts)).toEqual([]);
  });

  it("raises the gaps the agency sells even when no claim answers them (no claim is invented)", () => {
    const drafts = writeOutreachDrafts(
      input({
        dossier: {
          identified_gaps: [{ key: "NO_CONTACT_EMAIL", value: "No email found.", source_url: "https://www.harborviewdental.example/" }],
          talking_points: [],
        },
      }),
    );
    expect(drafts.emailBody).toContain("Your site doesn't show an email address");
    expect(drafts.emailBody).not.toContain("Here is how we can help");
  });
});

describe("draftProblems", () => {
  it.each([
    ["Hi {first_name},", "curly braces"],
    ["Hi [Your name],", "square brackets"],
    ["Hi <name>,", "angle brackets"],
    ["TODO: add a line", "a TODO marker"],
    ["Dear undefined,", "the word undefined"],
    ["Rating: null stars", "the word null"],
    ["Your NO_SSL problem", "an internal code (NO_SSL)"],
    ["   ", "it is empty"],
  ])("flags %j", (text, problem) => {
    expect(draftProblems(text)).toContain(problem);
  });

  it("accepts a ready-to-send draft", () => {
    expect(draftProblems("Hi Harborview Dental team,\n\nWould you be open to a 15-minute call? (No pressure.)")).toEqual([]);
  });
});
