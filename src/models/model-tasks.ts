import { z } from 'zod';
import {
  ArtifactSchema,
  CynefinDomainSchema,
  EvidenceRefSchema,
  MetricSchema,
  ObservationSchema,
} from '../contracts/index.js';

/**
 * The structured answer each model task must give. Every adapter is held to these schemas, so an
 * LLM's JSON and the offline engine's output are checked the same way.
 */
export const ObserveOutputSchema = z.object({ observations: z.array(ObservationSchema) });

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
  claims: z.array(z.object({ text: z.string().min(1), evidence_refs: z.array(EvidenceRefSchema) })),
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

export type ObserveOutput = z.infer<typeof ObserveOutputSchema>;
export type ReactOutput = z.infer<typeof ReactOutputSchema>;
export type EngageOutput = z.infer<typeof EngageOutputSchema>;
export type ClaimsOutput = z.infer<typeof ClaimsOutputSchema>;
