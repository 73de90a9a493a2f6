import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolServer } from '../test/protocol-server/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

/** Random text of one alphabet, so that no 8-character window of it occurs anywhere by chance. */
function random(
  length: number,
  alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** One planted secret per form: `text` is how it is written, `secret` the part that must never leave. */
interface Planted {
  form: string;
  text: string;
  secret: string;
}

function plantSecrets(): Planted[] {
  const s = () => random(24);
  const planted: Planted[] = [];
  const add = (form: string, make: (secret: string) => string, secret = s()) =>
    planted.push({ form, text: make(secret), secret });
  add('YAML pair', (x) => `password: ${x}`);
  add('JSON pair', (x) => `{"db_password": "${x}"}`);
  add('INI pair', (x) => `client_secret = ${x}`);
  add('env pair', (x) => `API_TOKEN=${x}`);
  add('URL credentials', (x) => `postgres://app_user:${x}@db.internal:5432/payments`);
  add('OpenAI', (x) => `sk-${x}`);
  add('OpenAI project', (x) => `sk-proj-${x}`);
  add('Anthropic', (x) => `sk-ant-api03-${x}`);
  add('GitHub ghp_', (x) => `ghp_${x}`);
  add('GitHub gho_', (x) => `gho_${x}`);
  add('GitHub ghs_', (x) => `ghs_${x}`);
  add('GitHub fine-grained', (x) => `github_pat_11${x}`);
  add('AWS access key id', (x) => `AKIA${x}`, random(16, UPPER));
  add('AWS secret access key', (x) => `aws_secret_access_key = ${x}`, random(40));
  add('Slack', (x) => `xoxb-1234567890-${x}`);
  add('Stripe secret', (x) => `sk_live_${x}`);
  add('Stripe restricted', (x) => `rk_live_${x}`);
  add('JWT', (x) => `eyJhbGciOiJIUzI1NiJ9.eyJ${x}.${random(20)}`);
  const pem = [random(64), random(64), random(40)];
  planted.push({
    form: 'PEM block',
    text: `-----BEGIN RSA PRIVATE KEY-----\n${pem.join('\n')}\n-----END RSA PRIVATE KEY-----`,
    secret: pem.join(''),
  });
  for (const [index, line] of pem.entries())
    planted.push({ form: `PEM line ${index}`, text: '', secret: line });
  return planted;
}

const planted = plantSecrets();
/** A secret-named environment variable whose value has no recognisable shape at all. */
const envSecret = random(24);
/** What each command printed, by the command's name (its arguments hold the secrets going in). */
const outputs: Array<{ command: string; text: string }> = [];
let cwd: string;
let server: ProtocolServer | undefined;

async function swarmlord(args: string[], env: Record<string, string> = {}) {
  const options = {
    cwd,
    env: {
      ...process.env,
      NO_COLOR: '1',
      SWARMLORD_DEBUG: '',
      SWARMLORD_MODEL: '',
      PAYMENTS_SIGNING_SECRET: envSecret,
      ...env,
    },
    timeout: 120_000,
  };
  const result = await run(process.execPath, [cli, ...args], options).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
  outputs.push({
    command: `swarmlord ${args.slice(0, 1).join(' ')}`,
    text: `${result.stdout}\n${result.stderr}`,
  });
  return result;
}

async function filesUnder(root: string, skip: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (skip.has(path)) continue;
    if (entry.isDirectory()) found.push(...(await filesUnder(path, skip)));
    else found.push(path);
  }
  return found;
}

/** Every 8-character window of a secret (the fragments a shortened quote could leave). */
function fragments(secret: string): string[] {
  const windows = new Set<string>();
  for (let start = 0; start + 8 <= secret.length; start += 1) windows.add(secret.slice(start, start + 8));
  return [...windows];
}

function leaksIn(text: string): string[] {
  const leaks: string[] = [];
  for (const { form, secret } of [...planted, { form: 'secret-named env variable', secret: envSecret }]) {
    const fragment = fragments(secret).find((window) => text.includes(window));
    if (fragment !== undefined) leaks.push(`${form}: ${fragment}`);
  }
  return leaks;
}

const secretLines = planted.filter((entry) => entry.text !== '').map((entry) => entry.text);
const workspaceFiles: Record<string, string> = {
  'config/payments.yml': `# payments gateway settings\ngateway:\n  ${secretLines.slice(0, 5).join('\n  ')}\n`,
  'config/payments.env': `${secretLines
    .slice(5, 12)
    .map((line, index) => `PAYMENTS_KEY_${index}=${line}`)
    .join('\n')}\n`,
  'src/payments/credentials.ts': [
    '// payments credentials used by the gateway client',
    ...secretLines
      .slice(12, 18)
      .map((line, index) => `export const paymentsCredential${index} = ${JSON.stringify(line)};`),
    `export const signingSecret = '${envSecret}';`,
    '',
  ].join('\n'),
  'keys/payments.pem': `${planted.find((entry) => entry.form === 'PEM block')?.text}\n`,
  'docs/payments.md': `# Payments\n\n<script>alert('payments')</script>\n\nThe payments gateway reads its credentials from config/payments.yml.\n`,
};
const objective = `Where are the payments credentials configured? ${secretLines.slice(0, 18).join(' ')} ${envSecret}`;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-secrets-'));
  await cp(sample, join(cwd, 'ws'), { recursive: true });
  for (const [path, text] of Object.entries(workspaceFiles)) {
    await mkdir(join(cwd, 'ws', path, '..'), { recursive: true });
    await writeFile(join(cwd, 'ws', path), text);
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (process.env.KEEP_SECRETS_DIR === undefined) await rm(cwd, { recursive: true, force: true });
  else console.log(cwd);
});

