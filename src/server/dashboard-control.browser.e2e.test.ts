import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBrowser } from '../test/browser/index.js';
import { accessibilityViolations, hasChromium, launchChromium } from '../test/browser/index.js';
import type { ProtocolServer } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';
import { isClarifyRequest, scriptedMissionModel } from './test-scripted-model.js';
import type { ServeProcess } from './test-serve-process.js';
import { CLI_PATH, runCli, startServe, testEnv } from './test-serve-process.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
const BLACKBOARD = 'hfo_blackboard/obsidian_synapse_blackboard.jsonl';
const artifacts = join(
  process.env.SWARMLORD_TEST_ARTIFACTS ?? join(tmpdir(), 'swarmlord-test-artifacts'),
  'dashboard',
);
const directories: string[] = [];
const servers: ServeProcess[] = [];
const protocolServers: ProtocolServer[] = [];
let browser: TestBrowser;

/** A model-backed environment: every role and the Swarmlord use the scripted server. */
function modelEnv(server: ProtocolServer): NodeJS.ProcessEnv {
  return {
    OPENAI_BASE_URL: `${server.url}/v1`,
    OPENAI_API_KEY: 'x',
    SWARMLORD_MODEL: 'openai-compatible:scripted-model',
  };
}

async function workingDirectory(prefix: string): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), prefix));
  directories.push(cwd);
  await cp(sample, join(cwd, 'sample-service'), { recursive: true });
  return cwd;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function digestOf(cwd: string, missionId: string) {
  return JSON.parse(await readFile(join(cwd, 'hfo_digests', missionId, 'digest.json'), 'utf8')) as {
    verdict: string;
    partial: boolean;
    partial_reason?: string;
  };
}

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

