import type { MissionIntent } from '../contracts/mission-intent.js';

/** A field set to a value the run would ignore. */
export interface UnimplementedField {
  path: string[];
  message: string;
}

interface Rule {
  path: string[];
  /** The only value the run honours today (the default). */
  supported: unknown;
  why: string;
}

/**
 * Fields of seed 002's template that the run does not act on yet. Their defaults describe what the
 * run does anyway, so the default is accepted (intents swarmlord writes list every field); any other
 * value would be silently ignored, so it is refused (decision 0012). `telemetry.*` is being
 * implemented separately and is not checked here. `safety.*` and `tooling.posture` /
 * `tooling.discovery_allowed` are honoured by Engage (src/engage, decision 0016).
 */
const RULES: readonly Rule[] = [
  {
    path: ['interface', 'sole_human_interface'],
    supported: true,
    why: 'the Swarmlord is always the only component that talks to the human',
  },
  {
    path: ['anytime_behavior'],
    supported: true,
    why: 'a timeout or Ctrl-C always ends with a partial digest',
  },
  {
    path: ['tooling', 'receipts_required'],
    supported: true,
    why: 'receipts are the audit log: every tool call, refusal and write chunk is always one',
  },
  {
    path: ['outputs', 'digest_shape'],
    supported: ['BLUF', 'matrix', 'diagram', 'notes'],
    why: 'every digest has the BLUF, the matrix, a diagram and notes',
  },
];

function valueAt(intent: unknown, path: readonly string[]): unknown {
  let value: unknown = intent;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/**
 * Lists fields whose value the run would ignore, each with a message naming what is supported.
 *
 * @example
 * findUnimplementedFields(intent) // [{ path: ['tooling', 'posture'], message: 'not implemented yet: …' }]
 */
export function findUnimplementedFields(intent: MissionIntent): UnimplementedField[] {
  return RULES.flatMap((rule) => {
    const value = valueAt(intent, rule.path);
    if (JSON.stringify(value) === JSON.stringify(rule.supported)) return [];
    return [
      {
        path: rule.path,
        message: `not implemented yet: only ${JSON.stringify(rule.supported)} (the default) is supported, because ${rule.why}; remove the field or set it to the default`,
      },
    ];
  });
}
