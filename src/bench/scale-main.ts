import { runScaleSection } from './scale-bench.js';

// The scale section of `npm run bench` alone: `node dist/bench/scale-main.js [rounds]`.
await runScaleSection(Number(process.argv[2] ?? 3), (text) => process.stdout.write(text));
