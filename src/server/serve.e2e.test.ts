import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionView } from './build-mission-view.js';
import type { ServeProcess } from './test-serve-process.js';
import { runCli, startServe } from './test-serve-process.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
const directories: string[] = [];
const servers: ServeProcess[] = [];
let cwd = '';
let missionId = '';
let server: ServeProcess;

async function temporary(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'swarmlord-serve-e2e-'));
  directories.push(directory);
  return directory;
}

beforeAll(async () => {
  cwd = await temporary();
  await cp(sample, join(cwd, 'sample-service'), { recursive: true });
  const { stdout } = await runCli(cwd, [
    'run',
    'Where are webhooks verified?',
    '--workspace',
    'sample-service',
    '--yes',
    '--json',
  ]);
  missionId = (JSON.parse(stdout) as { mission_id: string }).mission_id;
  server = await startServe(cwd);
  servers.push(server);
}, 90_000);

afterAll(async () => {
  for (const running of servers.splice(0)) await running.stop();
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

describe('swarmlord serve (real HTTP on 127.0.0.1)', () => {
  it('binds to loopback by default and lists missions from the store, caught up from the blackboard', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/api/missions`);
    expect(response.status).toBe(200);
    const { missions } = (await response.json()) as {
      missions: { id: string; status: string; verdict: string }[];
    };
    expect(missions.map((mission) => mission.id)).toEqual([missionId]);
    expect(missions[0]).toMatchObject({ status: 'passed', verdict: 'PASS' });
    const filtered = (await (await fetch(`${server.url}/api/missions?status=failed`)).json()) as {
      missions: unknown[];
    };
    expect(filtered.missions).toEqual([]);
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/assets/missions-page.js');
  }, 60_000);

  it('gives one mission: its digest, and every claim of every Verify round with its outcome and evidence text', async () => {
    const response = await fetch(`${server.url}/api/missions/${missionId}`);
    expect(response.status).toBe(200);
    const view = (await response.json()) as MissionView;
    expect(view.digest?.verdict).toBe('PASS');
    expect(view.lane_ids).toEqual(['lane-1', 'lane-2']);
    expect(view.verify_rounds.length).toBeGreaterThanOrEqual(1);
    const round = view.verify_rounds[0];
    expect(round?.claims.length).toBe(round?.report.grounding.length);
    const claim = round?.claims.find((entry) =>
      entry.refs.some((ref) => ref.evidence?.excerpt !== undefined),
    );
    expect(claim?.text).toBeTruthy();
    const ref = claim?.refs.find((entry) => entry.evidence?.excerpt !== undefined);
    expect(ref?.outcome).toBe('VERIFIED');
    const cited = ref?.evidence?.excerpt?.filter((line) => line.cited) ?? [];
    expect(cited.length).toBe((ref?.evidence?.lines[1] ?? 0) - (ref?.evidence?.lines[0] ?? 0) + 1);
    expect(cited.map((line) => line.text).join('\n').length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/api/missions/mi_nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/missions/${missionId}`)).status).toBe(200);
  });

  it('streams the mission’s receipts as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/missions/${missionId}/events`, {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('event: replayed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const phases = [...text.matchAll(/^data: (\{.*\})$/gm)].map(
      (match) => (JSON.parse(match[1] ?? '{}') as { phase?: string }).phase,
    );
    expect(phases[0]).toBe('mission_start');
    expect(phases).toEqual(
      expect.arrayContaining(['perceive', 'react', 'engage', 'yield', 'verify', 'mission_end']),
    );
  });

  it('audits the blackboard: intact, then the first bad line once a line is edited', async () => {
    const intact = (await (await fetch(`${server.url}/api/blackboard/audit`)).json()) as {
      ok: boolean;
      receipts: number;
    };
    expect(intact.ok).toBe(true);
    expect(intact.receipts).toBeGreaterThan(10);
    const file = join(cwd, 'hfo_blackboard', 'obsidian_synapse_blackboard.jsonl');
    const original = await readFile(file, 'utf8');
    const lines = original.split('\n');
    lines[2] = (lines[2] ?? '').replace('"summary":"', '"summary":"edited ');
    await writeFile(file, lines.join('\n'));
    try {
      const broken = (await (await fetch(`${server.url}/api/blackboard/audit`)).json()) as {
        ok: boolean;
        firstBad?: { line: number };
      };
      expect(broken.ok).toBe(false);
      expect(broken.firstBad?.line).toBe(3);
    } finally {
      await writeFile(file, original);
    }
  });

  it('serves the trace waterfall from the trace file beside the digest', async () => {
    const trace = (await (await fetch(`${server.url}/api/missions/${missionId}/trace`)).json()) as {
      rows: { name: string; depth: number; critical: boolean }[];
    };
    expect(trace.rows[0]).toMatchObject({ name: 'invoke_workflow mission', depth: 0, critical: true });
    expect(trace.rows.some((row) => row.name.startsWith('invoke_agent'))).toBe(true);
  });

  it('serves the SSOT model’s diagrams', async () => {
    const result = (await (await fetch(`${server.url}/api/ssot/diagrams`)).json()) as {
      diagrams: { title: string; mermaid: string }[];
    };
    expect(result.diagrams.map((diagram) => diagram.title)).toEqual(['class diagram', 'requirement diagram']);
    expect(result.diagrams[0]?.mermaid).toMatch(/^classDiagram/m);
  });

  it('says a finished mission is finished: not resumable (409), not cancellable here (409), status as mission ls gives it', async () => {
    const post = (action: string) =>
      fetch(`${server.url}/api/missions/${missionId}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    const resume = await post('resume');
    expect(resume.status).toBe(409);
    expect(await resume.json()).toMatchObject({ error: 'NOT_RESUMABLE' });
    const cancel = await post('cancel');
    expect(cancel.status).toBe(409);
    expect(await cancel.json()).toMatchObject({ error: 'NOT_RUNNING_HERE' });
    const view = (await (await fetch(`${server.url}/api/missions/${missionId}`)).json()) as {
      run_state: { state: string; resumable: boolean; cancellable: boolean };
      missing: unknown[];
    };
    expect(view.run_state).toMatchObject({ state: 'finished', resumable: false, cancellable: false });
    expect(view.missing).toEqual([]);
    const interrupted = (await (await fetch(`${server.url}/api/missions?status=interrupted`)).json()) as {
      missions: unknown[];
    };
    expect(interrupted.missions).toEqual([]);
  }, 30_000);

  it('refuses a Host that is not loopback, and state changes that are not JSON', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolveStatus, reject) => {
      const url = new URL(server.url);
      const outgoing = request(
        { host: url.hostname, port: url.port, path: '/', headers: { host: 'rebound.example' } },
        (incoming) => {
          incoming.resume();
          resolveStatus(incoming.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(status).toBe(403);
    const form = await fetch(`${server.url}/api/missions/${missionId}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x=1',
    });
    expect(form.status).toBe(415);
  });
});

describe('swarmlord serve off loopback', () => {
  it('requires the token on every request; a generated one is printed once', async () => {
    const directory = await temporary();
    const exposed = await startServe(directory, ['--host', '0.0.0.0']);
    servers.push(exposed);
    const token = /Token \(printed once[^)]*\): (\S+)/.exec(exposed.stdout())?.[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(exposed.stdout().split(token).length - 1).toBe(2); // the token line and the URL to open, once each
    const base = exposed.url.replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect(
      (await fetch(`${base}/api/missions/x`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    expect((await fetch(`${base}/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const opened = await fetch(`${base}/?token=${token}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/');
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toContain('swarmlord_token=');
    expect((await fetch(`${base}/`, { headers: { cookie } })).status).toBe(200);
  }, 60_000);

  it('takes the token from SWARMLORD_DASHBOARD_TOKEN and does not print it', async () => {
    const directory = await temporary();
    const token = 'a-chosen-token-of-enough-length-0123456789';
    const exposed = await startServe(directory, ['--host', '0.0.0.0'], { SWARMLORD_DASHBOARD_TOKEN: token });
    servers.push(exposed);
    expect(exposed.stdout()).not.toContain(token);
    const base = exposed.url.replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  }, 60_000);
});
