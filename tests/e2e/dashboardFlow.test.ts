/**
 * The whole product in Chromium, started as `npm run dev` starts it: sign-up, agency setup, live runs, reports,
 * campaigns, CSV export, re-runs, cancel, validation, a restart, phone width and keyboard use, sign-out and
 * a second account that sees none of the first one's leads.
 * One product start for the file; what tests build on (the owner's account, the first run, the plumbers run…) is
 * a fixture made once by whichever test needs it first, so each test also runs alone (`-t "<name>"`).
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { once } from "../once";
import { waitFor } from "../waitFor";
import { parseCsv } from "./csvRecords";
import {
  RUN_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  currentRunId,
  historyRunIds,
  openAllCampaigns,
  openHistoryRun,
  phaseLog,
  phaseStatuses,
  progressPercent,
  recordPhaseChanges,
  recordSentMessages,
  rowsWhen,
  runStatus,
  screenshot,
  selectOptions,
  sentMutations,
  settledRows,
  signIn,
  signOut,
  signUp,
  signUpWithDemoAgency,
  startRun,
  submitRunForm,
  tableRows,
  waitForRunStatus,
} from "./dashboardPage";
import { describeInChromium, unfinishedScheduledFunctions, useProductInBrowser } from "./harness";

const FINAL_PHASE_STATUSES = ["complete", "skipped", "error"];
const EXPECTED_CSV_COLUMNS = [
  "rank",
  "name",
  "score",
  "status",
  "signals",
  "phone",
  "email",
  "email_source",
  "website",
  "city",
  "vertical",
  "geography",
  "summary",
  "top_gaps",
  "talking_points",
  "share_link",
  "place_id",
];

// Demo sites answer 150 ms later than they would: on a fast machine a run still lasts long enough to be seen
// mid-flight, cancelled and interrupted by a restart, as it would be against real websites.
const DEMO_WEB_LATENCY_MS = 150;

/** The page saw a phase change without a reload: a phase shown not complete, then complete. A fast
 *  machine can finish a phase before its "pending" state is ever drawn, so "pending" is not required. */
function sawLiveTransition(statuses: readonly string[]): boolean {
  const unfinished = statuses.findIndex((status) => status !== "complete");
  return unfinished >= 0 && statuses.indexOf("complete", unfinished + 1) > unfinished;
}

function isNonIncreasing(scores: readonly number[]): boolean {
  return scores.every((score, i) => i === 0 || scores[i - 1] >= score);
}

/** Test timeouts: above what a test may wait for, fixtures included. The first run also waits to be seen mid-flight. */
const FIRST_RUN_MS = 2 * RUN_TIMEOUT_MS;
const MARGIN_MS = 60_000;

/** The dentists · Seattle, WA campaign (the demo agency's) on All campaigns. */
const DENTISTS_IN_SEATTLE = `?${new URLSearchParams({ tab: "all", vertical: DEMO_AGENCY.targetVertical, geography: DEMO_AGENCY.targetGeography })}`;

