/**
 * Re-running a campaign in Chromium, on the product started as `npm run dev` starts it: while a run
 * is going the form will not start the same campaign again (it links to the running run), the re-run
 * delivers only new leads, and the earlier run, opened from Run history, still lists exactly its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { UI_TIMEOUT_MS, currentRunId, openHistoryRun, screenshot, settledRows, signUp, startRun, waitForRunStatus } from "./dashboardPage";
import { type RunningProduct, checkChromium, launchChromium, startProduct } from "./harness";

const chromiumCheck = checkChromium();
const skipHere = !chromiumCheck.available && !process.env.CI;
if (!chromiumCheck.available) process.stderr.write(`[e2e] ${chromiumCheck.reason}${skipHere ? ": skipping the browser tests." : ""}\n`);

describe.skipIf(skipHere)("re-running a campaign (Chromium)", () => {
  let tempDir: string;
  let product: RunningProduct | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumCheck.available) throw new Error(`${chromiumCheck.reason}. CI must run the browser tests, not skip them.`);
    tempDir = mkdtempSync(path.join(tmpdir(), "atlas-e2e-rerun-"));
    // Each demo-site response takes 300 ms more, so the first run is still crawling when the test looks at the form.
    product = await startProduct({ dataFile: path.join(tempDir, "embedded-db.json"), demoWebLatencyMs: 300 });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    try {
      await product?.stop();
    } finally {
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    }
  });

  test("a re-run delivers only new leads, and the earlier run still lists its own", async () => {
    await page.goto(product!.dashboardUrl);
    await signUp(page);
    await page.getByTestId("use-demo-agency").click();
    await page.getByTestId("find-clients-form").waitFor({ timeout: UI_TIMEOUT_MS });

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
