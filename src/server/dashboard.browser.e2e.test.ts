import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBrowser } from '../test/browser/index.js';
import { accessibilityViolations, hasChromium, launchChromium } from '../test/browser/index.js';
import type { ProtocolServer } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';
import { FAILING_FILE_LINES, PLANTED_TOKEN, writeFailingMission } from './test-failing-mission.js';
import { scriptedMissionModel } from './test-scripted-model.js';
import type { ServeProcess } from './test-serve-process.js';
import { startServe } from './test-serve-process.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
/** Screenshots land here (CI keeps them as artifacts); `SWARMLORD_TEST_ARTIFACTS` moves them. */
const artifacts = join(
  process.env.SWARMLORD_TEST_ARTIFACTS ?? join(tmpdir(), 'swarmlord-test-artifacts'),
  'dashboard',
);
const directories: string[] = [];
const servers: ServeProcess[] = [];
const protocolServers: ProtocolServer[] = [];
let browser: TestBrowser;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers.splice(0)) await server.stop();
  for (const server of protocolServers.splice(0)) await server.close();
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

describe.runIf(hasChromium())('the dashboard in Chromium', () => {
  it('clarifies a mission in the page, then shows its lanes advancing live and the digest with its verdict', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-dashboard-e2e-'));
    directories.push(cwd);
    await cp(sample, join(cwd, 'sample-service'), { recursive: true });
    // The lanes ask a scripted model that answers 500 ms late, so the page is connected before their
    // phases are written; the Swarmlord stays offline: the fixed clarification questions.
    const model = await startOpenAiProtocolServer(scriptedMissionModel(500));
    protocolServers.push(model);
    const server = await startServe(cwd, [], {
      OPENAI_BASE_URL: `${model.url}/v1`,
      OPENAI_API_KEY: 'x',
      SWARMLORD_MODEL: 'openai-compatible:scripted-model',
      SWARMLORD_MODEL_SWARMLORD: 'offline',
    });
    servers.push(server);
    const page = await browser.context.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) outside.push(request.url());
    });
    await page.goto(`${server.url}/new`);
    await page.getByLabel('Objective').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Objective').fill('Where are webhooks verified?');
    await page.getByLabel(/Workspace/).fill('sample-service');
    await page.getByRole('button', { name: 'Clarify' }).click();
    for (const pass of [1, 2, 3]) {
      await page.locator(`form[data-pass="${pass}"]`).waitFor();
      // No model configured: the fixed questions, and the page says so.
      expect(await page.locator('#pass-source').getAttribute('data-source')).toBe('fixed');
      if (pass === 1) await page.locator('textarea[data-topic="scope"]').fill('src/**');
      await page.getByRole('button', { name: 'Answer this pass' }).click();
    }
    await page.locator('#summary').waitFor();
    expect(await page.locator('#summary').innerText()).toContain('Scope: include src/**');
    await page.getByRole('button', { name: 'Approve and run' }).click();
    await page.waitForURL(/\/missions\/mi_/);
    const yieldDone = page.locator('#grid td[data-lane="lane-1"][data-phase="yield"][data-state="done"]');
    await yieldDone.waitFor({ timeout: 60_000 });
    for (const phase of ['perceive', 'react', 'engage', 'yield']) {
      expect(
        await page.locator(`#grid td[data-lane="lane-1"][data-phase="${phase}"]`).getAttribute('data-state'),
      ).toBe('done');
    }
    const grid = page.locator('#grid');
    const replayed = Number(await grid.getAttribute('data-replayed-events'));
    const seen = Number(await grid.getAttribute('data-events'));
    // The page connected before the mission's phases were written: they arrived as live events.
    expect(seen).toBeGreaterThan(replayed);
    await page.locator('#digest .badge').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('#verdict').innerText()).toMatch(/Verdict: (PASS|CAUTION|FAIL)/);
    expect(await page.locator('#bluf li').count()).toBeGreaterThanOrEqual(3);
    await page.locator('#digest .mermaid-svg svg').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('#digest .mermaid-svg svg').count()).toBeGreaterThanOrEqual(1);
    const claim = page.locator('#report tr[data-claim]').first();
    await claim.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: join(artifacts, 'failed-report.png'), fullPage: true });
      throw error;
    });
    expect(await claim.locator('pre.evidence .cited').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'live-view.png'), fullPage: true });
    await page.screenshot({ path: join(artifacts, 'live-view-top.png') });
    await page.locator('#report').screenshot({ path: join(artifacts, 'verify-report.png') });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('a', { hasText: 'Trace waterfall' }).click();
    await page.locator('#waterfall tbody tr').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('#waterfall tr[data-critical="true"]').count()).toBeGreaterThan(1);
    await page.screenshot({ path: join(artifacts, 'trace.png'), fullPage: true });
    await page.goto(`${server.url}/`);
    await page.locator('#missions tr[data-mission]').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(artifacts, 'missions.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${server.url}/ssot`);
    await page.locator('#ssot-diagrams .mermaid-svg svg').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(artifacts, 'ssot.png'), fullPage: true });
    expect(outside).toEqual([]);
    await page.close();
  }, 180_000);

  it('shows a failing claim with why it failed and its cited lines, as text, redacted', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-dashboard-fail-'));
    directories.push(cwd);
    const missionId = await writeFailingMission(cwd);
    const server = await startServe(cwd);
    servers.push(server);
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/missions/${missionId}`);
    const row = page.locator('#report tr[data-claim="lane-1-a1-c1"]');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-status')).toBe('unsupported');
    expect(await row.locator('td.why').innerText()).toContain('not in the cited lines: 20');
    expect(await row.locator('td.why').innerText()).toContain('the number 20 does not occur');
    const cited = await row.locator('pre.evidence .cited').allInnerTexts();
    expect(cited.map((line) => line.replace(/^\s*\d+\s{2}/, '').trimEnd())).toEqual([
      FAILING_FILE_LINES[1],
      FAILING_FILE_LINES[2],
      FAILING_FILE_LINES[3]?.replace(PLANTED_TOKEN, '[REDACTED]'),
    ]);
    // The planted token is nowhere: not in the page, not in the API the page read.
    expect(await page.content()).not.toContain(PLANTED_TOKEN);
    expect(await row.locator('script').count()).toBe(0);
    const api = await (await fetch(`${server.url}/api/missions/${missionId}`)).text();
    expect(api).not.toContain(PLANTED_TOKEN);
    expect(api).not.toMatch(/<script|<img/);
    expect(api).toContain('\\u003cscript\\u003e');
    // Evidence and claim text that look like markup stay text: no element was made of them.
    expect(await row.locator('img, b').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    await row.screenshot({ path: join(artifacts, 'failing-claim.png') });
    await page.close();
  }, 60_000);

  it('needs the token off loopback; opening it once keeps it in a cookie', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'swarmlord-dashboard-token-'));
    directories.push(cwd);
    const server = await startServe(cwd, ['--host', '0.0.0.0']);
    servers.push(server);
    const token = /Token \(printed once[^)]*\): (\S+)/.exec(server.stdout())?.[1] ?? '';
    const base = server.url.replace('0.0.0.0', '127.0.0.1');
    const page = await browser.context.newPage();
    expect((await page.goto(`${base}/new`))?.status()).toBe(401);
    await page.goto(`${base}/new?token=${encodeURIComponent(token)}`);
    expect(new URL(page.url()).search).toBe('');
    await page.getByLabel('Objective').waitFor();
    expect((await page.goto(`${base}/new`))?.status()).toBe(200);
    await page.close();
  }, 60_000);
});