describe.runIf(hasChromium())('the dashboard in Chromium, with a model', () => {
  it('asks the model-written questions of each pass, writes nothing before approval, and cancels the mission to a PARTIAL digest', async () => {
    // Both lanes perceive quickly; every later call takes 20 s: the mission is mid-run when cancelled.
    const model = await startOpenAiProtocolServer(
      scriptedMissionModel(300, { fastCalls: 2, slowDelayMs: 20_000 }),
    );
    protocolServers.push(model);
    const cwd = await workingDirectory('swarmlord-dashboard-cancel-');
    const server = await startServe(cwd, [], modelEnv(model));
    servers.push(server);
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/new`);
    await page.getByLabel('Objective').fill('Where are webhooks verified?');
    await page.getByLabel(/Workspace/).fill('sample-service');
    await page.getByRole('button', { name: 'Clarify' }).click();
    for (const pass of [1, 2, 3]) {
      await page.locator(`form[data-pass="${pass}"]`).waitFor({ timeout: 30_000 });
      expect(await page.locator('#pass-source').getAttribute('data-source')).toBe('model');
      expect(await page.locator('#pass-form label').first().innerText()).toContain(`Pass ${pass} (model)`);
      await page.getByRole('button', { name: 'Answer this pass' }).click();
    }
    await page.locator('#summary').waitFor();
    expect(await page.locator('#summary').innerText()).toContain('Scope: include src/**');
    expect(model.requests.filter(isClarifyRequest).length).toBeGreaterThanOrEqual(3);
    // Nothing written before approval: no intent file, no receipt.
    expect(await exists(join(cwd, 'hfo_mission_intent'))).toBe(false);
    expect(await exists(join(cwd, BLACKBOARD))).toBe(false);
    await page.getByRole('button', { name: 'Approve and run' }).click();
    await page.waitForURL(/\/missions\/mi_/);
    const missionId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    await page
      .locator('#grid td[data-lane="lane-1"][data-phase="perceive"][data-state="done"]')
      .waitFor({ timeout: 60_000 });
    // The page asks the server for the run state after it connects; the answer may follow the first phase.
    await page.locator('#run-state[data-state="running"]').waitFor({ timeout: 30_000 });
    await page.locator('#cancel:enabled').click();
    await page
      .locator('#partial-badge')
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(artifacts, 'failed-cancel.png'), fullPage: true });
        throw error;
      });
    expect(await page.locator('#verdict').innerText()).toContain('PARTIAL');
    expect(await page.locator('#partial-reason').innerText()).toMatch(/Why: .*interrupt/i);
    // What is missing: at least one lane that never reached its yield.
    expect(await page.locator('#missing li').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#missing').innerText()).toContain('yield');
    // Ctrl-C semantics: the process wrote the partial digest and exited 130.
    await page.locator('#run-state[data-exit-code="130"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#run-state').getAttribute('data-state')).toBe('stopped');
    expect(await page.locator('#resume').isEnabled()).toBe(true);
    const digest = await digestOf(cwd, missionId);
    expect(digest.partial).toBe(true);
    await page.screenshot({ path: join(artifacts, 'cancelled.png'), fullPage: true });
    await page.screenshot({ path: join(artifacts, 'cancelled-top.png') });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  }, 240_000);

  it('shows a SIGKILLed mission as interrupted and resumes it from the page to its final verdict; the audit stays intact', async () => {
    const model = await startOpenAiProtocolServer(scriptedMissionModel(300));
    protocolServers.push(model);
    const cwd = await workingDirectory('swarmlord-dashboard-resume-');
    const { stdout } = await runCli(cwd, [
      'mission',
      'new',
      'Where are webhooks verified?',
      '--workspace',
      'sample-service',
      '--yes',
      '--json',
    ]);
    const created = JSON.parse(stdout) as { mission_id: string; path: string };
    const missionId = created.mission_id;
    // Run it and kill -9 it once a lane has perceived: the journal says running, nothing ended it.
    const child: ChildProcess = spawn(
      process.execPath,
      [CLI_PATH, 'mission', 'run', created.path, '--json'],
      {
        cwd,
        env: testEnv(modelEnv(model)),
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
      child.once('exit', (_code, signal) => resolveExit(signal)),
    );
    for (;;) {
      const text = await readFile(join(cwd, BLACKBOARD), 'utf8').catch(() => '');
      if (text.includes('"phase":"perceive"')) break;
      if (child.exitCode !== null) throw new Error('the mission ended before it could be killed');
      await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await exists(join(cwd, 'hfo_digests', missionId, 'digest.json'))).toBe(false);

    const server = await startServe(cwd, [], modelEnv(model));
    servers.push(server);
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator(`#missions tr[data-mission="${missionId}"] [data-status="interrupted"]`).waitFor({
      timeout: 60_000,
    });
    await page.goto(`${server.url}/missions/${missionId}`);
    await page.locator('#run-state[data-state="interrupted"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#cancel').isEnabled()).toBe(false);
    // A phase that was running when the process died is not shown running.
    await page.locator('#grid td[data-state="stalled"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('#grid td[data-state="running"]').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'interrupted.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('#resume:enabled').click();
    await page.locator('#digest .badge').first().waitFor({ timeout: 120_000 });
    await page.locator('#run-state[data-state="finished"]').waitFor({ timeout: 60_000 });
    const digest = await digestOf(cwd, missionId);
    expect(digest.partial).toBe(false);
    expect(await page.locator('#verdict').innerText()).toContain(`Verdict: ${digest.verdict}`);
    expect(await page.locator('#partial-badge').count()).toBe(0);
    await page.locator('#grid td[data-lane="lane-1"][data-phase="yield"][data-state="done"]').waitFor();
    await page.screenshot({ path: join(artifacts, 'resumed.png'), fullPage: true });
    // The hash chain across the killed run and its resume is intact, as `swarmlord audit` sees it.
    await page.goto(`${server.url}/`);
    await page.locator('#audit[data-ok="true"]').waitFor({ timeout: 30_000 });
    const audit = await runCli(cwd, ['audit']);
    expect(audit.stdout).toContain('hash chain intact');
    await page.close();
  }, 240_000);
});
