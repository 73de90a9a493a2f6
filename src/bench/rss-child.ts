// A fresh process for one cell's peak RSS: `node rss-child.js <lanes> <delayMs> swarm|baseline`.
// Runs the workload RSS_MISSIONS times and prints the process's peak resident set in KiB after
// the first EARLY_MISSIONS and after all of them (decision 0069: V8 grows the young generation
// and malloc's arenas over the first missions, so three missions understate a long-lived host).
import { createBaseline, createBenchDirectory, runBenchMission } from './mission-workload.js';
import { EARLY_MISSIONS, RSS_MISSIONS } from './rss-rounds.js';

const [lanesText, delayText, side] = process.argv.slice(2);
const settings = { lanes: Number(lanesText), delayMs: Number(delayText) };
const dir = await createBenchDirectory();
let early = 0;
try {
  // Each side builds only what it runs: the baseline's own index is not the swarm's memory.
  const baseline = side === 'swarm' ? undefined : await createBaseline(dir);
  for (let round = 0; round < RSS_MISSIONS; round += 1) {
    if (baseline === undefined) await runBenchMission(dir, settings);
    else await baseline(settings);
    if (round + 1 === EARLY_MISSIONS) early = process.resourceUsage().maxRSS;
  }
} finally {
  await dir.dispose();
}
process.stdout.write(`${early} ${process.resourceUsage().maxRSS}\n`);
