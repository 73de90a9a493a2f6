// A fresh process for one cell's peak RSS: `node rss-child.js <lanes> <delayMs> swarm|baseline`.
// Runs the workload three times and prints the process's peak resident set in KiB.
import { createBaseline, createBenchDirectory, runBenchMission } from './mission-workload.js';

const [lanesText, delayText, side] = process.argv.slice(2);
const settings = { lanes: Number(lanesText), delayMs: Number(delayText) };
const dir = await createBenchDirectory();
try {
  // Each side builds only what it runs: the baseline's own index is not the swarm's memory.
  const baseline = side === 'swarm' ? undefined : await createBaseline(dir);
  for (let round = 0; round < 3; round += 1) {
    if (baseline === undefined) await runBenchMission(dir, settings);
    else await baseline(settings);
  }
} finally {
  await dir.dispose();
}
process.stdout.write(`${process.resourceUsage().maxRSS}\n`);
