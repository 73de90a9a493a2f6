import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARALLEL_FROM_BYTES } from '../blackboard/audit-blackboard.js';
import { formatTable, median } from './measure.js';
import { writeReceiptChain } from './write-receipt-chain.js';

const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));

interface AuditRun {
  ms: number;
  cpuMs: number;
  rssMb: number;
  code: number;
}

/** `swarmlord audit <path>` as a child process: wall time, its own CPU time and peak RSS (a preload writes them at exit). */
async function runAudit(path: string, preload: string, dir: string): Promise<AuditRun> {
  const usageFile = join(dir, `.usage-${process.hrtime.bigint()}`);
  const started = performance.now();
  const code = await new Promise<number>((resolve) => {
    execFile(
      process.execPath,
      ['--import', preload, cli, 'audit', path],
      { env: { ...process.env, SWARMLORD_BENCH_USAGE_FILE: usageFile } },
      (error) => resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : 1),
    );
  });
  const ms = performance.now() - started;
  const [rssKb = 0, cpuUs = 0] = (await readFile(usageFile, 'utf8').catch(() => '0 0'))
    .split(' ')
    .map(Number);
  await rm(usageFile, { force: true });
  return { ms, cpuMs: cpuUs / 1000, rssMb: rssKb / 1024, code };
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');
const rate = (lines: number, ms: number) => Math.round(lines / (Math.max(ms, 1) / 1000)).toLocaleString('en');

/**
 * `swarmlord audit` (the built CLI) over boards of each size, and over a 1-line board for the CLI's
 * own start, rounds interleaved: lines per second with the start included, and of the audit
 * itself (wall and CPU above the 1-line board's, measured in the same rounds); peak RSS, which
 * must stay flat in the size (bounded memory).
 */
export async function benchAuditThroughput(sizes: readonly number[], rounds: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmlord-bench-audit-'));
  const preload = join(dir, 'usage-preload.mjs');
  await writeFile(
    preload,
    "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); if (process.env.SWARMLORD_BENCH_USAGE_FILE) writeFileSync(process.env.SWARMLORD_BENCH_USAGE_FILE, [u.maxRSS, u.userCPUTime + u.systemCPUTime].join(' ')); });\n",
  );
  try {
    const one = join(dir, 'board-1.jsonl');
    await writeReceiptChain(one, 1);
    const paths = sizes.map((size) => join(dir, `board-${size}.jsonl`));
    for (const [index, size] of sizes.entries()) await writeReceiptChain(paths[index] as string, size);
    // Wall times on a shared machine follow its load: printed beside them (1-minute average, before and after).
    const loadBefore = loadavg()[0] as number;
    const starts: AuditRun[] = [];
    const runs = sizes.map((): AuditRun[] => []);
    for (let round = 0; round < rounds; round += 1) {
      starts.push(await runAudit(one, preload, dir));
      for (const [index, path] of paths.entries()) runs[index]?.push(await runAudit(path, preload, dir));
    }
    const startMs = median(starts.map((run) => run.ms));
    const startCpu = median(starts.map((run) => run.cpuMs));
    const rows: string[][] = [
      [
        'receipts',
        'file',
        'wall (median)',
        'CPU (median)',
        'lines/s, start incl.',
        'lines/s of the audit (wall / CPU)',
        'peak RSS',
        'target',
      ],
    ];
    // Flat in the size: each board against the smallest one audited the same way (line by line, or
    // on worker threads from PARALLEL_FROM_BYTES, whose heaps add a fixed amount).
    const firstRss = new Map<boolean, number>();
    for (const [index, size] of sizes.entries()) {
      const sized = runs[index] ?? [];
      const bytes = (await stat(paths[index] as string)).size;
      const parallel = bytes >= PARALLEL_FROM_BYTES;
      const wall = median(sized.map((run) => run.ms));
      const cpu = median(sized.map((run) => run.cpuMs));
      const rss = Math.max(...sized.map((run) => run.rssMb));
      const auditRate = size / (Math.max(wall - startMs, 1) / 1000);
      const failed = sized.some((run) => run.code !== 0);
      if (!firstRss.has(parallel)) firstRss.set(parallel, rss);
      const flat = rss <= (firstRss.get(parallel) as number) * 1.2 + 10;
      rows.push([
        size.toLocaleString('en'),
        `${(bytes / 2 ** 20).toFixed(0)} MB${parallel ? ' (workers)' : ''}`,
        `${wall.toFixed(0)} ms`,
        `${cpu.toFixed(0)} ms`,
        rate(size, wall),
        `${rate(size, wall - startMs)} / ${rate(size, cpu - startCpu)}`,
        `${rss.toFixed(0)} MB`,
        `≥ 500,000 lines/s ${mark(auditRate >= 500_000 && !failed)}, RSS flat in the size ${mark(flat)}${failed ? ' (an audit failed)' : ''}`,
      ]);
    }
    const load = `load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] as number).toFixed(1)}`;
    return `${formatTable(rows)}\n(${load}; CLI start, a 1-line board in the same rounds: ${startMs.toFixed(0)} ms wall, ${startCpu.toFixed(0)} ms CPU; "of the audit" is above it. Boards from ${PARALLEL_FROM_BYTES / 2 ** 20} MB are audited on worker threads: their RSS, compared among themselves, includes the workers' heaps)`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
