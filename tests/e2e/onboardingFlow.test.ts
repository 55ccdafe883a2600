/**
 * Onboarding from a demo agency's website in Chromium, from an empty database as `npm run dev` starts it:
 * sign up → the setup choice above the fold (1440×900) → read the agency's site with a live timeline →
 * review the draft (citations, hidden claim ids, the uncovered-problem warning) → approve → a first run.
 * The header badge says "Demo data" and opens the settings panel. Screenshots in test-results/e2e/.
 */
import { expect, test } from "vitest";
import { once } from "../once";
import {
  RUN_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  bookMeeting,
  openAllCampaigns,
  searchWordFor,
  rowsWhen,
  screenshot,
  settledRows,
  signUp,
  startRun,
  waitForRunStatus,
} from "./dashboardPage";
import { describeInChromium, useProductInBrowser } from "./harness";

const VIEWPORT = { width: 1440, height: 900 };

describeInChromium("onboarding from a demo agency's website (Chromium)", () => {
  const app = useProductInBrowser({ name: "onboarding", viewport: VIEWPORT });

  // What later tests build on, done once by whichever test needs it first, so each test also runs alone; a test's
  // timeout covers the reading and the run it may have to wait for (RUN_TIMEOUT_MS each).
  /** A new account, on the set-up choice. */
  const signedUp = once(async () => {
    await app.page.goto(app.product.dashboardUrl);
    await signUp(app.page);
    await app.page.getByTestId("setup-choice").waitFor({ timeout: UI_TIMEOUT_MS });
  });
  /** The draft read from Pixel Harbor Studio's site, on the review screen. */
  const draftRead = once(async () => {
    const { page } = app;
    await signedUp();
    await page.getByTestId("demo-agency-sites").getByRole("button", { name: "pixelharborstudio.example" }).click();
    expect(await page.getByTestId("onboarding-url").inputValue()).toBe("pixelharborstudio.example");
    await page.getByTestId("start-onboarding").click();
    const view = page.getByTestId("onboarding-view");
    await view.waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => view.getAttribute("data-status"), { timeout: RUN_TIMEOUT_MS }).toBe("completed");
  });
  /** The draft approved: the dashboard's run form. */
  const approved = once(async () => {
    await draftRead();
    await app.page.getByTestId("approve-draft").click();
    await app.page.getByTestId("find-clients-form").waitFor({ timeout: UI_TIMEOUT_MS });
  });
  /** The first run on the approved profile, completed: its rows. */
  const firstRun = once(async () => {
    await approved();
    await startRun(app.page, { numLeads: 3 });
    await waitForRunStatus(app.page, "completed", RUN_TIMEOUT_MS);
    return await settledRows(app.page);
  });

  test("a new account sees both quick ways in above the fold, and the badge says Demo data", async () => {
    const { page } = app;
    await signedUp();
    for (const testId of ["onboarding-url", "start-onboarding", "use-demo-agency"]) {
      const box = await page.getByTestId(testId).boundingBox();
      expect(box, testId).not.toBeNull();
      expect(box!.y + box!.height, `${testId} is above the fold`).toBeLessThanOrEqual(VIEWPORT.height);
    }
    await expect.poll(() => page.getByTestId("provider-badge").textContent(), { timeout: UI_TIMEOUT_MS }).toBe("Demo data");
    await page.getByTestId("demo-agency-sites").waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshot(page, "onboarding-01-setup-choice", "viewport");
  });

  test("a bad address is refused inline, and nothing starts", async () => {
    const { page } = app;
    await signedUp();
    await page.getByTestId("onboarding-url").fill("http://127.0.0.1/");
    await page.getByTestId("start-onboarding").click();
    await expect.poll(() => page.getByTestId("onboarding-start-form").textContent(), { timeout: UI_TIMEOUT_MS }).toContain("not an IP address");
    expect(await page.getByTestId("onboarding-view").count()).toBe(0);
  });

  test("reading a demo agency's site shows a live timeline, then a draft citing its pages", { timeout: RUN_TIMEOUT_MS + 60_000 }, async () => {
    const { page } = app;
    await draftRead();
    const phases = await page.locator('[data-testid^="onboarding-phase-"]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.status));
    expect(phases).toEqual(["complete", "complete", "complete"]);
    expect(await page.getByTestId("onboarding-event").textContent()).toMatch(/Draft ready from \d+ pages: 5 services, 5 claims/);

    const form = page.getByTestId("agency-form");
    expect(await form.getByLabel("Agency name").inputValue()).toBe("Pixel Harbor Studio");
    expect(await form.getByLabel("Default vertical").inputValue()).toBe("dentists");
    expect(await form.getByLabel("Default geography").inputValue()).toBe("Seattle, WA");
    expect(await page.getByTestId("draft-service").count()).toBe(5);
    const cites = await page.getByTestId("draft-cite").evaluateAll((els) => els.map((el) => (el as HTMLAnchorElement).href));
    expect(cites.length).toBeGreaterThan(10);
    expect(new Set(cites.map((href) => new URL(href).hostname.replace(/^www\./, "")))).toEqual(new Set(["pixelharborstudio.example"]));
    // Claim ids are generated and hidden.
    expect(await page.getByTestId("claim-row").count()).toBe(5);
    expect(await form.textContent()).not.toMatch(/claim-\d/);
    // Every drafted problem is answered by a drafted claim: no warning yet.
    expect(await page.getByTestId("claim-coverage-warning").count()).toBe(0);
    await screenshot(page, "onboarding-02-draft-review", "viewport");
    await screenshot(page, "onboarding-03-draft-review-full");
  });

  test("choosing a problem no claim answers warns; approving saves the profile and opens the dashboard", { timeout: RUN_TIMEOUT_MS + 60_000 }, async () => {
    const { page } = app;
    await draftRead();
    const form = page.getByTestId("agency-form");
    await form.getByRole("checkbox", { name: /Low rating/ }).check();
    const warning = page.getByTestId("claim-coverage-warning");
    await warning.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await warning.textContent()).toContain("Low rating");
    await warning.scrollIntoViewIfNeeded();
    await screenshot(page, "onboarding-04-coverage-warning", "viewport");
    // Answer it on a claim: the warning goes away.
    await form.getByRole("group", { name: "Problems claim 1 answers" }).getByRole("button", { name: "Low rating" }).click();
    await expect.poll(() => warning.count(), { timeout: UI_TIMEOUT_MS }).toBe(0);

    await approved();
    const runForm = page.getByTestId("find-clients-form");
    expect(await page.locator(".app-header").textContent()).toContain("Pixel Harbor Studio");
    expect(await runForm.getByLabel("Vertical").inputValue()).toBe("dentists");
    expect(await runForm.getByLabel("Geography").inputValue()).toBe("Seattle, WA");
  });

  test("the first run uses the approved profile and delivers leads", { timeout: 2 * RUN_TIMEOUT_MS + 60_000 }, async () => {
    const rows = await firstRun();
    expect(rows.length).toBeGreaterThan(0);
    await screenshot(app.page, "onboarding-05-first-run", "viewport");
  });

  test("a lead of that first run gets a meeting, and is found again by search and by the status filter", { timeout: 2 * RUN_TIMEOUT_MS + 60_000 }, async () => {
    const { page } = app;
    const rows = await firstRun();
    const target = rows[0];
    await bookMeeting(page, target.id, "2026-12-09T10:30");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("report-panel").count(), { timeout: UI_TIMEOUT_MS }).toBe(0);

    await openAllCampaigns(page);
    const word = searchWordFor(target.name);
    await page.getByTestId("lead-search").fill(word);
    const matches = (row: { name: string; domain?: string }) => `${row.name} ${row.domain ?? ""}`.toLowerCase().includes(word.toLowerCase());
    const found = await rowsWhen(page, (r) => page.url().includes("q=") && r.length > 0 && r.every(matches) && r.some((row) => row.id === target.id));
    expect(found.find((row) => row.id === target.id)?.status).toBe("MEETING_BOOKED");
    await page.getByTestId("lead-search").fill("");
    await expect.poll(() => page.url(), { timeout: UI_TIMEOUT_MS }).not.toContain("q=");
    await page.getByTestId("filter-status").selectOption("MEETING_BOOKED");
    expect((await rowsWhen(page, (r) => r.length === 1)).map((r) => r.id)).toEqual([target.id]);
    await screenshot(page, "onboarding-05b-meeting-found", "viewport");
    await page.getByTestId("filter-status").selectOption("");
  });

  test("the badge opens the settings panel: each provider and what every variable does, no key", async () => {
    const { page, pageErrors } = app;
    await signedUp();
    await page.getByTestId("provider-badge").click();
    const panel = page.getByTestId("settings-panel");
    await panel.waitFor({ timeout: UI_TIMEOUT_MS });
    const providers = await page.getByTestId("provider-row").evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.provider));
    expect(providers).toEqual(["demo", "builtin", "heuristic"]);
    expect(await page.getByTestId("env-row").count()).toBeGreaterThan(8);
    expect(await panel.textContent()).toContain("OPENAI_API_KEY");
    await screenshot(page, "onboarding-06-settings-panel", "viewport");
    await panel.getByRole("button", { name: "Close" }).click();
    await panel.waitFor({ state: "detached", timeout: UI_TIMEOUT_MS });
    expect(pageErrors).toEqual([]);
  });

  test("on a 390 px phone the setup choice and the draft review fit without horizontal scrolling", async () => {
    const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const p = await phone.newPage();
      await p.goto(app.product.dashboardUrl);
      await signUp(p, { email: "phone@agency.test", password: "phone-account-password" });
      await p.getByTestId("setup-choice").waitFor({ timeout: UI_TIMEOUT_MS });
      const overflow = () => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      const box = await p.getByTestId("start-onboarding").boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(844);
      await screenshot(p, "onboarding-07-phone-setup-choice", "viewport");
      await p.getByTestId("onboarding-url").fill("fivestarstanding.example");
      await p.getByTestId("start-onboarding").click();
      await expect.poll(() => p.getByTestId("onboarding-view").getAttribute("data-status"), { timeout: RUN_TIMEOUT_MS }).toBe("completed");
      expect(await p.getByTestId("agency-form").getByLabel("Agency name").inputValue()).toBe("Five Star Standing");
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(p, "onboarding-08-phone-draft-review", "viewport");
    } finally {
      await phone.close();
    }
  });
});
