import { benchAuditThroughput } from './audit-bench.js';

// The audit row of `npm run bench` alone: `node dist/bench/audit-main.js [rounds] [sizes…]`.
const [rounds = '3', ...sizes] = process.argv.slice(2);
const counts = sizes.length > 0 ? sizes.map(Number) : [10_000, 100_000, 300_000, 1_000_000];
process.stdout.write(`${await benchAuditThroughput(counts, Number(rounds))}\n`);
