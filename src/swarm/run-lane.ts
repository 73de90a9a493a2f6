import type { EvidenceRef, PhaseOutputs, PreyPhase, ReviewBundle, RunEvent } from '../contracts/index.js';
import { PHASE_ROLES } from '../contracts/index.js';
import { runEngage } from '../engage/run-engage.js';
import { ClaimsOutputSchema, ObserveOutputSchema, ReactOutputSchema } from '../models/index.js';
import { excerptsBehind } from './lane-claim-context.js';
import type { LaneContext, LaneOutputs } from './lane-context.js';
import { markPhase, phaseStep, recordPhase, restorePhase, snapshotPhase } from './lane-durability.js';
import { retrieve } from './lane-retrieval.js';
import { bindLaneTools } from './lane-tools.js';
import { buildPerceiveQueries } from './perceive-queries.js';
import { createProvenanceLedger } from './provenance-ledger.js';

const EXCERPTS_PER_QUERY = 6;
const EXCERPTS_PER_LANE = 14;

/** Said to every model that cites: the ledger enforces it, the prompt only saves wasted calls. */
const CITATION_RULE =
  'Cite evidence only from excerpts shown to you, by their id (e.g. {"ref_id":"E3"}), optionally narrowed with start_line/end_line and a verbatim quote. Never invent ids, paths, lines or hashes; a citation of text you were not shown makes the claim unsupported.';

/** Phases a lane past its soft limit skips (or cuts short) to yield what it has. */
const YIELDABLE: ReadonlySet<PreyPhase> = new Set(['react', 'engage']);

/**
 * One phase as a durable step: a journaled phase is restored, not run (no call, no receipt); a
 * React or Engage past the lane's soft limit is skipped; otherwise it runs between `phase-start`
 * and `phase-end` and is journaled after its receipt is durable (a crash in between runs the phase
 * once more, its finished calls answered by the journal, rather than lose a receipt).
 */
async function runPhase<P extends PreyPhase>(
  context: LaneContext,
  phase: P,
  work: () => Promise<{ output: PhaseOutputs[P]; summary: string; evidence: EvidenceRef[] }>,
): Promise<PhaseOutputs[P] | undefined> {
  const missionId = context.intent.mission_id;
  const laneId = context.lane.id;
  const { attempt, durable } = context;
  const step = phaseStep(missionId, laneId, attempt, phase);
  if (durable !== undefined) {
    const restored = await restorePhase<P>(durable, step);
    if (restored !== undefined) return restored;
  }
  const yielding = () => YIELDABLE.has(phase) && context.yieldSignal?.aborted === true;
  if (yielding()) return undefined;
  context.stopSignal?.throwIfAborted();
  context.signal.throwIfAborted();
  const mark = durable === undefined ? undefined : markPhase(durable);
  const role = PHASE_ROLES[phase];
  const { fence } = context;
  // Literals, not spreads around a shared base: built for every phase of every lane.
  const start: RunEvent = {
    type: 'phase-start',
    mission_id: missionId,
    at: context.now().toISOString(),
    lane_id: laneId,
    attempt,
    phase,
    role,
  };
  if (fence === undefined) await context.emit(start);
  else fence.post(start);
  // Everything this lane recorded before this phase (the previous phase's receipts and journal entry).
  const earlier = fence?.mark();
  const started = performance.now();
  let done: Awaited<ReturnType<typeof work>>;
  try {
    done = await work();
  } catch (error) {
    // Cut short by the lane's soft limit: the lane goes on to Yield with what it has.
    if (yielding() && context.hardSignal?.aborted !== true) return undefined;
    throw error;
  }
  const { output, summary, evidence } = done;
  const record =
    durable === undefined || mark === undefined ? undefined : snapshotPhase(durable, output, mark);
  const event = {
    type: 'phase-end' as const,
    mission_id: missionId,
    at: context.now().toISOString(),
    lane_id: laneId,
    attempt,
    phase,
    role,
    summary,
    evidence_refs: evidence,
    output,
    duration_ms: performance.now() - started,
  };
  if (fence !== undefined) {
    // Decision 0023: the previous phase's receipts were written under this phase's model call; they
    // are durable before this phase's result counts. This phase's own are awaited by the next step.
    await earlier;
    // TypeScript cannot tie a generic `P` to one member of the per-phase union; the shape is checked above.
    fence.post(event as RunEvent);
    if (durable !== undefined && record !== undefined) fence.after(() => recordPhase(durable, step, record));
    return output;
  }
  await context.emit(event as RunEvent);
  if (durable !== undefined && record !== undefined) await recordPhase(durable, step, record);
  return output;
}

