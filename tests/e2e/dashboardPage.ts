/**
 * What the e2e tests read from and do on the dashboard, by its data-testids.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { LOCAL_DEMO_ACCOUNT } from "../../src/lib/convexUrl";
import { SCREENSHOT_DIR } from "./harness";

/** A workflow run of 5 leads takes ~10 s here; leave room for 2 shared, busy cores. */
export const RUN_TIMEOUT_MS = 120_000;
export const UI_TIMEOUT_MS = 20_000;

export interface RowInfo {
  id: string;
  name: string;
  score: number;
  status: string;
  signals: string[];
  campaign?: string;
  domain?: string;
}

declare global {
  interface Window {
    /** Per run id, per phase name: the sequence of distinct data-status values the page showed. */
    __phaseLog?: Record<string, Record<string, string[]>>;
    /** Every text message the page sent over a WebSocket (the Convex client's), in order. */
    __sentMessages?: string[];
  }
}

/**
 * Records every phase status the page renders (MutationObserver), so a test can prove the timeline
 * moved live without polling fast enough to catch a 300 ms phase.
 */
export async function recordPhaseChanges(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__phaseLog = {};
    const record = () => {
      const run = new URLSearchParams(window.location.search).get("run") ?? "";
      const log = (window.__phaseLog![run] ??= {});
      document.querySelectorAll<HTMLElement>('[data-testid^="phase-"]').forEach((el) => {
        const name = el.dataset.testid!.slice("phase-".length);
        const status = el.dataset.status ?? "";
        const seen = (log[name] ??= []);
        if (seen[seen.length - 1] !== status) seen.push(status);
      });
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status"] });
  });
}

/**
 * Records every message the page sends over a WebSocket, as the Convex client sends it (`send` is called in the
 * same task as the call that asked for it), so a test can prove that a step sent no mutation.
 */
export async function recordSentMessages(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__sentMessages = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      if (typeof data === "string") window.__sentMessages!.push(data);
      send.call(this, data);
    };
  });
}

/** The function paths of the mutations the page has sent since it loaded (needs `recordSentMessages`). */
export async function sentMutations(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.__sentMessages ?? [])
      .map((text) => JSON.parse(text) as { type?: string; udfPath?: string })
      .filter((message) => message.type === "Mutation")
      .map((message) => message.udfPath ?? ""),
  );
}

export async function phaseLog(page: Page, runId: string): Promise<Record<string, string[]>> {
  return page.evaluate((id) => window.__phaseLog?.[id] ?? {}, runId);
}

/** Full page by default; `viewport` for views with a fixed overlay (a full-page shot would misplace it). */
export async function screenshot(page: Page, name: string, area: "fullPage" | "viewport" = "fullPage"): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: area === "fullPage" });
}

export function currentRunId(page: Page): string {
  return new URL(page.url()).searchParams.get("run") ?? "";
}

export async function runStatus(page: Page): Promise<string> {
  return (await page.getByTestId("run-status").getAttribute("data-status")) ?? "";
}

export async function waitForRunStatus(page: Page, status: string, timeout = RUN_TIMEOUT_MS): Promise<void> {
  await expect.poll(() => runStatus(page), { timeout, interval: 250 }).toBe(status);
}

export async function phaseStatuses(page: Page): Promise<Record<string, string>> {
  return page
    .locator('[data-testid^="phase-"]')
    .evaluateAll((els) =>
      Object.fromEntries(els.map((el) => [(el as HTMLElement).dataset.testid!.slice("phase-".length), (el as HTMLElement).dataset.status ?? ""])),
    );
}

export async function progressPercent(page: Page): Promise<number> {
  return Number(await page.getByTestId("progress-bar").getAttribute("aria-valuenow"));
}

export async function tableRows(page: Page): Promise<RowInfo[]> {
  return page.getByTestId("opportunity-row").evaluateAll((els) =>
    els.map((el) => {
      const row = el as HTMLElement;
      const campaign = row.querySelector(".col-campaign")?.textContent?.trim();
      const domain = row.querySelector(".col-name .muted")?.textContent?.trim();
      return {
        id: row.dataset.opportunityId ?? "",
        name: row.querySelector(".col-name .name")?.textContent?.trim() ?? "",
        score: Number(row.dataset.score),
        status: row.dataset.status ?? "",
        signals: [...row.querySelectorAll<HTMLElement>('[data-testid="signal-badge"]')].map((b) => b.dataset.signal ?? ""),
        ...(campaign ? { campaign } : {}),
        ...(domain ? { domain } : {}),
      };
    }),
  );
}

/** Fills the Find Qualified Clients form (only the fields given) and submits it. */
export async function submitRunForm(page: Page, input: { numLeads?: number | string; vertical?: string; geography?: string }): Promise<void> {
  const form = page.getByTestId("find-clients-form");
  if (input.numLeads !== undefined) await page.getByTestId("num-leads-input").fill(String(input.numLeads));
  if (input.vertical !== undefined) await form.getByLabel("Vertical").fill(input.vertical);
  if (input.geography !== undefined) await form.getByLabel("Geography").fill(input.geography);
  await page.getByTestId("start-run").click();
}

/** Starts a run from the form and returns its id once the page shows it. */
export async function startRun(page: Page, input: { numLeads?: number | string; vertical?: string; geography?: string }): Promise<string> {
  const before = currentRunId(page);
  await submitRunForm(page, input);
  await expect.poll(() => currentRunId(page), { timeout: UI_TIMEOUT_MS }).not.toBe(before);
  await page.getByTestId("run-view").waitFor({ timeout: UI_TIMEOUT_MS });
  return currentRunId(page);
}

