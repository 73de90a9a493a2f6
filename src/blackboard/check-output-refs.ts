import type { OutputRef } from '../contracts/receipt.js';
import { outputRefOf, outputRefProblem } from './phase-output-store.js';

/** Checks, for `auditBlackboard`, that every phase output a receipt references is there and intact. */
export interface OutputRefCheck {
  /** Notes the reference of the receipt at `line` (1-based), if its payload has one. */
  note(line: number, data: unknown): void;
  /** The first line whose referenced output is missing or changed, with why. */
  firstProblem(): Promise<{ line: number; reason: string } | undefined>;
  /** How many distinct outputs were noted (each one is read and compared by `firstProblem`). */
  count(): number;
}

/** How many output files are read at once. */
const CONCURRENCY = 8;

/**
 * Collects the references while the audit streams the lines (one entry per distinct output, the
 * first line naming it), then reads each output once and compares its size and sha256 with the
 * receipt's (decision 0027).
 */
export function createOutputRefCheck(blackboardPath: string): OutputRefCheck {
  const refs = new Map<string, { line: number; ref: OutputRef }>();
  return {
    note(line, data) {
      const ref = outputRefOf(data);
      if (ref === undefined) return;
      const key = `${String(ref.sha256)}:${String(ref.bytes)}:${String(ref.path)}`;
      if (!refs.has(key)) refs.set(key, { line, ref });
    },
    async firstProblem() {
      const entries = [...refs.values()];
      const problems: Array<{ line: number; reason: string }> = [];
      for (let start = 0; start < entries.length; start += CONCURRENCY) {
        const found = await Promise.all(
          entries.slice(start, start + CONCURRENCY).map(async ({ line, ref }) => {
            const problem = await outputRefProblem(blackboardPath, ref);
            return problem === undefined ? undefined : { line, reason: `line ${line}: ${problem}` };
          }),
        );
        for (const problem of found) if (problem !== undefined) problems.push(problem);
      }
      return problems.sort((a, b) => a.line - b.line)[0];
    },
    count: () => refs.size,
  };
}
