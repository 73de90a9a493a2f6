import { randomBytes } from 'node:crypto';
import { redactSecrets } from '../blackboard/redact-secrets.js';
import {
  type Clarification,
  type LaneSpec,
  type MissionIntent,
  type MissionIntentInput,
  MissionIntentSchema,
} from '../contracts/mission-intent.js';
import { findUnimplementedFields } from './find-unimplemented-fields.js';
import { humanizeZodIssue } from './humanize-zod-issue.js';
import { IntentError } from './intent-error.js';
import { formatFieldPath } from './intent-problem.js';

/** What a new mission intent is made from; everything not given takes the schema default. */
export interface CreateIntentOptions {
  objective: string;
  /** Directory the lanes perceive; default `.`. */
  workspace?: string;
  /** A lane count or lane specs; default 2. */
  lanes?: number | Array<Partial<LaneSpec>>;
  /** Clock for `created_at` and the id's date; default now. */
  now?: Date;
  /** Fixed mission id (tests, resume); default `mi_<date>_<6 random hex>`. */
  missionId?: string;
  /** The clarification passes that led to this intent. */
  clarifications?: Clarification[];
  /** Any other intent field (quorum, verify, …), as it would be written in YAML. */
  overrides?: Omit<MissionIntentInput, 'mission_id' | 'created_at' | 'objective'>;
}

/** `2026-11-22T10:00:00Z`: UTC, second precision, so ids and file names stay readable. */
function formatUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A fresh mission id: the UTC date plus 24 random bits, enough to keep same-day missions apart. */
export function createMissionId(now: Date = new Date()): string {
  return `mi_${formatUtc(now).slice(0, 10)}_${randomBytes(3).toString('hex')}`;
}

/**
 * Builds a validated mission intent with every default filled in.
 *
 * @throws {IntentError} `INTENT_INVALID` when an option breaks the schema (e.g. an empty objective).
 * @example
 * const intent = createIntent({ objective: 'Map the risks of the sample service', lanes: 3 });
 */
export function createIntent(options: CreateIntentOptions): MissionIntent {
  const now = options.now ?? new Date();
  const input: MissionIntentInput = {
    ...options.overrides,
    mission_id: options.missionId ?? createMissionId(now),
    created_at: formatUtc(now),
    objective: options.objective,
    ...(options.workspace === undefined ? {} : { workspace: options.workspace }),
    ...(options.lanes === undefined ? {} : { lanes: options.lanes }),
    ...(options.clarifications === undefined ? {} : { clarifications: options.clarifications }),
  };
  const parsed = MissionIntentSchema.safeParse(input, { error: humanizeZodIssue });
  const lines = parsed.success
    ? findUnimplementedFields(parsed.data).map((field) => `${formatFieldPath(field.path)}: ${field.message}`)
    : parsed.error.issues.map((issue) => `${formatFieldPath(issue.path)}: ${issue.message}`);
  // Secrets in an objective would reach every receipt, digest and prompt: redacted here, once.
  if (parsed.success && lines.length === 0) return redactSecrets(parsed.data);
  throw new IntentError('INTENT_INVALID', { path: '(new mission intent)', message: lines.join('\n') });
}
