import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileEvidenceRef } from '../contracts/index.js';
import { hashLineRange, splitLines } from '../contracts/index.js';
import { scanWorkspace } from '../tools/index.js';
import { createGroundingResolver, isNearEmptyEvidence } from '../verify/index.js';
import { benchAuditThroughput } from './audit-bench.js';
import { formatTable, median } from './measure.js';
import { writeReceiptChain } from './write-receipt-chain.js';

const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = /\.(m?[jt]sx?|cjs|json|md)$/;
const SKIPPED = new Set(['node_modules', 'dist', 'build', 'coverage', 'target', 'vendor', '__pycache__']);

/** One run of the built CLI: wall time, the child's own CPU time and peak RSS (read by a preload at exit). */
interface ProcessRun {
  ms: number;
  /** User + system CPU of the child: steadier than wall time on a loaded machine. */
  cpuMs: number;
  rssMb: number;
  code: number;
}

async function runCli(
  args: readonly string[],
  cwd: string,
  preload: string,
  env: Record<string, string> = {},
): Promise<ProcessRun> {
  const rssFile = join(cwd, `.rss-${process.hrtime.bigint()}`);
  const started = performance.now();
  const code = await new Promise<number>((resolve) => {
    execFile(
      process.execPath,
      ['--import', preload, cli, ...args],
      { cwd, env: { ...process.env, ...env, SWARMLORD_BENCH_RSS_FILE: rssFile }, maxBuffer: 64 * 2 ** 20 },
      (error) => resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : 1),
    );
  });
  const ms = performance.now() - started;
  const [rssKb = 0, cpuUs = 0] = (await readFile(rssFile, 'utf8').catch(() => '0 0')).split(' ').map(Number);
  await rm(rssFile, { force: true });
  return { ms, cpuMs: cpuUs / 1000, rssMb: rssKb / 1024, code };
}

async function writePreload(dir: string): Promise<string> {
  const path = join(dir, 'rss-preload.mjs');
  await writeFile(
    path,
    "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); if (process.env.SWARMLORD_BENCH_RSS_FILE) writeFileSync(process.env.SWARMLORD_BENCH_RSS_FILE, [u.maxRSS, u.userCPUTime + u.systemCPUTime].join(' ')); });\n",
  );
  return path;
}

/** Text files of a real code base, in name order: `SWARMLORD_BENCH_CORPUS`, else this package's node_modules. */
async function corpusFiles(root: string, most: number): Promise<string[]> {
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0 && found.length < most) {
    const dir = pending.shift() as string;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((left, right) => left.name.localeCompare(right.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.includes('.min.')) {
        const size = (await stat(path)).size;
        if (size > 0 && size <= 256 * 1024) found.push(path);
      }
      if (found.length >= most) break;
    }
  }
  return found;
}

/** Where `file` of `root` lands in the copy: folders the scan skips by name (node_modules, dist, …) are renamed. */
function copiedPath(root: string, file: string, target: string): string {
  const parts = relative(root, file).split('/');
  return join(
    target,
    ...parts.map((part, at) => (at < parts.length - 1 && SKIPPED.has(part) ? `${part}_` : part)),
  );
}

