/**
 * Re-running a campaign in Chromium, on the product started as `npm run dev` starts it: while a run
 * is going the form will not start the same campaign again (it links to the running run), the re-run
 * delivers only new leads, and the earlier run, opened from Run history, still lists exactly its own.
 */
import { expect, test } from "vitest";
import { UI_TIMEOUT_MS, currentRunId, openHistoryRun, screenshot, settledRows, signUpWithDemoAgency, startRun, waitForRunStatus } from "./dashboardPage";
import { describeInChromium, useProductInBrowser } from "./harness";

describeInChromium("re-running a campaign (Chromium)", () => {
  // Each demo-site response takes 300 ms more, so the first run is still crawling when the test looks at the form.
  const app = useProductInBrowser({ name: "rerun", viewport: { width: 1280, height: 900 }, demoWebLatencyMs: 300 });

  test("a re-run delivers only new leads, and the earlier run still lists its own", async () => {
    const { page, pageErrors } = app;
    await signUpWithDemoAgency(page, app.product.dashboardUrl);

    const firstRunId = await startRun(page, { numLeads: 3 });
    // One run per campaign: while it runs, the button is off and links to the running run.
    await expect.poll(() => page.getByTestId("start-run").isDisabled(), { timeout: UI_TIMEOUT_MS }).toBe(true);
    expect(await page.getByTestId("open-running-run").isVisible()).toBe(true);
    await waitForRunStatus(page, "completed");
    await expect.poll(() => page.getByTestId("start-run").isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true);
    const firstRows = await settledRows(page);
    expect(firstRows).toHaveLength(3);

    const secondRunId = await startRun(page, { numLeads: 3 });
    expect(secondRunId).not.toBe(firstRunId);
    await waitForRunStatus(page, "completed");
    const secondRows = await settledRows(page);
    expect(secondRows.length).toBeGreaterThan(0);
    expect(secondRows.filter((r) => firstRows.some((f) => f.id === r.id || f.name === r.name))).toEqual([]);
    expect(await page.getByTestId("run-view").textContent()).toMatch(/Already in your leads: 3/);

    // Open the earlier run from Run history: exactly the leads it saved.
    await openHistoryRun(page, firstRunId);
    await expect.poll(() => currentRunId(page), { timeout: UI_TIMEOUT_MS }).toBe(firstRunId);
    await waitForRunStatus(page, "completed");
    await expect.poll(async () => (await settledRows(page)).map((r) => r.id), { timeout: UI_TIMEOUT_MS }).toEqual(firstRows.map((r) => r.id));
    await screenshot(page, "rerun-earlier-run");
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
