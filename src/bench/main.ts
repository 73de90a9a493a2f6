import { cpus, totalmem } from 'node:os';
import { benchAdapter } from './adapter-bench.js';
import { benchBlackboard } from './blackboard-bench.js';
import { runMissionSection } from './mission-section.js';
import { benchOrchestration } from './orchestration-bench.js';
import { benchQuality } from './quality-bench.js';
import { benchSysml } from './sysml-bench.js';

// `--quick`: fewer rounds, the mission section only. `--markdown`: the README's orchestration table.
// `--profile` / `--profile-l1`: a .cpuprofile of the 64-lane / 1-lane loop, its path printed.
const flags = new Set(process.argv.slice(2));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `swarmlord bench — node ${process.version}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n\n`,
);
// Issue 19: the mission workload through runMission with the durable blackboard, and cold start.
const missionOnly = await runMissionSection(flags, (text) => process.stdout.write(text));
if (!missionOnly) {
  process.stdout.write(
    'Lane runner and event bus alone, per model call (instant fake model; medians of 9 runs)\n',
  );
  process.stdout.write(`${await benchOrchestration([1, 4, 16, 64], 9)}\n\n`);
  process.stdout.write('Blackboard appends (20,000 receipts; medians of 3 runs)\n');
  process.stdout.write(`${await benchBlackboard(20_000, 3)}\n`);
  process.stdout.write(
    '\nAI SDK adapter overhead per model call (local protocol server, instant answers; medians of 9 runs)\n',
  );
  process.stdout.write(`${await benchAdapter([1, 16, 64], 9)}\n`);
  process.stdout.write("\nVerify quality (labelled mutation set generated from this repository's src/)\n");
  process.stdout.write(`${await benchQuality(24)}\n`);
  process.stdout.write(
    '\nSysML v2 release corpus: parse every file, resolve each top-level folder as one model\n',
  );
  process.stdout.write(`${benchSysml()}\n`);
}

// Issue 16: the durable engine's cost (PostgreSQL journal per step, DBOS queued workflow) on a real PostgreSQL 15.
if (!missionOnly && !flags.has('--no-dbos')) {
  const { benchDbos, benchDbosLanes } = await import('./dbos-bench.js');
  process.stdout.write(
    '\nDBOS runtime: per-step and per-queued-workflow overhead (real PostgreSQL 15; medians of 3 runs)\n',
  );
  process.stdout.write(`${await benchDbos(3)}\n`);
  process.stdout.write(
    '\nDBOS runtime: one 64-lane mission (offline engine), embedded vs 1, 2 and 4 worker processes (--concurrency 16 each)\n',
  );
  process.stdout.write(`${await benchDbosLanes([1, 2, 4], 64)}\n`);
}

// Issues 18 and 19 (scale): history, workspace size, audit and resolver (alone: node dist/bench/scale-main.js).
if (!missionOnly) {
  const { runScaleSection } = await import('./scale-bench.js');
  await runScaleSection(3, (text) => process.stdout.write(text));
}
