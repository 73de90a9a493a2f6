import { z } from 'zod';
import {
  ArtifactSchema,
  ClaimStatementSchema,
  CynefinDomainSchema,
  MetricSchema,
  type ObservationSchema,
} from '../contracts/index.js';

/**
 * How a model points at evidence. A model never computes a hash: it cites an excerpt a tool
 * returned to its lane (by `ref_id`, optionally narrowed to lines inside it) or names path + lines
 * (+ quote) of text a tool returned. The lane's provenance ledger pins a citation to the lines the
 * tool actually returned and computes the sha256 itself; a citation it cannot pin leaves the claim
 * unsupported, with the reason.
 */
export const CitationSchema = z.object({
  ref_id: z.string().optional().describe('id of an excerpt a tool returned to you, e.g. "E3"'),
  path: z.string().optional().describe('workspace-relative path of the cited file'),
  start_line: z.number().int().min(1).optional().describe('first cited line (1-based)'),
  end_line: z.number().int().min(1).optional().describe('last cited line (inclusive)'),
  quote: z.string().optional().describe('verbatim text from the cited lines'),
});

/**
 * The structured answer each model task must give. Every adapter is held to these schemas, so an
 * LLM's JSON and the offline engine's output are checked the same way.
 */
export const ObserveOutputSchema = z.object({
  observations: z.array(
    z.object({
      text: z.string().min(1).describe('what you noticed, in one or two sentences'),
      evidence: z.array(CitationSchema).describe('the excerpts this observation rests on'),
    }),
  ),
});

export const ReactOutputSchema = z.object({
  cynefin_domain: CynefinDomainSchema,
  rationale: z.string().min(1),
  plan: z.array(z.string().min(1)).min(1),
  tool_selections: z.array(z.string()),
});

export const EngageOutputSchema = z.object({
  artifacts: z.array(ArtifactSchema),
  metrics: z.array(MetricSchema),
});

export const ClaimsOutputSchema = z.object({
  summary: z.string().min(1),
  claims: z.array(
    z.object({
      text: z.string().min(1).describe('one checkable statement'),
      evidence: z.array(CitationSchema).describe('the excerpts that support it'),
      statement: ClaimStatementSchema.optional().describe(
        'the claim as subject, predicate, object, when it has that shape',
      ),
    }),
  ),
});

/** How a judge rates one claim against its cited text. */
export const ClaimJudgementSchema = z.object({
  claim_id: z.string(),
  support: z.enum(['supported', 'unsupported', 'contradicted', 'unclear']),
  reason: z.string(),
});

/** A judge's structured answer (LLM validators). */
export const JudgeOutputSchema = z.object({
  verdict: z.enum(['pass', 'fail']),
  claims: z.array(ClaimJudgementSchema),
  reasons: z.array(z.string()),
});

/** A judge's answer on claims against requirements (criteria validators: SSOT specialists, mission criteria). */
export const CriteriaJudgeOutputSchema = z.object({
  claims: z.array(
    z.object({
      claim_id: z.string(),
      passed: z
        .boolean()
        .describe('false when the claim, read with its evidence, violates or fails a criterion'),
      reason: z.string(),
    }),
  ),
});

/** Structured input of the `observe` task. */
export interface ObserveInput {
  objective: string;
  persona: string;
  queries: string[];
  /** Findings of a failed Verify to avoid repeating (on re-runs). */
  feedback: string[];
}

/** Structured input of the `react` task. */
export interface ReactInput {
  objective: string;
  observations: z.infer<typeof ObservationSchema>[];
  similarCaseCount: number;
}

/** Structured input of the `engage` and `claims` tasks. */
export interface ShapeInput {
  objective: string;
  persona: string;
  observations: z.infer<typeof ObservationSchema>[];
  feedback: string[];
}

export type Citation = z.infer<typeof CitationSchema>;
export type ObserveOutput = z.infer<typeof ObserveOutputSchema>;
export type ReactOutput = z.infer<typeof ReactOutputSchema>;
export type EngageOutput = z.infer<typeof EngageOutputSchema>;
export type ClaimsOutput = z.infer<typeof ClaimsOutputSchema>;
export type ClaimJudgement = z.infer<typeof ClaimJudgementSchema>;
export type JudgeOutput = z.infer<typeof JudgeOutputSchema>;
export type CriteriaJudgeOutput = z.infer<typeof CriteriaJudgeOutputSchema>;
