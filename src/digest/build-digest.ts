import { type Digest, DigestSchema } from '../contracts/digest.js';
import type { Verdict } from '../contracts/verify-report.js';
import { buildBluf } from './build-bluf.js';
import { buildClaimViews } from './build-claim-views.js';
import { buildDecisionMatrix } from './build-decision-matrix.js';
import { buildDigestNotes } from './build-digest-notes.js';
import { buildRunDiagram } from './build-run-diagram.js';
import { computeConfidence, confidenceFactors } from './compute-confidence.js';
import { collectBlockers, describeOperatingMode, describeSafety } from './describe-run.js';
import {
  coverageNotes,
  type DigestExtras,
  moduleMapDiagrams,
  nothingRelevantBlockers,
  unparsedWorkspaceBlockers,
} from './digest-extras.js';
import { type DigestInput, finalReport, isOfflineEngine } from './digest-input.js';
import { missionScopeNotes } from './mission-scope-notes.js';

/**
 * Assembles the BLUF bundle of a run: BLUF, decision matrix, the state-action diagram of this run,
 * notes with evidence refs, and the run extras. Pure (no I/O, no clock unless `now` is omitted) and
 * validated against `DigestSchema` before it is returned.
 *
 * The verdict is the last Verify report's; a run that never reached Verify is FAIL, because nothing
 * in it has been checked.
 *
 * @example
 * const digest = buildDigest({ intent, aggregate, reports, laneRuns, engine: OFFLINE_ENGINE_LABEL, partial: false });
 * console.log(digest.bluf.join('\n'));
 */
export function buildDigest(input: DigestInput & DigestExtras): Digest {
  const report = finalReport(input);
  const verdict: Verdict = report?.verdict ?? 'FAIL';
  const views = buildClaimViews(input.aggregate, report);
  const factors = confidenceFactors(report, views);
  const confidence = computeConfidence(verdict, factors, input.partial);
  const offline = isOfflineEngine(input.engine);
  const extra = [
    ...unparsedWorkspaceBlockers(input.aggregate, input, offline),
    ...nothingRelevantBlockers(input.aggregate),
    ...(input.blockers ?? []),
  ];
  const blockers = collectBlockers({ verdict, report, views, extra });
  const hallucinationRate = report?.hallucination_rate ?? (views.length > 0 ? 1 : 0);

  return DigestSchema.parse({
    mission_id: input.intent.mission_id,
    objective: input.intent.objective,
    created_at: (input.now ?? new Date()).toISOString(),
    verdict,
    hallucination_rate: hallucinationRate,
    confidence,
    bluf: buildBluf({ verdict, report, views, confidence, offline, partial: input.partial, blockers }),
    decision_matrix: buildDecisionMatrix(views),
    diagrams: [
      {
        title: 'State-action graph of this run',
        mermaid: buildRunDiagram({
          laneRuns: input.laneRuns,
          reports: input.reports,
          reactDomains: input.reactDomains,
          digestLabel: `Digest: ${verdict}${input.partial ? ' (partial)' : ''}`,
        }),
      },
      ...moduleMapDiagrams(input.intent.objective, input),
    ],
    notes: [
      ...missionScopeNotes(input.intent),
      ...buildDigestNotes(views, input.reports, factors, confidence),
      ...coverageNotes(input),
    ],
    engine: input.engine,
    operating_mode: describeOperatingMode({
      offline,
      laneRuns: input.laneRuns,
      intent: input.intent,
      partial: input.partial,
    }),
    safety_summary: describeSafety(input.intent, input.writes),
    blockers,
    partial: input.partial,
    lanes: [...input.laneRuns],
  });
}