describeInChromium("dashboard on `npm run dev` (Chromium)", () => {
  const app = useProductInBrowser({
    name: "dashboard",
    viewport: { width: 1280, height: 900 },
    demoWebLatencyMs: DEMO_WEB_LATENCY_MS,
    context: { acceptDownloads: true },
    prepareContext: async (context) => {
      await recordPhaseChanges(context);
      await recordSentMessages(context);
    },
  });

  /** The agency owner: the local demo account with the demo agency, signed in on `app.page`. */
  const owner = once(() => signUpWithDemoAgency(app.page, app.product.dashboardUrl));

  /** The dashboard at `query` ("?run=…", "?tab=all…"), signed in as the owner, once the run form is up. */
  async function openDashboard(query = "") {
    await owner();
    await app.page.goto(`${app.product.dashboardUrl}/${query}`);
    await app.page.getByTestId("find-clients-form").waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** The owner's first run: dentists · Seattle, WA, 5 leads, completed; the phase changes the page showed live. */
  const firstRun = once(async () => {
    const { page } = app;
    await openDashboard();
    const id = await startRun(page, { numLeads: 5, vertical: DEMO_AGENCY.targetVertical, geography: DEMO_AGENCY.targetGeography });
    // Catch the run mid-flight for the screenshot (auditing is the longest phase).
    await page
      .waitForFunction(() => document.querySelector('[data-testid="phase-scrape_content"]')?.getAttribute("data-status") !== "pending", undefined, {
        timeout: RUN_TIMEOUT_MS,
      })
      .catch(() => undefined);
    await screenshot(page, "02-run-in-progress");
    await waitForRunStatus(page, "completed");
    return { id, phaseLog: await phaseLog(page, id), rows: await settledRows(page) };
  });

  /** The agency edited by hand: Harbor Growth Co, plumbers in Austin, TX by default. */
  const agencyEdited = once(async () => {
    const { page } = app;
    await openDashboard();
    await page.getByRole("button", { name: "Edit agency" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit agency profile" });
    await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
    await dialog.getByLabel("Agency name").fill("Harbor Growth Co");
    await dialog.getByLabel("Default vertical").fill("plumbers");
    await dialog.getByLabel("Default geography").fill("Austin, TX");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "detached", timeout: UI_TIMEOUT_MS });
  });

  /** A second campaign's run: plumbers · Austin, TX, 5 leads, completed. */
  const plumbersRun = once(async () => {
    const { page } = app;
    await openDashboard();
    const id = await startRun(page, { numLeads: 5, vertical: "plumbers", geography: "Austin, TX" });
    await waitForRunStatus(page, "completed");
    return { id, rows: await settledRows(page) };
  });

  /** The first run's top lead marked contacted, then its campaign run again: the leads before, the re-run's. */
  const contactedThenRerun = once(async () => {
    const { page } = app;
    await firstRun();
    await openDashboard(DENTISTS_IN_SEATTLE);
    const before = await settledRows(page);
    // The top lead (audited) is marked contacted first; a later test checks the re-run kept that.
    const contacted = before[0];
    await page.locator(`[data-testid="opportunity-row"][data-opportunity-id="${contacted.id}"]`).click();
    const panel = page.getByTestId("report-panel");
    await panel.getByTestId("mark-contacted").click();
    await expect.poll(() => panel.getByTestId("mark-contacted").textContent(), { timeout: UI_TIMEOUT_MS }).toContain("Contacted");
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached", timeout: UI_TIMEOUT_MS });
    await expect.poll(async () => (await tableRows(page)).find((r) => r.id === contacted.id)?.status, { timeout: UI_TIMEOUT_MS }).toBe("CONTACTED");

    await startRun(page, { numLeads: 5, vertical: DEMO_AGENCY.targetVertical, geography: DEMO_AGENCY.targetGeography });
    await waitForRunStatus(page, "completed");
    return { before, contactedLeadId: contacted.id, rerunRows: await settledRows(page) };
  });

  test("first visit asks for the agency, flags an empty form inline, and 'Use demo agency' opens a prefilled run form", async () => {
    // A browser of its own: a first visit, signed out, whatever the owner's page has done.
    const visitor = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await visitor.newPage();
      page.on("pageerror", (error) => app.pageErrors.push(error.message));
      await page.goto(app.product.dashboardUrl);
      // Signed out: the embedded backend offers the local demo account, one click away.
      const signInForm = page.getByTestId("sign-in-form");
      await signInForm.waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await signInForm.getByLabel("Email").inputValue()).toBe("demo@atlas.local");
      expect(await page.getByTestId("local-demo-note").isVisible()).toBe(true);
      await screenshot(page, "00-sign-up");
      // An account of its own (the owner's fixture may already hold the demo account).
      await signUp(page, { email: "first-visit@agency.test", password: "first-visit-password" });
      const agencyForm = page.getByTestId("agency-form");
      await agencyForm.waitFor({ timeout: UI_TIMEOUT_MS });
      await expect.poll(() => page.locator(".connection-banner").count(), { timeout: UI_TIMEOUT_MS }).toBe(0);
      await screenshot(page, "01-agency-setup");

      await agencyForm.getByRole("button", { name: "Save agency" }).click();
      await expect.poll(() => agencyForm.getByText("Agency name is required.").isVisible()).toBe(true);
      expect(await agencyForm.getByLabel("Agency name").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByTestId("find-clients-form").count()).toBe(0);

      await page.getByTestId("use-demo-agency").click();
      const runForm = page.getByTestId("find-clients-form");
      await runForm.waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await runForm.getByLabel("Vertical").inputValue()).toBe(DEMO_AGENCY.targetVertical);
      expect(await runForm.getByLabel("Geography").inputValue()).toBe(DEMO_AGENCY.targetGeography);
      expect(await page.getByTestId("num-leads-input").inputValue()).toBe("10");
      expect(await page.locator(".app-header").textContent()).toContain(DEMO_AGENCY.name);
    } finally {
      await visitor.close();
    }
  });

  test("a run's timeline advances live and ends completed, 100 %, with ranked leads and signal badges", { timeout: FIRST_RUN_MS + MARGIN_MS }, async () => {
    const { page } = app;
    const run = await firstRun();
    expect(run.id).not.toBe("");
    await openDashboard(`?run=${run.id}`);
    await waitForRunStatus(page, "completed");
    await expect.poll(() => progressPercent(page)).toBe(100);
    const phases = await phaseStatuses(page);
    expect(Object.keys(phases)).toEqual(["source", "filter_rank", "persist_leads", "scrape_content", "generate_dossier", "finalize_rank"]);
    expect(Object.values(phases).every((s) => s === "complete")).toBe(true);
    expect(await page.getByTestId("last-event").getAttribute("data-event-type")).toBeTruthy();

    // Seen without any reload: at least one phase was shown unfinished, then complete, on the page that started it.
    const log = run.phaseLog;
    const livePhases = Object.entries(log)
      .filter(([, statuses]) => sawLiveTransition(statuses))
      .map(([name]) => name);
    expect(livePhases, `phase statuses observed: ${JSON.stringify(log)}`).not.toHaveLength(0);

    const rows = run.rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(isNonIncreasing(rows.map((r) => r.score)), `scores in table order: ${rows.map((r) => r.score)}`).toBe(true);
    expect(rows.every((r) => r.status === "READY")).toBe(true);
    // A score comes from signals, so a scored lead must show the badges that explain it.
    expect(rows.filter((r) => r.score > 0 && r.signals.length === 0)).toEqual([]);
    expect(rows.flatMap((r) => r.signals).length).toBeGreaterThan(0);
    await screenshot(page, "03-run-completed");
  });

  test("clicking an audited lead opens its report with a dossier and evidence links; Escape closes it", { timeout: FIRST_RUN_MS + MARGIN_MS }, async () => {
    const { page } = app;
    const { id, rows } = await firstRun();
    await openDashboard(`?run=${id}`);
    await settledRows(page);
    const audited = rows.find((r) => r.domain && !r.signals.includes("WEAK_WEB_PRESENCE") && !r.signals.includes("MISSING_WEBSITE"));
    expect(audited, `no lead with its own website in ${JSON.stringify(rows)}`).toBeDefined();
    const row = page.locator(`[data-testid="opportunity-row"][data-opportunity-id="${audited!.id}"]`);
    await row.click();

    const panel = page.getByTestId("report-panel");
    await panel.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(new URL(page.url()).searchParams.get("opp")).toBe(audited!.id);
    await expect.poll(() => panel.locator("#report-title").textContent(), { timeout: UI_TIMEOUT_MS }).toBe(audited!.name);
    const summary = panel.getByTestId("dossier-summary");
    await summary.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(((await summary.textContent()) ?? "").trim().length).toBeGreaterThan(20);
    expect(await panel.getByText("Audit status:").locator("[data-status]").getAttribute("data-status")).toBe("completed");

    const evidenceLinks = await panel.locator('a[data-testid="gap-evidence"]').evaluateAll((els) => els.map((a) => (a as HTMLAnchorElement).href));
    expect(evidenceLinks.length).toBeGreaterThan(0);
    // Evidence points at pages of this lead's own website.
    for (const href of evidenceLinks) expect(new URL(href).hostname.endsWith(audited!.domain!), href).toBe(true);
    // The report tells the website outcome, the technology seen and, when there is an email, where it came from.
    expect(await panel.getByTestId("website-outcome").textContent()).toBe("Audited");
    expect(await panel.getByTestId("technology").textContent()).toContain("Analytics");
    const emailSource = panel.getByTestId("email-source");
    if ((await emailSource.count()) > 0)
      expect(await emailSource.textContent()).toMatch(/found in .+ on .+\((on the business's own domain|another domain|free-mail address)\)/);
    await screenshot(page, "04-report-panel", "viewport");

    // Talking points and outreach drafts are written to the owner: no markup, no codes, no placeholders.
    const points = await panel.locator('[data-testid="talking-points"] li > p:first-child').allTextContents();
    for (const text of points) expect(text, text).not.toMatch(/[<>]|\b[A-Z]+(?:_[A-Z]+)+\b/);
    const body = await panel.getByTestId("outreach-body").inputValue();
    expect(body).toContain(audited!.name);
    expect(body).not.toMatch(/[{}[\]<>]|TODO|undefined|null/);
    expect(await panel.getByTestId("outreach-script").inputValue()).toMatch(/^Opening: /);
    const mailto = (await panel.getByTestId("outreach-mailto").getAttribute("href")) ?? "";
    expect(mailto).toMatch(/^mailto:[^?]*\?subject=.+&body=.+/);
    // The whole report, tall enough to hold the panel (it scrolls inside a fixed overlay).
    await page.setViewportSize({ width: 1280, height: 4200 });
    await screenshot(page, "04b-report-panel-full", "viewport");
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached", timeout: UI_TIMEOUT_MS });
    expect(new URL(page.url()).searchParams.get("opp")).toBeNull();
    // Focus goes back to the row that opened the report.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.opportunityId)).toBe(audited!.id);
  });

  test("Export CSV downloads the table's rows in order, with a header", { timeout: FIRST_RUN_MS + MARGIN_MS }, async () => {
    const { page } = app;
    await openDashboard(`?run=${(await firstRun()).id}`);
    const rows = await settledRows(page);
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: UI_TIMEOUT_MS }), page.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^atlas-leads-dentists-seattle-wa-\d{4}-\d{2}-\d{2}\.csv$/);
    const records = parseCsv(readFileSync(await download.path(), "utf8"));
    const [header, ...lines] = records;
    for (const column of EXPECTED_CSV_COLUMNS) expect(header).toContain(column);
    expect(lines).toHaveLength(rows.length);
    const col = (name: string) => header.indexOf(name);
    expect(lines.map((l) => l[col("name")])).toEqual(rows.map((r) => r.name));
    expect(lines.map((l) => Number(l[col("score")]))).toEqual(rows.map((r) => r.score));
    expect(lines.map((l) => l[col("rank")])).toEqual(rows.map((_, i) => String(i + 1)));
    expect(lines.every((l) => l[col("vertical")] === DEMO_AGENCY.targetVertical && l[col("geography")] === DEMO_AGENCY.targetGeography)).toBe(true);
    // Phones stay text in a spreadsheet; signals are words; every lead carries its dossier summary.
    expect(lines.every((l) => /^="\+\d+"$/.test(l[col("phone")]))).toBe(true);
    expect(lines.every((l) => l[col("summary")].length > 20)).toBe(true);
    expect(
      lines
        .flatMap((l) => l[col("signals")].split("; "))
        .filter(Boolean)
        .every((label) => !/_/.test(label)),
    ).toBe(true);
  });

  test("editing the agency by hand saves it, and the run form follows the new defaults", async () => {
    const { page } = app;
    await agencyEdited();
    // A fresh dashboard: what earlier tests typed into the run form on this page does not count.
    await openDashboard();

    await expect.poll(() => page.locator(".app-header").textContent(), { timeout: UI_TIMEOUT_MS }).toContain("Harbor Growth Co");
    const runForm = page.getByTestId("find-clients-form");
    await expect.poll(() => runForm.getByLabel("Vertical").inputValue(), { timeout: UI_TIMEOUT_MS }).toBe("plumbers");
    expect(await runForm.getByLabel("Geography").inputValue()).toBe("Austin, TX");
  });

  test(
    "All campaigns lists both campaigns in its dropdowns, filters the table, and keeps the filter in the URL across a reload",
    { timeout: FIRST_RUN_MS + RUN_TIMEOUT_MS + MARGIN_MS },
    async () => {
      const { page } = app;
      const first = await firstRun();
      expect((await plumbersRun()).rows.length).toBeGreaterThan(0);

      await openDashboard();
      await openAllCampaigns(page);
      await expect.poll(() => selectOptions(page, "filter-vertical"), { timeout: UI_TIMEOUT_MS }).toEqual(expect.arrayContaining(["dentists", "plumbers"]));
      expect(await selectOptions(page, "filter-geography")).toEqual(expect.arrayContaining(["Seattle, WA", "Austin, TX"]));
      const everything = await settledRows(page);
      // Both campaigns' leads (other tests of this file may have added campaigns of their own).
      expect([...new Set(everything.map((r) => r.campaign))]).toEqual(expect.arrayContaining(["dentists · Seattle, WA", "plumbers · Austin, TX"]));
      expect(isNonIncreasing(everything.map((r) => r.score))).toBe(true);

      await page.getByTestId("filter-vertical").selectOption("plumbers");
      await expect.poll(async () => (await tableRows(page)).every((r) => r.campaign === "plumbers · Austin, TX"), { timeout: UI_TIMEOUT_MS }).toBe(true);
      await page.getByTestId("filter-geography").selectOption("Austin, TX");
      const plumbers = await settledRows(page);
      expect(plumbers.length).toBeGreaterThan(0);
      expect(plumbers.length).toBeLessThan(everything.length);
      expect(plumbers.every((r) => r.campaign === "plumbers · Austin, TX")).toBe(true);
      const params = new URL(page.url()).searchParams;
      expect([params.get("tab"), params.get("vertical"), params.get("geography")]).toEqual(["all", "plumbers", "Austin, TX"]);
      await screenshot(page, "05-all-campaigns-filtered");

      await page.reload();
      await page.getByTestId("filter-vertical").waitFor({ timeout: UI_TIMEOUT_MS });
      await expect.poll(() => page.getByTestId("filter-vertical").inputValue(), { timeout: UI_TIMEOUT_MS }).toBe("plumbers");
      expect(await page.getByTestId("filter-geography").inputValue()).toBe("Austin, TX");
      expect((await settledRows(page)).map((r) => r.id)).toEqual(plumbers.map((r) => r.id));

      // The other campaign's filter shows only its leads, the first run's among them (a re-run may have added more).
      await page.getByTestId("filter-vertical").selectOption("dentists");
      await page.getByTestId("filter-geography").selectOption("Seattle, WA");
      const dentists = await rowsWhen(page, (rows) => rows.length >= first.rows.length && rows.every((r) => r.campaign === "dentists · Seattle, WA"));
      expect(dentists.map((r) => r.id)).toEqual(expect.arrayContaining(first.rows.map((r) => r.id)));
    },
  );

  test("running the same campaign again delivers only new leads, no duplicates", { timeout: FIRST_RUN_MS + RUN_TIMEOUT_MS + MARGIN_MS }, async () => {
    const { page } = app;
    // Left on the re-run, reached from All campaigns filtered to dentists · Seattle, WA.
    const { before, rerunRows } = await contactedThenRerun();
    // A run delivers new leads only: none of the businesses the agency already had (README "How a run works").
    expect(rerunRows.filter((r) => before.some((b) => b.id === r.id || b.name === r.name))).toEqual([]);

    await openAllCampaigns(page);
    expect(await page.getByTestId("filter-vertical").inputValue()).toBe(DEMO_AGENCY.targetVertical);
    const after = await settledRows(page);
    expect(after.map((r) => r.id).sort()).toEqual([...before, ...rerunRows].map((r) => r.id).sort());
  });

  test("a lead marked contacted is still contacted after its campaign is re-run", { timeout: FIRST_RUN_MS + RUN_TIMEOUT_MS + MARGIN_MS }, async () => {
    // Regression: recordAuditPhase used to set an audited lead to SCRAPING/AUDITING even when it was CONTACTED,
    // so finalize_rank then wrote READY (README: "a lead marked CONTACTED stays so").
    const { contactedLeadId } = await contactedThenRerun();
    await openDashboard(DENTISTS_IN_SEATTLE);
    const row = (await settledRows(app.page)).find((r) => r.id === contactedLeadId);
    expect(row?.status).toBe("CONTACTED");
  });

  test("Cancel stops a running run: status cancelled and no phase left running", { timeout: 2 * RUN_TIMEOUT_MS + MARGIN_MS }, async () => {
    const { page } = app;
    await openDashboard();
    const runId = await startRun(page, { numLeads: 10, vertical: "roofers", geography: "Denver, CO" });
    expect(await runStatus(page)).toBe("running");
    await page.getByTestId("cancel-run").click();
    await waitForRunStatus(page, "cancelled", 60_000);
    await expect.poll(() => page.getByTestId("cancel-run").count(), { timeout: UI_TIMEOUT_MS }).toBe(0);
    expect(await page.locator(".run-view .banner-muted").textContent()).toBe("Run cancelled. Leads saved so far are kept.");
    await expect
      .poll(async () => Object.values(await phaseStatuses(page)).filter((s) => !FINAL_PHASE_STATUSES.includes(s)), { timeout: UI_TIMEOUT_MS })
      .toEqual([]);

    // Work that was in flight must not flip anything back afterwards: wait until the backend has nothing left
    // running (the audits that were fetching pages have returned), then read the run afresh.
    let inFlight: unknown[] = [];
    await waitFor(async () => (inFlight = await unfinishedScheduledFunctions(app.product.dataFile)).length === 0, {
      timeoutMs: RUN_TIMEOUT_MS,
      intervalMs: 250,
      what: () => `the backend to finish its work in flight: ${JSON.stringify(inFlight)}`,
    });
    await openDashboard(`?run=${runId}`);
    await expect.poll(() => runStatus(page), { timeout: UI_TIMEOUT_MS }).not.toBe("");
    expect(await runStatus(page)).toBe("cancelled");
    expect(Object.values(await phaseStatuses(page)).filter((s) => !FINAL_PHASE_STATUSES.includes(s))).toEqual([]);
  });

  test("25 leads is refused inline and starts no run", async () => {
    const { page } = app;
    await openDashboard();
    const runsBefore = (await historyRunIds(page)).length;
    const runBefore = currentRunId(page);

    await submitRunForm(page, { numLeads: 25 });
    const input = page.getByTestId("num-leads-input");
    await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
    const messageId = await input.getAttribute("aria-describedby");
    const message = page.locator(`[id="${messageId}"]`);
    expect(await message.getAttribute("role")).toBe("alert");
    expect(await message.textContent()).toBe("Number of leads must be a whole number from 1 to 20.");

    // Nothing reached the backend: the form sent no mutation (it would have been sent by the submit itself, before
    // the inline error showed), no new run in the history, the page stays on the same run.
    expect(await sentMutations(page)).toEqual([]);
    expect(await historyRunIds(page)).toHaveLength(runsBefore);
    expect(currentRunId(page)).toBe(runBefore);
    await input.fill("5");
    await expect.poll(() => input.getAttribute("aria-invalid")).toBe("false");
  });

  test(
    "after stopping and restarting `npm run dev`, runs and leads are still there and an interrupted run resumes and completes",
    { timeout: FIRST_RUN_MS + 3 * RUN_TIMEOUT_MS + MARGIN_MS },
    async () => {
      const { page } = app;
      await firstRun();
      await agencyEdited();
      const plumbers = await plumbersRun();
      await openDashboard("?tab=all");
      const runsBefore = await historyRunIds(page);
      const verticalsBefore = await selectOptions(page, "filter-vertical");
      const leadsBefore = (await settledRows(page)).map(({ id, name, score, status }) => ({ id, name, score, status }));
      expect(leadsBefore.length).toBeGreaterThan(0);

      const interruptedRunId = await startRun(page, { numLeads: 10, vertical: "auto repair", geography: "Chicago, IL" });
      expect(await runStatus(page)).toBe("running");

      const stopped = await app.product.stop();
      expect(stopped).toEqual({ exitedOnSigterm: true, killed: 0 });
      // The open page notices the backend is gone.
      await page.locator(".connection-banner").waitFor({ timeout: UI_TIMEOUT_MS });

      await app.start();
      await page.goto(`${app.product.dashboardUrl}/?tab=all`);
      await page.getByTestId("find-clients-form").waitFor({ timeout: UI_TIMEOUT_MS });
      await expect.poll(() => page.locator(".connection-banner").count(), { timeout: UI_TIMEOUT_MS }).toBe(0);
      expect(await page.locator(".app-header").textContent()).toContain("Harbor Growth Co");

      expect(await historyRunIds(page)).toEqual(expect.arrayContaining([...runsBefore, interruptedRunId]));
      expect(await selectOptions(page, "filter-vertical")).toEqual(expect.arrayContaining(verticalsBefore));
      const leadsAfter = (await settledRows(page)).map(({ id, name, score, status }) => ({ id, name, score, status }));
      expect(leadsAfter).toEqual(expect.arrayContaining(leadsBefore));

      await openHistoryRun(page, plumbers.id);
      await expect.poll(() => runStatus(page), { timeout: UI_TIMEOUT_MS }).toBe("completed");
      expect((await settledRows(page)).length).toBeGreaterThan(0);

      // Like a deployment, the embedded backend resumes the workflow from its journal after a restart.
      await openHistoryRun(page, interruptedRunId);
      // The rest of the run still has to happen after the restart: a run's time, not a screen update's.
      await expect.poll(() => runStatus(page), { timeout: RUN_TIMEOUT_MS }).toBe("completed");
      expect(Object.values(await phaseStatuses(page)).filter((s) => !FINAL_PHASE_STATUSES.includes(s))).toEqual([]);
      await screenshot(page, "08-interrupted-run-after-restart");
      // Up to three runs before the restart and one after, a stop and a start.
    },
  );

  test(
    "at 390 px the run view and leads fit without horizontal scrolling; Tab reaches the start button and a row, Enter opens its report",
    { timeout: RUN_TIMEOUT_MS + MARGIN_MS },
    async () => {
      const plumbers = await plumbersRun();
      // Same signed-in session (tokens live in localStorage).
      const phone = await app.browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        storageState: await app.context.storageState(),
      });
      try {
        const small = await phone.newPage();
        small.on("pageerror", (error) => app.pageErrors.push(error.message));
        await small.goto(`${app.product.dashboardUrl}/?run=${plumbers.id}`);
        await small.getByTestId("run-view").waitFor({ timeout: UI_TIMEOUT_MS });
        const rows = await settledRows(small);
        expect(rows.length).toBeGreaterThan(0);
        const overflow = await small.evaluate(() => document.scrollingElement!.scrollWidth);
        await screenshot(small, "06-phone-run");
        expect(overflow, "page scroll width at a 390 px viewport").toBeLessThanOrEqual(392);
        const firstRowBox = await small.getByTestId("opportunity-row").first().boundingBox();
        expect(firstRowBox!.x).toBeGreaterThanOrEqual(0);

        const focusedTestId = () => small.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? "");
        let reachedStart = false;
        let reachedRow = false;
        for (let i = 0; i < 80 && !reachedRow; i++) {
          await small.keyboard.press("Tab");
          const focused = await focusedTestId();
          if (focused === "start-run") reachedStart = true;
          if (focused === "opportunity-row") reachedRow = true;
        }
        expect(reachedStart, "Tab reaches the Find Qualified Clients button").toBe(true);
        expect(reachedRow, "Tab reaches a lead row").toBe(true);
        const rowName = await small.evaluate(() => document.activeElement?.querySelector(".name")?.textContent ?? "");
        await small.keyboard.press("Enter");
        const panel = small.getByTestId("report-panel");
        await panel.waitFor({ timeout: UI_TIMEOUT_MS });
        await expect.poll(() => panel.locator("#report-title").textContent(), { timeout: UI_TIMEOUT_MS }).toBe(rowName);
        await screenshot(small, "07-phone-report", "viewport");
        await small.keyboard.press("Escape");
        await panel.waitFor({ state: "detached", timeout: UI_TIMEOUT_MS });
      } finally {
        await phone.close();
      }
    },
  );

  test(
    "after signing out, a second account starts empty and sees none of the first account's runs or leads",
    { timeout: RUN_TIMEOUT_MS + MARGIN_MS },
    async () => {
      const plumbers = await plumbersRun();
      // The owner signs in again in a browser of its own and signs out there: the owner's page keeps its session.
      const other = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await other.newPage();
        page.on("pageerror", (error) => app.pageErrors.push(error.message));
        await page.goto(`${app.product.dashboardUrl}/?tab=all`);
        await signIn(page);
        await page.getByTestId("find-clients-form").waitFor({ timeout: UI_TIMEOUT_MS });
        await signOut(page);
        expect(await page.getByTestId("find-clients-form").count()).toBe(0);

        await signUp(page, { email: "second@agency.test", password: "second-account-password" });
        await page.getByTestId("use-demo-agency").click();
        await page.getByTestId("find-clients-form").waitFor({ timeout: UI_TIMEOUT_MS });
        expect(await historyRunIds(page)).toEqual([]);
        await openAllCampaigns(page);
        expect(await selectOptions(page, "filter-vertical")).toEqual([]);
        expect(await page.getByTestId("opportunity-row").count()).toBe(0);

        // The first account's run, by its URL: not found, no leads.
        await page.goto(`${app.product.dashboardUrl}/?run=${plumbers.id}`);
        await page.getByText("Run not found").waitFor({ timeout: UI_TIMEOUT_MS });
        expect(await page.getByTestId("opportunity-row").count()).toBe(0);
        await screenshot(page, "09-second-account");
        await signOut(page);
      } finally {
        await other.close();
      }
    },
  );

  test("no uncaught errors in the page during the whole flow", () => {
    expect(app.pageErrors).toEqual([]);
  });
});
