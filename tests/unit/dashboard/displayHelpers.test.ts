import { describe, expect, it } from "vitest";
import { ConvexError } from "convex/values";
import { EMBEDDED_BACKEND_URL, resolveConvexUrl } from "../../../src/lib/convexUrl";
import { briefText, userErrorCode, userErrorMessage } from "../../../src/lib/errorMessage";
import { describeEvidence, mailtoHref, safeHttpUrl, telHref } from "../../../src/lib/evidence";
import { describeSignal, signalTone, signalTooltip } from "../../../src/lib/signalDisplay";

describe("signal badges", () => {
  it("colours each family as the design asks", () => {
    expect(signalTone("MISSING_WEBSITE")).toBe("red");
    expect(signalTone("LOW_GOOGLE_RATING")).toBe("yellow");
    expect(signalTone("WEAK_WEB_PRESENCE")).toBe("purple");
    expect(signalTone("NEEDS_WEB_AUDIT")).toBe("grey");
    expect(signalTone("NO_SSL")).toBe("orange");
    expect(signalTone("OUTDATED_WEBSITE")).toBe("orange");
  });

  it("shows the points a signal earns for this agency, and 0 when it does not solve it", () => {
    expect(signalTooltip(describeSignal("MISSING_WEBSITE", ["MISSING_WEBSITE"]))).toBe("Businesses with no website at all (+50 points)");
    expect(describeSignal("LOW_GOOGLE_RATING", ["MISSING_WEBSITE"]).points).toBe(0);
    expect(describeSignal("NEEDS_WEB_AUDIT", ["NO_SSL"]).points).toBe(15);
  });

  it("shows an unknown signal code as-is instead of hiding it", () => {
    expect(describeSignal("NEW_SIGNAL_FROM_SERVER")).toMatchObject({ label: "NEW_SIGNAL_FROM_SERVER", tone: "grey" });
  });
});

describe("gap evidence", () => {
  it("links http(s) source URLs", () => {
    expect(describeEvidence("https://www.harborviewdental.example/contact")).toEqual({ kind: "url", href: "https://www.harborviewdental.example/contact" });
  });

  it("names the Places field for places: evidence", () => {
    expect(describeEvidence("places:rating")).toEqual({ kind: "places", field: "rating" });
  });

  it("never turns a javascript: or data: URL into a link", () => {
    expect(describeEvidence("javascript:alert(1)")).toEqual({ kind: "text", text: "javascript:alert(1)" });
    expect(safeHttpUrl("data:text/html,<script>")).toBeUndefined();
    expect(safeHttpUrl("facebook.com/harborview")).toBeUndefined();
  });

  it("has nothing to show without a source", () => {
    expect(describeEvidence(undefined)).toEqual({ kind: "none" });
    expect(describeEvidence("  ")).toEqual({ kind: "none" });
  });
});

describe("contact links", () => {
  it("builds tel: links from formatted numbers", () => {
    expect(telHref("+1 206-555-0142")).toBe("tel:+12065550142");
    expect(telHref("(206) 555-0142")).toBe("tel:2065550142");
  });

  it("builds mailto: only for a single plausible address", () => {
    expect(mailtoHref("frontdesk@harborviewdental.example")).toBe("mailto:frontdesk@harborviewdental.example");
    expect(mailtoHref("a@b.example, c@d.example")).toBeUndefined();
    expect(mailtoHref("info [at] example.com")).toBeUndefined();
  });
});

describe("error messages", () => {
  it("shows the message and code of a ConvexError", () => {
    const error = new ConvexError({ code: "INVALID_NUM_LEADS", message: "numLeads must be between 1 and 20." });
    expect(userErrorMessage(error)).toBe("numLeads must be between 1 and 20.");
    expect(userErrorCode(error)).toBe("INVALID_NUM_LEADS");
  });

  it("hides raw server error text behind a plain sentence", () => {
    const error = new Error("[CONVEX M(marketing:startLeadGenWorkflow)] [Request ID: 7b1c] Server Error\nUncaught TypeError: x is undefined");
    expect(userErrorMessage(error)).toBe("Something went wrong on the server. Please try again.");
    expect(userErrorCode(error)).toBeUndefined();
  });
});

describe("resolveConvexUrl", () => {
  it("uses VITE_CONVEX_URL when set", () => {
    expect(resolveConvexUrl("https://happy-otter-123.convex.cloud/")).toBe("https://happy-otter-123.convex.cloud");
  });

  it("falls back to the embedded backend", () => {
    expect(resolveConvexUrl(undefined)).toBe(EMBEDDED_BACKEND_URL);
    expect(resolveConvexUrl("  ")).toBe("http://127.0.0.1:3210");
  });
});

describe("briefText", () => {
  it("keeps the message of an error the workflow stored with its stack", () => {
    const stored =
      'Error: Could not find module for: "workflows/placesActions" at run (/work/main/node_modules/@convex-dev/workflow/src/client/workflowContext.ts:321:13) at async Object.handler (/work/main/convex/workflows/leadGen.ts:19:21)';
    expect(briefText(stored)).toBe('Could not find module for: "workflows/placesActions"');
  });

  it("keeps only the first line and ellipsizes long text", () => {
    expect(briefText("Places API returned 403\n    at fetchPlaces (places.ts:10)")).toBe("Places API returned 403");
    expect(briefText("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("leaves a short plain message as it is", () => {
    expect(briefText("Crawled 6 of 8 pages for Harborview Dental")).toBe("Crawled 6 of 8 pages for Harborview Dental");
  });
});
