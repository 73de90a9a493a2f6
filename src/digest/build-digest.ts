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
  const steps = digestSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * {@link buildDigest} with the event loop given a turn between its steps (the claim views, the
 * BLUF and matrix, the run diagram, the notes, the schema check): the same digest, made in pieces
 * of a fraction of a millisecond, so I/O that completes meanwhile (the Verify receipt's output and
 * fsync, decision 0072) is taken up between them instead of after all of them.
 */
export async function buildDigestInTurns(
  input: DigestInput & DigestExtras,
  turn: () => Promise<void>,
): Promise<Digest> {
  const steps = digestSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await turn();
  }
}

/** The digest's pieces, one per step; the last step returns it, validated. */
function* digestSteps(input: DigestInput & DigestExtras): Generator<undefined, Digest, undefined> {
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
  const bluf = buildBluf({ verdict, report, views, confidence, offline, partial: input.partial, blockers });
  const decisionMatrix = buildDecisionMatrix(views);
  yield;
  const runDiagram = buildRunDiagram({
    laneRuns: input.laneRuns,
    reports: input.reports,
    reactDomains: input.reactDomains,
    digestLabel: `Digest: ${verdict}${input.partial ? ' (partial)' : ''}`,
  });
  yield;
  const moduleMaps = moduleMapDiagrams(input.intent.objective, input);
  const notes = [
    ...missionScopeNotes(input.intent),
    ...buildDigestNotes(views, input.reports, factors, confidence),
    ...coverageNotes(input),
  ];
  yield;
  return DigestSchema.parse({
    mission_id: input.intent.mission_id,
    objective: input.intent.objective,
    created_at: (input.now ?? new Date()).toISOString(),
    verdict,
    hallucination_rate: hallucinationRate,
    confidence,
    bluf,
    decision_matrix: decisionMatrix,
    diagrams: [{ title: 'State-action graph of this run', mermaid: runDiagram }, ...moduleMaps],
    notes,
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
