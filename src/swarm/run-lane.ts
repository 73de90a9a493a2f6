import type { EvidenceRef, PhaseOutputs, PreyPhase, ReviewBundle, RunEvent } from '../contracts/index.js';
import { PHASE_ROLES } from '../contracts/index.js';
import type { ContextExcerpt } from '../models/index.js';
import {
  ClaimsOutputSchema,
  EngageOutputSchema,
  ObserveOutputSchema,
  ReactOutputSchema,
} from '../models/index.js';
import type { LaneContext, LaneOutputs } from './lane-context.js';

const EXCERPTS_PER_QUERY = 6;
const EXCERPTS_PER_LANE = 14;

async function runPhase<P extends PreyPhase>(
  context: LaneContext,
  phase: P,
  work: () => Promise<{ output: PhaseOutputs[P]; summary: string; evidence: EvidenceRef[] }>,
): Promise<PhaseOutputs[P]> {
  context.signal.throwIfAborted();
  const base = { mission_id: context.intent.mission_id, lane_id: context.lane.id, attempt: context.attempt };
  const role = PHASE_ROLES[phase];
  await context.emit({ ...base, type: 'phase-start', at: context.now().toISOString(), phase, role });
  const started = performance.now();
  const { output, summary, evidence } = await work();
  const event = {
    ...base,
    type: 'phase-end' as const,
    at: context.now().toISOString(),
    phase,
    role,
    summary,
    evidence_refs: evidence,
    output,
    duration_ms: performance.now() - started,
  };
  // TypeScript cannot tie a generic `P` to one member of the per-phase union; the shape is checked above.
  await context.emit(event as RunEvent);
  return output;
}

function retrieve(context: LaneContext, queries: string[]): ContextExcerpt[] {
  const byKey = new Map<string, ContextExcerpt>();
  for (const query of queries) {
    for (const excerpt of context.index.search(query, { limit: EXCERPTS_PER_QUERY })) {
      const key = `${excerpt.ref.path}:${excerpt.ref.lines[0]}`;
      const known = byKey.get(key);
      if (known === undefined || known.score < excerpt.score) byKey.set(key, excerpt);
    }
  }
  return [...byKey.values()].sort((left, right) => right.score - left.score).slice(0, EXCERPTS_PER_LANE);
}

/**
 * One lane attempt: Perceive → React → Engage → Yield. Each phase emits `phase-start` and
 * `phase-end`; the emit resolves once listeners (the blackboard) have made the receipt durable.
 * Phase outputs are collected into `outputs` as they complete, so an interrupted lane keeps them.
 */
export async function runLane(context: LaneContext, outputs: LaneOutputs = {}): Promise<ReviewBundle> {
  const { intent, persona, model, lane, attempt } = context;
  const prefix = `${lane.id}-a${attempt}`;
  const feedbackNote =
    context.feedback.length > 0
      ? `\nFix these findings of the last Verify:\n- ${context.feedback.join('\n- ')}`
      : '';

  outputs.perceive = await runPhase(context, 'perceive', async () => {
    const queries = [intent.objective, [persona.name, ...persona.keywords].join(' ')];
    const excerpts = retrieve(context, queries);
    const { object } = await model.generate({
      task: 'observe',
      system: context.instructions('observer'),
      prompt: `Objective: ${intent.objective}\nFocus: ${persona.name}${feedbackNote}`,
      context: excerpts,
      input: { objective: intent.objective, persona: persona.name, queries, feedback: context.feedback },
      schema: ObserveOutputSchema,
      signal: context.signal,
    });
    const observations = object.observations.map((observation, index) => ({
      ...observation,
      id: `${prefix}-o${index + 1}`,
    }));
    const output = { lane_id: lane.id, queries, files_scanned: context.index.fileCount, observations };
    return {
      output,
      summary: `${observations.length} observations from ${excerpts.length} excerpts (${persona.name})`,
      evidence: observations.flatMap((observation) => observation.evidence_refs),
    };
  });
  const observations = outputs.perceive.observations;

  outputs.react = await runPhase(context, 'react', async () => {
    const cases = context.findSimilarCases(
      [intent.objective, ...observations.map((observation) => observation.text)].join(' '),
      { limit: 3, excludeMissionId: intent.mission_id },
    );
    const { object } = await model.generate({
      task: 'react',
      system: context.instructions('bridger'),
      prompt: `Objective: ${intent.objective}\nObservations:\n${observations.map((observation) => `- ${observation.text}`).join('\n')}\nSimilar earlier cases:\n${cases.map((item) => `- ${item.summary}`).join('\n') || '- none'}`,
      context: [],
      input: { objective: intent.objective, observations, similarCaseCount: cases.length },
      schema: ReactOutputSchema,
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
  outputs.engage = await runPhase(context, 'engage', async () => {
    const { object } = await model.generate({
      task: 'engage',
      system: context.instructions('shaper'),
      prompt: `Plan:\n${outputs.react?.plan.join('\n')}\nProduce analysis artifacts only; do not write to the workspace.`,
      context: [],
      input: shapeInput,
      schema: EngageOutputSchema,
      signal: context.signal,
    });
    const output = {
      lane_id: lane.id,
      ...object,
      diffs: [],
      revert_plan: 'nothing to revert: analysis only, no workspace writes',
      writes: [],
    };
    return {
      output,
      summary: `${object.artifacts.length} analysis artifacts, no workspace writes`,
      evidence: [],
    };
  });

  outputs.yield = await runPhase(context, 'yield', async () => {
    const { object } = await model.generate({
      task: 'claims',
      system: context.instructions('assimilator'),
      prompt: `Objective: ${intent.objective}\nState claims with evidence refs only.${feedbackNote}`,
      context: [],
      input: shapeInput,
      schema: ClaimsOutputSchema,
      signal: context.signal,
    });
    const claims = object.claims.map((claim, index) => ({
      ...claim,
      id: `${prefix}-c${index + 1}`,
      lane_id: lane.id,
    }));
    const output: ReviewBundle = {
      lane_id: lane.id,
      attempt,
      summary: object.summary,
      claims,
      artifacts: outputs.engage?.artifacts ?? [],
    };
    return { output, summary: object.summary, evidence: claims.flatMap((claim) => claim.evidence_refs) };
  });
  return outputs.yield;
}
