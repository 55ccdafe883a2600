/**
 * The shareable prospect report in Chromium, on the product started as `npm run dev` starts it: a signed-in
 * agency runs the demo pipeline, creates a share link in a lead's report, and the link opens in a FRESH browser
 * context (nobody signed in) as a branded page with a grade, section scores, findings with evidence, the
 * competitor benchmark and the call to action; the page prints to a PDF; a revoked link shows nothing.
 * Screenshots: test-results/e2e/shared-report.png (the page), shared-report-pdf-page1.png (page 1 of the PDF as
 * Chromium's own PDF viewer renders it), shared-report-phone.png (390 px wide), shared-report-panel.png (the share
 * controls in the dashboard).
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { once } from "../once";
import { RUN_TIMEOUT_MS, UI_TIMEOUT_MS, screenshot, settledRows, signUpWithDemoAgency, startRun, waitForRunStatus } from "./dashboardPage";
import { SCREENSHOT_DIR, describeInChromium, useProductInBrowser } from "./harness";

/** A4 at 96 dpi: the PDF viewer fits page 1 into this viewport. */
const A4_VIEWPORT = { width: 794, height: 1123 };

describeInChromium("shared prospect report (Chromium)", () => {
  const app = useProductInBrowser({
    name: "share",
    viewport: { width: 1280, height: 900 },
    context: { permissions: ["clipboard-read", "clipboard-write"] },
  });
  const pageErrors = app.pageErrors;

  /**
   * The agency's share link for an audited lead of a demo run, made once by whichever test needs it first (each
   * test also runs alone); the lead's report stays open on the agency's page.
   */
  const shareLink = once(async () => {
    const agencyPage = app.page;
    await signUpWithDemoAgency(agencyPage, app.product.dashboardUrl);
    await startRun(agencyPage, { numLeads: 5 });
    await waitForRunStatus(agencyPage, "completed", RUN_TIMEOUT_MS);
    const rows = await settledRows(agencyPage);
    const audited = rows.find(
      (r) => r.domain && !r.signals.includes("WEAK_WEB_PRESENCE") && !r.signals.includes("MISSING_WEBSITE") && !r.signals.includes("WEBSITE_DOWN"),
    );
    expect(audited, JSON.stringify(rows)).toBeDefined();
    await agencyPage.locator(`[data-testid="opportunity-row"][data-opportunity-id="${audited!.id}"]`).click();
    const panel = agencyPage.getByTestId("report-panel");
    await panel.getByTestId("dossier-summary").waitFor({ timeout: UI_TIMEOUT_MS });
    await panel.getByTestId("create-share-link").click();
    const url = panel.getByTestId("share-link-url");
    await url.waitFor({ timeout: UI_TIMEOUT_MS });
    return { shareUrl: await url.inputValue(), leadName: audited!.name };
  });

  test("the agency creates a share link from an audited lead's report", { timeout: RUN_TIMEOUT_MS + 60_000 }, async () => {
    const agencyPage = app.page;
    const { shareUrl } = await shareLink();
    const panel = agencyPage.getByTestId("report-panel");
    // The grade and the benchmark the prospect will see are in the report.
    const prospect = panel.getByTestId("prospect-report");
    expect(await prospect.getByTestId("grade-badge").getAttribute("data-grade")).toMatch(/^[A-F]$/);
    expect(await prospect.getByTestId("benchmark-sentence").textContent()).toMatch(/^You have .+ in this search/);

    expect(shareUrl).toMatch(new RegExp(`^${app.product.dashboardUrl.replace(/\/$/, "")}/r/[A-Za-z0-9_-]{43}$`));
    expect(await panel.getByTestId("share-link").textContent()).toMatch(/Expires [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await panel.getByTestId("copy-share-link").click();
    await expect.poll(() => agencyPage.evaluate(() => navigator.clipboard.readText()), { timeout: UI_TIMEOUT_MS }).toBe(shareUrl);
    await prospect.scrollIntoViewIfNeeded();
    await screenshot(agencyPage, "shared-report-panel", "viewport");
  });

  test("a fresh browser context (nobody signed in) sees the branded report, and it prints to a clean PDF", { timeout: RUN_TIMEOUT_MS + 120_000 }, async () => {
    const { shareUrl, leadName } = await shareLink();
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(shareUrl);
    const report = page.getByTestId("shared-report");
    await report.waitFor({ timeout: UI_TIMEOUT_MS });

    // Not the dashboard: no sign-in form, no dashboard header.
    expect(await page.getByTestId("sign-in-form").count()).toBe(0);
    expect(await page.locator(".app-header").count()).toBe(0);
    expect(await page.getByTestId("shared-business-name").textContent()).toBe(leadName);
    expect(await page.getByTestId("shared-agency-name").textContent()).toBe(DEMO_AGENCY.name);
    // The agency's logo loaded (served by the dashboard), and its call to action is there.
    await expect
      .poll(() => page.locator("img.agency-logo").evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: UI_TIMEOUT_MS })
      .toBeGreaterThan(0);
    expect(await page.getByTestId("cta-header").getByTestId("cta-booking").getAttribute("href")).toBe(DEMO_AGENCY.bookingUrl);
    expect(await page.getByTestId("cta-header").getByTestId("cta-phone").getAttribute("href")).toBe(`tel:${DEMO_AGENCY.contactPhone}`);

    expect(await page.getByTestId("grade-badge").getAttribute("data-grade")).toMatch(/^[A-F]$/);
    const sections = await page
      .locator("[data-testid=section-scores] [data-section]")
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.section));
    expect(sections).toEqual(["website", "mobile", "search", "reputation", "conversion"]);
    const findings = page.getByTestId("finding");
    expect(await findings.count()).toBeGreaterThan(0);
    // Every finding says where it was seen; audited ones link to the page of the business's own site.
    expect(await page.getByTestId("finding-evidence").count()).toBe(await findings.count());
    const evidenceLinks = await page.locator("a[data-testid=finding-evidence]").evaluateAll((els) => els.map((a) => (a as HTMLAnchorElement).href));
    expect(evidenceLinks.length).toBeGreaterThan(0);
    expect(await page.getByTestId("benchmark-sentence").textContent()).toMatch(
      /^You have .+; the top \d dentists in this search average \d\.\d★ from [\d,]+\.$/,
    );
    expect(await page.getByTestId("what-we-do").locator("li").count()).toBeGreaterThan(0);
    // Nothing internal on the page: no claim ids, no signal codes.
    const text = (await report.textContent()) ?? "";
    expect(text).not.toMatch(/claim-[a-z]|NO_[A-Z_]+|MISSING_WEBSITE|_id/);
    await screenshot(page, "shared-report");

    // Print: buttons and chrome gone, the contacts written out instead.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("cta-header").isVisible()).toBe(false);
    expect(await page.getByTestId("print-report").isVisible()).toBe(false);
    expect(await page.locator(".print-contacts").textContent()).toContain(DEMO_AGENCY.bookingUrl);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "shared-report-print-media.png"), fullPage: true });

    // page.pdf() with print media (as "Save as PDF" does).
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const pdfPath = path.join(SCREENSHOT_DIR, "shared-report.pdf");
    const pdf = await page.pdf({ path: pdfPath, format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = (readFileSync(pdfPath, "latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(4);

    // Page 1 as Chromium's PDF viewer renders it (it works headless): fitted into an A4-sized viewport.
    const viewer = await (await app.browser.newContext({ viewport: A4_VIEWPORT })).newPage();
    await viewer.goto(`${pathToFileURL(pdfPath).href}#toolbar=0&navpanes=0&view=Fit&page=1`);
    // Wait until the rendering settles: two screenshots in a row are identical (and not a blank page).
    let previous: Buffer = Buffer.alloc(0);
    await expect
      .poll(
        async () => {
          const shot = await viewer.screenshot();
          const settled = shot.equals(previous) && shot.length > 20_000;
          previous = shot;
          return settled;
        },
        { timeout: UI_TIMEOUT_MS, interval: 500 },
      )
      .toBe(true);
    await screenshot(viewer, "shared-report-pdf-page1", "viewport");
    await context.close();

    // Prospects open links on their phones: at 390 px nothing scrolls sideways.
    const phone = await (await app.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await phone.goto(shareUrl);
    await phone.getByTestId("shared-report").waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, "shared-report-phone");
  });

  test(
    "an edited outreach email is saved with the lead: still there after the report is closed and reopened, until reverted",
    { timeout: RUN_TIMEOUT_MS + 60_000 },
    async () => {
      const agencyPage = app.page;
      const { leadName } = await shareLink();
      let panel = agencyPage.getByTestId("report-panel");
      const generated = await panel.getByTestId("outreach-body").inputValue();
      const edited = `${generated}\n\nP.S. Our office is two streets away: happy to drop by.`;
      await panel.getByTestId("outreach-body").fill(edited);
      expect(await panel.getByTestId("outreach-status").textContent()).toBe("Unsaved changes");
      await panel.getByTestId("outreach-save").click();
      await expect.poll(() => panel.getByTestId("outreach-status").textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/^Your edits, saved /);
      await screenshot(agencyPage, "outreach-edits-saved", "viewport");

      await panel.getByRole("button", { name: "Close report" }).click();
      await panel.waitFor({ state: "detached", timeout: UI_TIMEOUT_MS });
      await agencyPage.locator('[data-testid="opportunity-row"]', { hasText: leadName }).click();
      panel = agencyPage.getByTestId("report-panel");
      await expect.poll(() => panel.getByTestId("outreach-body").inputValue(), { timeout: UI_TIMEOUT_MS }).toBe(edited);
      // The mail link carries the saved version too.
      expect(decodeURIComponent((await panel.getByTestId("outreach-mailto").getAttribute("href")) ?? "")).toContain("two streets away");

      await panel.getByTestId("outreach-revert").click();
      await agencyPage.getByTestId("confirm-action").click();
      await expect.poll(() => panel.getByTestId("outreach-body").inputValue(), { timeout: UI_TIMEOUT_MS }).toBe(generated);
      expect(await panel.getByTestId("outreach-status").textContent()).toBe("Generated draft");
    },
  );

  test("a revoked link shows 'expired or revoked' to the prospect", { timeout: RUN_TIMEOUT_MS + 60_000 }, async () => {
    const { shareUrl } = await shareLink();
    const panel = app.page.getByTestId("report-panel");
    await panel.getByTestId("revoke-share-link").click();
    await panel.getByTestId("share-link").waitFor({ state: "detached", timeout: UI_TIMEOUT_MS });
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(shareUrl);
    await page.getByTestId("shared-report-gone").waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByRole("heading").textContent()).toBe("This report link has expired or was revoked");
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
