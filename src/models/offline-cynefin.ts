import type { CynefinDomain } from '../contracts/index.js';
import type { ReactInput, ReactOutput } from './model-tasks.js';

const INCIDENT_WORDS =
  /\b(panic|outage|crash(ed|es)?|incident|corrupt(ed|ion)?|data loss|breach|exploit(ed)?)\b/i;

const PLANS: Record<CynefinDomain, string[]> = {
  clear: [
    'Sense: read the cited lines',
    'Categorise against known practice',
    'Respond with the established answer',
  ],
  complicated: [
    'Sense: gather the cited files',
    'Analyse how the parts connect',
    'Respond with the expert option that fits, citing evidence',
  ],
  complex: [
    'Probe: sample each area the observations touch',
    'Sense: look for patterns across files',
    'Respond with safe-to-fail options and what would confirm them',
  ],
  chaotic: [
    'Act: stop further harm (analysis only here: flag it)',
    'Sense: find the blast radius',
    'Respond: stabilise first',
  ],
  confused: [
    'Break the objective into parts that can be classified',
    'Gather evidence for each part',
    'Re-classify once evidence exists',
  ],
};

/**
 * Deterministic Cynefin classification from the observations' spread: no evidence is confusion, an
 * incident signal is chaos, one file is clear, a few files are complicated, many are complex.
 */
export function classifyCynefin(input: ReactInput): ReactOutput {
  const files = new Set(
    input.observations.flatMap((observation) =>
      observation.evidence_refs.flatMap((ref) => (ref.kind === 'file' ? [ref.path] : [])),
    ),
  );
  let domain: CynefinDomain;
  let rationale: string;
  if (input.observations.length === 0) {
    domain = 'confused';
    rationale = 'no observation matched the objective, so the situation cannot be classified yet';
  } else if (input.observations.some((observation) => INCIDENT_WORDS.test(observation.text))) {
    domain = 'chaotic';
    rationale = 'observations mention an incident signal (crash, corruption, breach)';
  } else if (files.size <= 1) {
    domain = 'clear';
    rationale = `all ${input.observations.length} observations sit in one file`;
  } else if (files.size <= 4) {
    domain = 'complicated';
    rationale = `observations span ${files.size} files whose relation needs analysis`;
  } else {
    domain = 'complex';
    rationale = `observations span ${files.size} files: cause and effect emerge across modules`;
  }
  if (input.similarCaseCount > 0) rationale += `; ${input.similarCaseCount} similar earlier cases found`;
  return {
    cynefin_domain: domain,
    rationale,
    plan: PLANS[domain],
    tool_selections: ['workspace.search', 'workspace.read', 'blackboard.cases'],
  };
}
