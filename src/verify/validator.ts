import type { AggregateBundle, ClaimGrounding, MissionIntent, ValidatorReport } from '../contracts/index.js';
import type { ModelPort } from '../models/model-port.js';
import type { GroundingResolver } from './ref-resolution.js';

/** What every validator sees: the aggregate, how each of its claims grounded, the resolver, the intent. */
export interface ValidatorInput {
  aggregate: AggregateBundle;
  /** One entry per claim of `aggregate.claims`, in the same order. */
  grounding: ClaimGrounding[];
  /** The gate's resolver (its cache already holds the files the claims cite). */
  resolver: GroundingResolver;
  intent: MissionIntent;
  /** Validator name → the language model it may judge with (absent: deterministic only). */
  judges?: Readonly<Record<string, ModelPort>>;
}

/**
 * A voter of the Verify gate. `name` is how `intent.quorum.validators` refers to it. A validator
 * returns its vote; it throws only when it cannot vote at all (never to report bad claims).
 */
export interface Validator {
  readonly name: string;
  validate(input: ValidatorInput): Promise<ValidatorReport>;
}