export async function openAllCampaigns(page: Page): Promise<void> {
  await page.getByTestId("tab-all-campaigns").click();
  await expect.poll(() => page.getByTestId("filter-vertical").isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true);
}

/** Option values of a select once its query has loaded (the dashboard disables it while loading). */
export async function selectOptions(page: Page, testId: string): Promise<string[]> {
  await expect.poll(() => page.getByTestId(testId).isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true);
  return page
    .getByTestId(testId)
    .locator("option")
    .evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value).filter(Boolean));
}

/** Run ids listed in Run history, newest first, once the list has loaded. */
export async function historyRunIds(page: Page): Promise<string[]> {
  // "attached": an empty list has no height, so it is never "visible".
  await page.locator('[data-testid="run-history"][data-loaded="true"]').waitFor({ state: "attached", timeout: UI_TIMEOUT_MS });
  return page.getByTestId("run-history-item").evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.runId ?? ""));
}

/** Opens a run from Run history. */
export async function openHistoryRun(page: Page, runId: string): Promise<void> {
  await page.locator(`[data-testid="run-history-item"][data-run-id="${runId}"]`).click({ timeout: UI_TIMEOUT_MS });
}

/** Rows of the table once its count pill agrees with the rows rendered (query settled). */
export async function settledRows(page: Page): Promise<RowInfo[]> {
  const pill = page.locator(".opportunities .count-pill");
  await pill.waitFor({ timeout: UI_TIMEOUT_MS });
  await expect
    .poll(async () => Number(await pill.textContent()) === (await page.getByTestId("opportunity-row").count()), { timeout: UI_TIMEOUT_MS })
    .toBe(true);
  return tableRows(page);
}

/**
 * Creates an account on the sign-in screen (the embedded backend prefills the local demo account; other values
 * are typed in) and waits for the signed-in page: agency set-up for a new account.
 */
export async function signUp(page: Page, account?: { email: string; password: string }): Promise<void> {
  const form = page.getByTestId("sign-in-form");
  await form.waitFor({ timeout: UI_TIMEOUT_MS });
  if (await form.getByRole("button", { name: "Create an account" }).isVisible()) await form.getByRole("button", { name: "Create an account" }).click();
  if (account) {
    await form.getByLabel("Email").fill(account.email);
    await form.getByLabel("Password").fill(account.password);
  }
  await form.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("agency-form").or(page.getByTestId("find-clients-form")).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Signs in to an existing account (the local demo account unless told), e.g. in a second browser context. */
export async function signIn(page: Page, account: { email: string; password: string } = LOCAL_DEMO_ACCOUNT): Promise<void> {
  const form = page.getByTestId("sign-in-form");
  await form.waitFor({ timeout: UI_TIMEOUT_MS });
  if (await form.getByRole("button", { name: "I have an account" }).isVisible()) await form.getByRole("button", { name: "I have an account" }).click();
  await form.getByLabel("Email").fill(account.email);
  await form.getByLabel("Password").fill(account.password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("agency-form").or(page.getByTestId("find-clients-form")).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Signs up with the prefilled local demo account and takes the demo agency: the run form, as after a first visit. */
export async function signUpWithDemoAgency(page: Page, dashboardUrl: string): Promise<void> {
  await page.goto(dashboardUrl);
  await signUp(page);
  await page.getByTestId("use-demo-agency").click();
  await page.getByTestId("find-clients-form").waitFor({ timeout: UI_TIMEOUT_MS });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("sign-out").click();
  await page.getByTestId("sign-in-form").waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Opens a lead's report and books a meeting at `at` (datetime-local, e.g. "2026-12-08T16:00"); the report stays open. */
export async function bookMeeting(page: Page, leadId: string, at: string) {
  await page.locator(`[data-opportunity-id="${leadId}"]`).click();
  const report = page.getByTestId("report-panel");
  await report.waitFor({ timeout: UI_TIMEOUT_MS });
  await report.getByTestId("set-status-MEETING_BOOKED").click();
  await report.getByTestId("meeting-at").fill(at);
  await report.getByTestId("book-meeting").click();
  const day = new Date(at).toLocaleDateString("en-US", { month: "short", day: "numeric" });
  await expect.poll(() => report.getByTestId("meeting-time").textContent(), { timeout: UI_TIMEOUT_MS }).toContain(day);
  return report;
}

/** What a user would type to find a lead by name: the longest plain word of it (it may also match other leads). */
export function searchWordFor(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter((w) => /^[a-z]+$/i.test(w))
      .sort((a, b) => b.length - a.length)[0] ?? name
  );
}

/** The rows the table shows once a server-side filter or sort has been applied (the URL says so, rows settle). */
export async function rowsWhen(page: Page, accept: (rows: RowInfo[]) => boolean): Promise<RowInfo[]> {
  let rows: RowInfo[] = [];
  try {
    await expect
      .poll(
        async () => {
          rows = await tableRows(page);
          return accept(rows);
        },
        { timeout: UI_TIMEOUT_MS },
      )
      .toBe(true);
  } catch (error) {
    await screenshot(page, "failed-rows");
    throw new Error(`rows never matched at ${page.url()}: ${JSON.stringify(rows.map((r) => [r.name, r.domain, r.status]))}`, { cause: error });
  }
  return rows;
}
