import {
  formatReceiptCpu,
  formatReceiptStages,
  measureReceiptCpu,
  measureReceiptStages,
} from './receipt-cpu-bench.js';

// µs of CPU per receipt (draft, redaction, canonical JSON, chain hash; no I/O) for the event mix of
// a 64-lane and a 1-lane mission: `node dist/bench/receipt-cpu-main.js [rounds]`.
const rounds = Number(process.argv[2] ?? 15);
for (const lanes of [64, 1]) {
  process.stdout.write(
    formatReceiptCpu(lanes, await measureReceiptCpu(lanes, rounds, lanes === 1 ? 200 : 10)),
  );
}
process.stdout.write(formatReceiptStages(64, await measureReceiptStages(64, rounds)));