async function copyWorkspace(root: string, files: readonly string[], target: string): Promise<void> {
  for (const file of files) {
    const path = copiedPath(root, file, target);
    await mkdir(dirname(path), { recursive: true });
    await copyFile(file, path);
  }
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');
const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (value: number) => `${value.toFixed(0)} MB`;

/**
 * Mission time and peak RSS with 0 … 200k earlier receipts on the blackboard (a one-file workspace).
 * Each size's first mission runs first (it indexes the history), then the rounds are interleaved
 * (round 1 of every size, round 2 of every size, …) so a change of the machine's load falls on all
 * sizes alike rather than on the later ones; the children share a code cache of their own (under
 * the bench's folder, unless `SWARMLORD_CODE_CACHE` is set), which other processes on the machine
 * do not rewrite between two rounds.
 */
export async function benchHistory(sizes: readonly number[], rounds: number): Promise<string> {
  const base = await mkdtemp(join(tmpdir(), 'swarmlord-bench-history-'));
  const preload = await writePreload(base);
  const env: Record<string, string> = process.env.SWARMLORD_CODE_CACHE
    ? {}
    : { SWARMLORD_CODE_CACHE: join(base, 'code-cache') };
  const rows: string[][] = [
    [
      'earlier receipts',
      'first mission',
      'next missions (median)',
      'CPU (median)',
      'peak RSS',
      'vs none',
      'CPU vs none',
      'target',
    ],
  ];
  const mission = ['run', 'Map the retry logic', '--workspace', 'ws', '--yes', '--json'];
  try {
    const cwds = sizes.map((size) => join(base, `h${size}`));
    for (const [index, size] of sizes.entries()) {
      const cwd = cwds[index] as string;
      await mkdir(join(cwd, 'ws'), { recursive: true });
      await writeFile(
        join(cwd, 'ws', 'retry.ts'),
        'export function retry(limit: number) {\n  return limit;\n}\n',
      );
      if (size > 0)
        await writeReceiptChain(join(cwd, 'hfo_blackboard', 'obsidian_synapse_blackboard.jsonl'), size);
    }
    const first: ProcessRun[] = [];
    for (const cwd of cwds) first.push(await runCli(mission, cwd, preload, env));
    const next: ProcessRun[][] = sizes.map(() => []);
    for (let round = 0; round < rounds; round += 1)
      for (const [index, cwd] of cwds.entries()) next[index]?.push(await runCli(mission, cwd, preload, env));
    let baseline: number | undefined;
    let baselineCpu: number | undefined;
    for (const [index, size] of sizes.entries()) {
      const runs = next[index] as ProcessRun[];
      const once = first[index] as ProcessRun;
      const time = median(runs.map((run) => run.ms));
      const rss = Math.max(once.rssMb, ...runs.map((run) => run.rssMb));
      const cpu = median(runs.map((run) => run.cpuMs));
      baseline ??= time;
      baselineCpu ??= cpu;
      const ratio = time / baseline;
      const failed = [once, ...runs].some((run) => run.code !== 0 && run.code !== 1 && run.code !== 3);
      rows.push([
        size.toLocaleString('en'),
        ms(once.ms),
        ms(time),
        ms(cpu),
        mb(rss),
        `${ratio.toFixed(2)}×`,
        `${(cpu / baselineCpu).toFixed(2)}×`,
        `≤ 1.25× the mission with none ${mark(ratio <= 1.25 && !failed)}${failed ? ' (a run failed)' : ''}`,
      ]);
    }
  } finally {
    await rm(base, { recursive: true, force: true });
  }
  return formatTable(rows);
}

/** An offline mission over 100, 1k and 5k files of a real code base: cold (no index cache) and warm. */
export async function benchWorkspaceScale(counts: readonly number[], rounds: number): Promise<string> {
  const corpus = process.env.SWARMLORD_BENCH_CORPUS ?? join(packageRoot, 'node_modules');
  const files = await corpusFiles(corpus, Math.max(...counts));
  const base = await mkdtemp(join(tmpdir(), 'swarmlord-bench-scale-'));
  const preload = await writePreload(base);
  const targets: Record<number, number> = { 1000: 1_500, 5000: 4_000 };
  const rows: string[][] = [
    [
      'files',
      'cold (builds the index)',
      'warm (index cache hit)',
      'one file edited',
      'CPU cold / warm / edited',
      'peak RSS cold / warm / edited',
      'target',
    ],
  ];
  try {
    for (const count of counts) {
      const workspace = join(base, `ws${count}`);
      await copyWorkspace(corpus, files.slice(0, count), workspace);
      const cold: ProcessRun[] = [];
      const warm: ProcessRun[] = [];
      const edited: ProcessRun[] = [];
      const chosen = files.slice(0, count);
      const first = copiedPath(
        corpus,
        chosen.find((file) => /\.[cm]?[jt]sx?$/.test(file)) ?? (chosen[0] as string),
        workspace,
      );
      const original = await readFile(first, 'utf8');
      for (let round = 0; round < rounds; round += 1) {
        const cwd = join(base, `cwd${count}-${round}`);
        await mkdir(cwd, { recursive: true });
        const mission = [
          'run',
          'Map the architecture and risks',
          '--workspace',
          workspace,
          '--yes',
          '--json',
        ];
        cold.push(await runCli(mission, cwd, preload));
        warm.push(await runCli(mission, cwd, preload));
        // A developer's next run: one file changed (the index misses, only that file is parsed again).
        await writeFile(first, `${original}\n// edited ${round}\n`);
        edited.push(await runCli(mission, cwd, preload));
        await writeFile(first, original);
        await rm(cwd, { recursive: true, force: true });
      }
      // The target holds for every mission (the highest peak); each kind's own peak is shown too.
      const peaks = [cold, warm, edited].map((runs) => Math.max(...runs.map((run) => run.rssMb)));
      const rss = Math.max(...peaks);
      const [coldMs, warmMs, editedMs] = [cold, warm, edited].map((runs) =>
        median(runs.map((run) => run.ms)),
      ) as [number, number, number];
      const target = targets[count];
      // The time target holds for each kind of mission: cold (no cache), warm and one file edited.
      rows.push([
        `${Math.min(count, files.length)}`,
        ms(coldMs),
        ms(warmMs),
        ms(editedMs),
        [cold, warm, edited].map((runs) => median(runs.map((run) => run.cpuMs)).toFixed(0)).join(' / ') +
          ' ms',
        `${peaks.map((peak) => peak.toFixed(0)).join(' / ')} MB`,
        target === undefined
          ? `< 250 MB ${mark(rss < 250)}`
          : `≤ ${ms(target)} cold ${mark(coldMs <= target)} warm ${mark(warmMs <= target)} edited ${mark(editedMs <= target)}, < 250 MB ${mark(rss < 250)}`,
      ]);
    }
  } finally {
    await rm(base, { recursive: true, force: true });
  }
  const source = process.env.SWARMLORD_BENCH_CORPUS === undefined ? "this package's node_modules" : corpus;
  return `${formatTable(rows)}\n(files from ${source}, in name order; set SWARMLORD_BENCH_CORPUS to a checkout of another repository; wall times include the CLI's fixed start, CPU is the child's user + system time)`;
}

/** `swarmlord audit` over 10k to 1M receipts: lines per second and peak RSS (`audit-bench.ts`). */
export async function benchAudit(sizes: readonly number[], rounds: number): Promise<string> {
  return benchAuditThroughput(sizes, rounds);
}

/**
 * The grounding resolver over real, distinct refs (line windows of 1–12 lines of this repository's
 * src/, hashed as the provenance ledger pins them; no ref repeats, so nothing is answered from a
 * memo): refs per second in one Verify round.
 */
export async function benchResolver(refCount: number, rounds: number): Promise<string> {
  const workspace = join(packageRoot, 'src');
  const files = await scanWorkspace(workspace);
  const refs: FileEvidenceRef[] = [];
  for (let width = 1; refs.length < refCount && width <= 12; width += 1) {
    for (const file of files) {
      const lines = splitLines(file.text);
      for (let start = 1; start + width - 1 <= lines.length && refs.length < refCount; start += width) {
        const range: [number, number] = [start, start + width - 1];
        const sha256 = hashLineRange(file.text, range);
        const text = lines.slice(start - 1, start + width - 1).join('\n');
        // Blank windows are never pinned as evidence; every other window is.
        if (sha256 !== undefined && !isNearEmptyEvidence(text)) {
          refs.push({ kind: 'file', path: file.path, lines: range, sha256 });
        }
      }
      if (refs.length >= refCount) break;
    }
  }
  const rates: number[] = [];
  let verified = 0;
  for (let round = 0; round < rounds; round += 1) {
    // A new resolver per round: one Verify round, each file read once and split once within it.
    const resolver = createGroundingResolver({ workspace, useGit: false });
    const started = performance.now();
    const resolutions = await Promise.all(refs.map((ref) => resolver.resolveRef(ref)));
    rates.push(refs.length / ((performance.now() - started) / 1000));
    verified = resolutions.filter((resolution) => resolution.outcome === 'VERIFIED').length;
  }
  const rate = median(rates);
  return formatTable([
    ['distinct refs', 'files', 'VERIFIED', 'refs/s (median)', 'target'],
    [
      refs.length.toLocaleString('en'),
      `${new Set(refs.map((ref) => ref.path)).size}`,
      verified.toLocaleString('en'),
      Math.round(rate).toLocaleString('en'),
      `≥ 50,000 refs/s ${mark(rate >= 50_000)}`,
    ],
  ]);
}

/** The scale section of `npm run bench`: every figure beside its target. */
export async function runScaleSection(rounds: number, write: (text: string) => void): Promise<void> {
  write(
    `\nA one-file offline mission with earlier receipts on the blackboard (built CLI; medians of ${rounds})\n`,
  );
  write(`${await benchHistory([0, 1_000, 100_000, 200_000], rounds)}\n`);
  write(
    `\nAn offline mission over a real code base, 100 → 1k → 5k files (built CLI; medians of ${rounds})\n`,
  );
  write(`${await benchWorkspaceScale([100, 1_000, 5_000], rounds)}\n`);
  write(`\nswarmlord audit (built CLI; medians of ${rounds})\n`);
  write(`${await benchAudit([10_000, 100_000, 300_000, 1_000_000], rounds)}\n`);
  write('\nGrounding resolver, one Verify round (in process; medians of 5)\n');
  write(`${await benchResolver(100_000, 5)}\n`);
}
