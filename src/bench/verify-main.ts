import { benchVerify } from './verify-bench.js';

// Verify alone on a recorded aggregate: `node dist/bench/verify-main.js [rounds] [--profile]`.
const rounds = Number(process.argv[2] ?? 7);
const profileDir = process.argv.includes('--profile') ? process.cwd() : undefined;
for (const [lanes, batch] of [
  [1, 40],
  [64, 10],
] as const) {
  const result = await benchVerify(lanes, rounds, batch, profileDir);
  process.stdout.write(
    `Verify alone, L=${result.lanes} (${result.claims} claims): ${(result.medianUs / 1000).toFixed(2)} ms CPU per round (min ${(result.minUs / 1000).toFixed(2)}, max ${(result.maxUs / 1000).toFixed(2)})\n`,
  );
}
