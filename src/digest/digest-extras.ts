import type { ImportEdge } from '../analysis/index.js';
import { isArchitectureObjective } from '../analysis/index.js';
import type { DigestNote } from '../contracts/digest.js';
import type { AggregateBundle } from '../contracts/phase-outputs.js';
import type { ScanReport } from '../tools/scan-report.js';
import { buildModuleMap } from './build-module-map.js';
import { describeCoverage, type ParseCoverage } from './describe-coverage.js';

/** What the workspace scan and analysis add to a digest (all optional: older callers pass none). */
export interface DigestExtras {
  /** The scan's account of what was read and skipped. */
  coverage?: ScanReport | undefined;
  /** How much source was parsed. */
  parseCoverage?: ParseCoverage | undefined;
  /** Import edges between workspace files, for the module map of an architecture objective. */
  imports?: readonly ImportEdge[] | undefined;
}

/** The module map diagram when the objective asks about architecture and there are imports to draw. */
export function moduleMapDiagrams(
  objective: string,
  extras: DigestExtras,
): { title: string; mermaid: string }[] {
  if (extras.imports === undefined || !isArchitectureObjective(objective)) return [];
  const mermaid = buildModuleMap(extras.imports);
  return mermaid === undefined ? [] : [{ title: 'Module map (main modules and their imports)', mermaid }];
}

/** Coverage notes, when the scan reported. */
export function coverageNotes(extras: DigestExtras): DigestNote[] {
  return extras.coverage === undefined ? [] : describeCoverage(extras.coverage, extras.parseCoverage);
}

/**
 * A blocker that says plainly that no lane found anything bearing on the objective (every lane
 * finished with no claims and said so), instead of leaving only "no claims".
 */
export function nothingRelevantBlockers(aggregate: AggregateBundle): string[] {
  if (aggregate.claims.length > 0 || aggregate.bundles.length === 0) return [];
  const said = aggregate.bundles.find((bundle) => /nothing relevant found/i.test(bundle.summary));
  return said === undefined
    ? []
    : [`${said.summary}: no lane found workspace evidence bearing on the objective`];
}

/**
 * On the offline engine, a workspace with no JavaScript or TypeScript has no structural facts to
 * report: "nothing relevant found" would blame the objective for what the engine cannot read. The
 * blocker says so first, and what would analyse the files.
 */
export function unparsedWorkspaceBlockers(
  aggregate: AggregateBundle,
  extras: DigestExtras,
  offline: boolean,
): string[] {
  if (!offline || aggregate.claims.length > 0) return [];
  const scanned = extras.coverage?.filesScanned ?? 0;
  if (extras.parseCoverage === undefined || extras.parseCoverage.parsedFiles > 0 || scanned === 0) return [];
  return [
    `no JavaScript or TypeScript among the ${scanned} files scanned, the only languages the offline engine parses: it searched them as text only (comments and prose naming a subject of the objective); run on a model (--model) to analyse them`,
  ];
}