describe('planted secrets never leave the process (built CLI)', () => {
  it('runs offline missions (human and --json), a failing intent and a recorded real-protocol mission', async () => {
    const human = await swarmlord(['run', objective, '--workspace', 'ws', '--lanes', '2', '--yes']);
    expect(human.code, human.stderr).toBeLessThan(2);
    expect(human.stdout).toContain('BLUF');
    const json = await swarmlord(['run', objective, '--workspace', 'ws', '--yes', '--json']);
    expect(json.code, json.stderr).toBeLessThan(2);
    const digest = JSON.parse(json.stdout) as { objective: string };
    expect(digest.objective).toContain('[REDACTED]');

    // The error path: an intent whose workspace is a URL with a password, and a model spec with a key in it.
    const bad = planted.find((entry) => entry.form === 'URL credentials') as Planted;
    await writeFile(
      join(cwd, 'bad-intent.yml'),
      `mission_id: mi_2026-11-22_0000aa\ncreated_at: 2026-11-22T10:00:00Z\nobjective: ${JSON.stringify(objective)}\nworkspace: ${JSON.stringify(bad.text)}\n`,
    );
    const failing = await swarmlord(['mission', 'run', 'bad-intent.yml']);
    expect(failing.code).toBe(2);
    expect(failing.stderr).toContain('[REDACTED]');

    // A model that echoes every secret back, through the OpenAI protocol: the call cache records it.
    const echo = {
      summary: `Found ${secretLines.join(' ')} ${envSecret}`,
      observations: [
        {
          text: `credentials: ${secretLines.join(' ')}`,
          evidence: [{ path: 'config/payments.yml', start_line: 1, end_line: 3 }],
        },
      ],
      claims: [
        {
          text: `The gateway uses ${secretLines.slice(5, 12).join(' ')}`,
          evidence: [{ path: 'config/payments.yml', start_line: 1, end_line: 3, quote: secretLines[0] }],
          claim_id: 'c1',
          support: 'supported',
          reason: `quoted ${envSecret}`,
        },
      ],
      cynefin_domain: 'complicated',
      rationale: secretLines.join(' '),
      plan: ['report'],
      tool_selections: [],
      artifacts: [],
      metrics: [],
      verdict: 'pass',
      reasons: [secretLines.join(' ')],
      questions: ['What is in scope?'],
    };
    server = await startOpenAiProtocolServer([
      { kind: 'json', value: echo, usage: { input: 300, output: 90 } },
    ]);
    const recorded = await swarmlord(
      ['run', objective, '--workspace', 'ws', '--lanes', '1', '--yes', '--json'],
      {
        SWARMLORD_MODEL: 'openai-compatible:echo-1',
        OPENAI_BASE_URL: `${server.url}/v1`,
        OPENAI_API_KEY: `sk-proj-${envSecret}`,
      },
    );
    expect(recorded.code, recorded.stderr).toBeLessThan(2);
    const cached = await filesUnder(join(cwd, 'hfo_cache', 'model_calls'), new Set());
    expect(cached.length).toBeGreaterThan(0);
  }, 300_000);

  it('leaves no planted secret, nor any 8-character fragment of one, in any file or output', async () => {
    const skip = new Set([join(cwd, 'ws'), join(cwd, 'bad-intent.yml')]);
    const files = await filesUnder(cwd, skip);
    // Every kind of output was written: receipts, digests, bundle, intents, trace, call cache.
    const names = files.map((path) => relative(cwd, path));
    for (const expected of [
      /^hfo_blackboard\/obsidian_synapse_blackboard\.jsonl$/,
      /^hfo_digests\/[^/]+\/run-001\/digest\.md$/,
      /^hfo_digests\/[^/]+\/run-001\/digest\.json$/,
      /^hfo_digests\/[^/]+\/run-001\/bundle\.json$/,
      /^hfo_digests\/[^/]+\/run-001\/trace\.json$/,
      /^hfo_mission_intent\/[^/]+\/mission_intent_[^/]+\.yml$/,
      /^hfo_cache\/model_calls\/.+\.json$/,
    ]) {
      expect(
        names.some((name) => expected.test(name)),
        String(expected),
      ).toBe(true);
    }
    const leaks: string[] = [];
    for (const path of files) {
      for (const leak of leaksIn(await readFile(path, 'latin1')))
        leaks.push(`${relative(cwd, path)}: ${leak}`);
    }
    for (const output of outputs)
      for (const leak of leaksIn(output.text)) leaks.push(`${output.command}: ${leak}`);
    expect(leaks).toEqual([]);
    // Workspace markup is text in digest.md.
    for (const path of files.filter((file) => file.endsWith('digest.md'))) {
      expect(await readFile(path, 'utf8')).not.toContain('<script>');
    }
  });
});
