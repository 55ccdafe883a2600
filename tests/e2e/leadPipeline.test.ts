/**
 * The lead pipeline in Chromium, on the product started as `npm run dev` starts it: run the demo pipeline,
 * book a meeting on a lead with a note, find it again by search and by status filter (and from the pipeline
 * bar), sort the table on the server, delete a lead through its confirmation dialog; then on a 390×844 phone,
 * tapping Find scrolls the run's progress into view and the agency name fits (screenshots in test-results/e2e/).
 */
import { expect, test } from "vitest";
import { once } from "../once";
import {
  UI_TIMEOUT_MS,
  bookMeeting,
  openAllCampaigns,
  searchWordFor,
  rowsWhen,
  screenshot,
  settledRows,
  signUpWithDemoAgency,
  startRun,
  waitForRunStatus,
} from "./dashboardPage";
import { describeInChromium, useProductInBrowser } from "./harness";

describeInChromium("lead pipeline (Chromium)", () => {
  const app = useProductInBrowser({ name: "pipeline", viewport: { width: 1280, height: 900 } });
  const signedUp = once(() => signUpWithDemoAgency(app.page, app.product.dashboardUrl));

  test("books a meeting on a lead, finds it by search, status filter and pipeline bar, sorts, deletes a lead", async () => {
    const { page, pageErrors } = app;
    await signedUp();

    await startRun(page, { numLeads: 6 });
    await waitForRunStatus(page, "completed");
    const rows = await settledRows(page);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const target = rows[1];

    // Book a meeting from the lead's report, with a note.
    const report = await bookMeeting(page, target.id, "2026-12-08T16:00");
    expect(await report.getByTestId("set-status-MEETING_BOOKED").getAttribute("aria-pressed")).toBe("true");
    await report.getByTestId("note-text").fill("Booked with the practice manager; bring the mobile audit.");
    await report.getByTestId("add-note").click();
    await expect.poll(() => report.getByTestId("notes-list").textContent(), { timeout: UI_TIMEOUT_MS }).toContain("bring the mobile audit");
    await screenshot(page, "pipeline-01-meeting-booked", "viewport");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("report-panel").count(), { timeout: UI_TIMEOUT_MS }).toBe(0);
    await expect.poll(() => page.getByTestId("pipeline-MEETING_BOOKED").getAttribute("data-count"), { timeout: UI_TIMEOUT_MS }).toBe("1");

    // Find it again: by search (a word of its name), then by the status filter, then from the pipeline bar.
    await openAllCampaigns(page);
    const word = searchWordFor(target.name);
    await page.getByTestId("lead-search").fill(word);
    const matches = (row: { name: string; domain?: string }) => `${row.name} ${row.domain ?? ""}`.toLowerCase().includes(word.toLowerCase());
    const found = await rowsWhen(
      page,
      (r) => page.url().includes("q=") && r.length > 0 && r.length < rows.length && r.every(matches) && r.some((row) => row.id === target.id),
    );
    expect(found.find((row) => row.id === target.id)?.status).toBe("MEETING_BOOKED");
    expect(page.url()).toContain(`q=${encodeURIComponent(word).replace(/%20/g, "+")}`);
    await page.getByTestId("lead-search").fill("");
    await expect.poll(() => page.url(), { timeout: UI_TIMEOUT_MS }).not.toContain("q=");
    await page.getByTestId("filter-status").selectOption("MEETING_BOOKED");
    const byStatus = await rowsWhen(page, (r) => r.length === 1);
    expect(byStatus.map((r) => r.id)).toEqual([target.id]);
    await screenshot(page, "pipeline-02-status-filter");
    // At 1280 px the all-campaigns table, its widest form (a campaign column and a "Meeting booked" chip), fits its card.
    const overflow = await page.locator(".opportunities .table-scroll").evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, "the lead table scrolls sideways at 1280 px").toBeLessThanOrEqual(0);
    await page.getByTestId("filter-status").selectOption("");
    await rowsWhen(page, (r) => r.length === rows.length);
    await page.getByTestId("pipeline-MEETING_BOOKED").click();
    expect((await rowsWhen(page, (r) => r.length === 1)).map((r) => r.id)).toEqual([target.id]);
    await page.getByTestId("pipeline-MEETING_BOOKED").click();

    // Sort by name on the server (A→Z), then Z→A.
    await page.getByTestId("sort-name").click();
    const byName = await rowsWhen(page, (r) => r.length === rows.length && page.url().includes("sort=name"));
    const names = byName.map((r) => r.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    await page.getByTestId("sort-name").click();
    await rowsWhen(page, (r) => page.url().includes("order=desc") && r[0]?.name.toLowerCase() === names[names.length - 1]);

    // Delete a lead through its confirmation dialog: gone from the table, the others stay.
    const doomed = rows.find((r) => r.id !== target.id)!;
    await page.locator(`[data-opportunity-id="${doomed.id}"]`).click();
    await page.getByTestId("report-panel").getByTestId("delete-lead").click();
    await page.getByTestId("confirm-dialog").waitFor({ timeout: UI_TIMEOUT_MS });
    await screenshot(page, "pipeline-03-delete-confirm", "viewport");
    await page.getByTestId("confirm-action").click();
    await expect.poll(() => page.getByTestId("report-panel").count(), { timeout: UI_TIMEOUT_MS }).toBe(0);
    const left = await rowsWhen(page, (r) => r.length === rows.length - 1);
    expect(left.some((r) => r.id === doomed.id)).toBe(false);
    expect(left.some((r) => r.id === target.id)).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  test("on a 390×844 phone, tapping Find brings the run's progress into view and the agency name fits", async () => {
    const { page, pageErrors } = app;
    await signedUp();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.product.dashboardUrl}/`);
    await page.getByTestId("find-clients-form").waitFor({ timeout: UI_TIMEOUT_MS });
    const name = page.getByTestId("header-agency-name");
    expect(await name.textContent()).toBe("Atlas Demo Agency");
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await screenshot(page, "pipeline-phone-00-header", "viewport");

    await startRun(page, { numLeads: 4, vertical: "plumbers", geography: "Seattle, WA" });
    // The progress (run view) is scrolled into the viewport: its top is on screen.
    await expect
      .poll(
        async () => {
          const box = await page.getByTestId("run-view").boundingBox();
          return box !== null && box.y >= -1 && box.y < 844 * 0.5;
        },
        { timeout: UI_TIMEOUT_MS },
      )
      .toBe(true);
    await screenshot(page, "pipeline-phone-01-after-find", "viewport");
    await waitForRunStatus(page, "completed");

    await openAllCampaigns(page);
    await settledRows(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow, "page scroll width at a 390 px viewport").toBeLessThanOrEqual(392);
    await screenshot(page, "pipeline-phone-02-table", "viewport");
    await screenshot(page, "pipeline-phone-03-table-full");
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
