import type { MetricEvidenceRef } from '../contracts/index.js';
import { formatEvidenceRef } from '../contracts/index.js';
import { NUMBER, normalizeNumber } from './claim-tokens.js';
import { parseMetricSource, readJsonPointer, withinTolerance } from './metric-source.js';
import type { GroundingResolverOptions, RefProblem, RefResolution } from './ref-resolution.js';
import { containsOnBoundary } from './token-match.js';

function unverifiable(ref: MetricEvidenceRef, why: string): RefResolution {
  const problem: RefProblem = { code: 'metric-unverifiable', message: `${formatEvidenceRef(ref)}: ${why}` };
  return { ref, status: 'unverifiable', outcome: 'UNVERIFIABLE', problems: [problem] };
}

function mismatch(ref: MetricEvidenceRef, actual: unknown): RefResolution {
  const problem: RefProblem = {
    code: 'metric-mismatch',
    message: `${formatEvidenceRef(ref)}: recomputed value ${JSON.stringify(actual)} differs from the stated ${JSON.stringify(ref.value)}`,
  };
  return { ref, status: 'unresolved', outcome: 'HASH_MISMATCH', problems: [problem] };
}

function verified(ref: MetricEvidenceRef): RefResolution {
  return { ref, status: 'resolved', outcome: 'VERIFIED', problems: [], text: `${ref.name} ${ref.value}` };
}

function outputHolds(
  output: string,
  value: number | string,
  tolerance: Parameters<typeof withinTolerance>[2],
) {
  if (typeof value === 'string' && !Number.isFinite(Number(value))) return containsOnBoundary(output, value);
  return [...output.matchAll(NUMBER)].some((match) =>
    withinTolerance(value, normalizeNumber(match[0]), tolerance),
  );
}

/**
 * A metric resolves only by recomputation (decision 0009): from an artifact (`file:<path>#<pointer>`
 * read from the workspace), a recorded span attribute, or the recorded output of a command this
 * mission ran, within the tolerance its source states. A source naming nothing checkable (`git`,
 * `$ npm test` with no recorded output) is `UNVERIFIABLE`.
 */
export async function resolveMetricRef(
  ref: MetricEvidenceRef,
  options: Pick<GroundingResolverOptions, 'commands' | 'spans'>,
  readText: (relativePath: string) => Promise<string | undefined>,
): Promise<RefResolution> {
  const source = parseMetricSource(ref.source);
  switch (source.kind) {
    case 'bare':
      return unverifiable(
        ref,
        `source "${source.text}" names no artifact, span or recorded command to recompute from`,
      );
    case 'artifact': {
      const text = await readText(source.path);
      if (text === undefined)
        return unverifiable(ref, `artifact ${source.path} cannot be read in the workspace`);
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        return unverifiable(ref, `artifact ${source.path} is not JSON`);
      }
      const actual = readJsonPointer(document, source.pointer);
      if (actual === undefined)
        return unverifiable(ref, `${source.path} has nothing at ${source.pointer || '(root)'}`);
      return withinTolerance(ref.value, actual, source.tolerance) ? verified(ref) : mismatch(ref, actual);
    }
    case 'span': {
      const span = options.spans?.find((candidate) => candidate.name === source.name);
      const actual = span?.attributes[source.attribute];
      if (actual === undefined)
        return unverifiable(ref, `no recorded span ${source.name} with ${source.attribute}`);
      return withinTolerance(ref.value, actual, source.tolerance) ? verified(ref) : mismatch(ref, actual);
    }
    case 'command': {
      const command = options.commands?.find((candidate) => candidate.command.trim() === source.command);
      if (command === undefined)
        return unverifiable(ref, `command "${source.command}" has no recorded output in this mission`);
      return outputHolds(command.output, ref.value, source.tolerance)
        ? verified(ref)
        : mismatch(ref, `(not in the output of ${source.command})`);
    }
  }
}