function countText(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * One lane attempt: Perceive → React → Engage → Yield. Each phase emits `phase-start` and
 * `phase-end`; the emit resolves once listeners (the blackboard) have made the receipt durable.
 * Phase outputs are collected into `outputs` as they complete, so an interrupted lane keeps them.
 *
 * Provenance: everything shown to the lane (retrieval, tool results) goes through one ledger;
 * observations and claims cite it and are pinned by it, with the sha256 computed from the text the
 * tool returned. A citation the ledger cannot pin is dropped from an observation and makes a claim
 * unsupported (`unpinned_citations`).
 */
export async function runLane(context: LaneContext, outputs: LaneOutputs = {}): Promise<ReviewBundle> {
  const { intent, persona, lane, attempt } = context;
  const prefix = `${lane.id}-a${attempt}`;
  const ledger = context.ledger ?? createProvenanceLedger(lane.id);
  if (context.resume !== undefined) {
    const { perceive, react, engage } = context.resume;
    Object.assign(outputs, { perceive, react, engage });
  }
  const feedbackNote =
    context.feedback.length > 0
      ? `\nFix these findings of the last Verify:\n- ${context.feedback.join('\n- ')}`
      : '';
  const base = { mission_id: intent.mission_id, lane_id: lane.id, attempt };

  outputs.perceive ??= await runPhase(context, 'perceive', async () => {
    const model = context.modelFor('observer');
    const queries = buildPerceiveQueries(context);
    const excerpts = ledger.enter(
      retrieve(context.index, queries, { perQuery: EXCERPTS_PER_QUERY, perLane: EXCERPTS_PER_LANE }),
    );
    const tools =
      model.supportsTools === true && context.tools.length > 0
        ? bindLaneTools(context.tools, {
            ledger,
            emit: context.emit,
            now: context.now,
            base: { ...base, phase: 'perceive', role: 'observer' },
          })
        : [];
    const toolNote =
      tools.length > 0
        ? `\nUse the tools (${tools.map((tool) => tool.name).join(', ')}) to look further before you answer.`
        : '';
    const { object } = await model.generate({
      task: 'observe',
      system: context.instructions('observer'),
      prompt: `Objective: ${intent.objective}\nFocus: ${persona.name}\nReport what the workspace shows about the objective, each observation with its evidence.${toolNote}\n${CITATION_RULE}${feedbackNote}`,
      context: excerpts,
      input: { objective: intent.objective, persona: persona.name, queries, feedback: context.feedback },
      schema: ObserveOutputSchema,
      ...(tools.length > 0 ? { tools, maxSteps: context.maxToolSteps } : {}),
      scope: { phase: 'perceive', role: 'observer' },
      signal: context.signal,
    });
    const dropped: string[] = [];
    const observations = object.observations.map((observation, index) => {
      const { refs, problems } = ledger.pinAll(observation.evidence);
      dropped.push(...problems);
      return { id: `${prefix}-o${index + 1}`, text: observation.text, evidence_refs: refs };
    });
    const output = { lane_id: lane.id, queries, files_scanned: context.index.fileCount, observations };
    const droppedNote = dropped.length > 0 ? `; ${countText(dropped.length, 'citation')} not pinned` : '';
    return {
      output,
      summary: `${countText(observations.length, 'observation')} from ${countText(ledger.size, 'excerpt')} (${persona.name})${droppedNote}`,
      evidence: observations.flatMap((observation) => observation.evidence_refs),
    };
  });
  if (outputs.perceive === undefined) throw new Error(`lane ${lane.id} has no perception`);
  const observations = outputs.perceive.observations;

  outputs.react ??= await runPhase(context, 'react', async () => {
    const cases = context.findSimilarCases(
      [intent.objective, ...observations.map((observation) => observation.text)].join(' '),
      { limit: 3, excludeMissionId: intent.mission_id },
    );
    const { object } = await context.modelFor('bridger').generate({
      task: 'react',
      system: context.instructions('bridger'),
      prompt: `Objective: ${intent.objective}\nObservations:\n${observations.map((observation) => `- ${observation.text}`).join('\n')}\nSimilar earlier cases:\n${cases.map((item) => `- ${item.summary}`).join('\n') || '- none'}\nClassify the situation (Cynefin), say why, and plan the next steps.`,
      context: [],
      input: { objective: intent.objective, observations, similarCaseCount: cases.length },
      schema: ReactOutputSchema,
      scope: { phase: 'react', role: 'bridger' },
      signal: context.signal,
    });
    const output = { lane_id: lane.id, ...object, similar_cases: cases };
    return { output, summary: `Cynefin: ${object.cynefin_domain} — ${object.rationale}`, evidence: [] };
  });

  const shapeInput = {
    objective: intent.objective,
    persona: persona.name,
    observations,
    feedback: context.feedback,
  };
  outputs.engage ??= await runPhase(context, 'engage', () => {
    // The safety envelope, the policy's tools and the proposal live in src/engage; the lane only binds its read tools.
    const model = context.modelFor('shaper');
    return runEngage({
      runtime: context.engage,
      intent,
      laneId: lane.id,
      attempt,
      plan: outputs.react?.plan ?? [],
      input: shapeInput,
      instructions: context.instructions('shaper'),
      model,
      readTools:
        model.supportsTools === true
          ? bindLaneTools(context.tools, {
              ledger,
              emit: context.emit,
              now: context.now,
              base: { ...base, phase: 'engage', role: 'shaper' },
            })
          : [],
      maxToolSteps: context.maxToolSteps,
      feedbackNote,
      emit: context.emit,
      now: context.now,
      signal: context.signal,
    });
  });

  // Yield gathers what exists even past the lane's soft limit: only the hard deadline cuts it.
  if (context.hardSignal !== undefined) context.signal = context.hardSignal;
  outputs.yield = await runPhase(context, 'yield', async () => {
    const { object } = await context.modelFor('assimilator').generate({
      task: 'claims',
      system: context.instructions('assimilator'),
      prompt: `Objective: ${intent.objective}\nState checkable claims that answer the objective, each with its evidence.${context.maxClaims === undefined ? '' : ` State at most ${context.maxClaims} claims: only those the cited lines fully support.`} ${CITATION_RULE}${feedbackNote}`,
      context: excerptsBehind(ledger, observations),
      input: shapeInput,
      schema: ClaimsOutputSchema,
      scope: { phase: 'yield', role: 'assimilator' },
      signal: context.signal,
    });
    const kept = context.maxClaims === undefined ? object.claims : object.claims.slice(0, context.maxClaims);
    const claims = kept.map((claim, index) => {
      const { refs, problems } = ledger.pinAll(claim.evidence);
      return {
        id: `${prefix}-c${index + 1}`,
        lane_id: lane.id,
        text: claim.text,
        evidence_refs: refs,
        ...(problems.length > 0 ? { unpinned_citations: problems } : {}),
        ...(claim.statement === undefined ? {} : { statement: claim.statement }),
      };
    });
    const narrowed =
      kept.length < object.claims.length
        ? ` (scope narrowed to ${kept.length} of ${object.claims.length} claims)`
        : '';
    const output: ReviewBundle = {
      lane_id: lane.id,
      attempt,
      summary: `${object.summary}${narrowed}`,
      claims,
      artifacts: outputs.engage?.artifacts ?? [],
    };
    return {
      output,
      summary: output.summary,
      evidence: claims.flatMap((claim) => claim.evidence_refs),
    };
  });
  if (outputs.yield === undefined) throw new Error(`lane ${lane.id} yielded nothing`);
  return outputs.yield;
}
