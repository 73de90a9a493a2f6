import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { redactSecrets, redactText } from '../blackboard/index.js';
import type {
  EvidenceRef,
  ModelCallEnd,
  ToolCallEnd,
  ValidatorReport,
  VerifyReport,
} from '../contracts/index.js';
import { formatEvidenceRef } from '../contracts/index.js';
import {
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_EVALUATION_EXPLANATION,
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_TYPE,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_WORKFLOW_NAME,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW,
} from './gen-ai-semconv.js';

/** The workflow name of a mission's root span (`invoke_workflow mission`). */
export const WORKFLOW_NAME = 'mission';

/** The GenAI event each validator's vote becomes. */
export const EVALUATION_EVENT = 'gen_ai.evaluation.result';

/** Longest captured content; the span limits cut every other attribute to the same length. */
export const MAX_ATTRIBUTE_LENGTH = 8_192;

type Loose = Record<string, AttributeValue | undefined>;

/** Drops undefined values and redacts every string, so no secret reaches a collector or a trace file. */
export function cleanAttributes(attributes: Loose, env: NodeJS.ProcessEnv): Attributes {
  const defined = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
  return redactSecrets(defined, env) as Attributes;
}

function evidenceTexts(refs: readonly EvidenceRef[]): string[] {
  return refs.map(formatEvidenceRef);
}

function contentText(value: unknown): string {
  // Redacted before it is cut, so no fragment of a secret survives the cut.
  const text = redactText(typeof value === 'string' ? value : JSON.stringify(value));
  return text.length > MAX_ATTRIBUTE_LENGTH ? `${text.slice(0, MAX_ATTRIBUTE_LENGTH - 1)}…` : text;
}

/** `gen_ai.output.messages` in the semantic conventions' shape: one assistant message of text. */
export function outputContentAttributes(value: unknown): Loose {
  const messages = [{ role: 'assistant', parts: [{ type: 'text', content: contentText(value) }] }];
  return { [ATTR_GEN_AI_OUTPUT_MESSAGES]: JSON.stringify(messages) };
}

export function missionAttributes(missionId: string, objective: string, laneIds: readonly string[]): Loose {
  return {
    [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW,
    [ATTR_GEN_AI_WORKFLOW_NAME]: WORKFLOW_NAME,
    'swarmlord.mission_id': missionId,
    'swarmlord.objective': objective,
    'swarmlord.lane_ids': [...laneIds],
    'swarmlord.role': 'swarmlord',
  };
}

export interface AgentScope {
  missionId: string;
  laneId: string;
  attempt: number;
  role: string;
  phase?: string;
  model?: string;
}

/** A lane attempt or a phase: `invoke_agent {gen_ai.agent.name}`. */
export function agentAttributes(scope: AgentScope): Loose {
  const id = [scope.laneId, scope.attempt, scope.phase].filter((part) => part !== undefined).join('/');
  return {
    [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
    [ATTR_GEN_AI_AGENT_NAME]: scope.phase === undefined ? scope.laneId : scope.role,
    [ATTR_GEN_AI_AGENT_ID]: `${scope.missionId}/${id}`,
    [ATTR_GEN_AI_REQUEST_MODEL]: scope.model,
    'swarmlord.mission_id': scope.missionId,
    'swarmlord.lane_id': scope.laneId,
    'swarmlord.attempt': scope.attempt,
    'swarmlord.role': scope.role,
    'swarmlord.phase': scope.phase,
  };
}

export function phaseEndAttributes(refs: readonly EvidenceRef[], summary: string, durationMs: number): Loose {
  return {
    'swarmlord.evidence_refs': evidenceTexts(refs),
    'swarmlord.summary': summary,
    'swarmlord.duration_ms': durationMs,
  };
}

/** A model call: `{gen_ai.operation.name} {gen_ai.request.model}`. */
export function modelCallAttributes(missionId: string, event: ModelCallEnd): Loose {
  return {
    [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_CHAT,
    [ATTR_GEN_AI_PROVIDER_NAME]: event.provider,
    [ATTR_GEN_AI_REQUEST_MODEL]: event.model,
    [ATTR_GEN_AI_RESPONSE_MODEL]: event.response_model,
    [ATTR_GEN_AI_RESPONSE_ID]: event.response_id,
    [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: event.finish_reasons,
    [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: event.input_tokens,
    [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: event.output_tokens,
    [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: event.cached_input_tokens,
    'error.type': event.error === undefined ? undefined : 'model_call_failed',
    'swarmlord.mission_id': missionId,
    'swarmlord.lane_id': event.lane_id,
    'swarmlord.attempt': event.attempt,
    'swarmlord.phase': event.phase,
    'swarmlord.role': event.role,
    'swarmlord.task': event.task,
    'swarmlord.call_index': event.call_index,
    'swarmlord.cost_usd': event.cost_usd,
    'swarmlord.cache': event.cache,
  };
}

/** A tool call: `execute_tool {gen_ai.tool.name}`; arguments and result only when content is captured. */
export function toolCallAttributes(missionId: string, event: ToolCallEnd, captureContent: boolean): Loose {
  return {
    [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
    [ATTR_GEN_AI_TOOL_NAME]: event.tool,
    [ATTR_GEN_AI_TOOL_TYPE]: 'function',
    [ATTR_GEN_AI_TOOL_CALL_ARGUMENTS]: captureContent ? contentText(event.input) : undefined,
    [ATTR_GEN_AI_TOOL_CALL_RESULT]: captureContent ? contentText(event.summary) : undefined,
    'error.type': event.error === undefined ? undefined : 'tool_call_failed',
    'swarmlord.mission_id': missionId,
    'swarmlord.lane_id': event.lane_id,
    'swarmlord.attempt': event.attempt,
    'swarmlord.phase': event.phase,
    'swarmlord.role': event.role,
    'swarmlord.evidence_refs': evidenceTexts(event.evidence_refs),
  };
}

/** The seed's verify attributes: quorum and hallucination rate. */
export function verifyAttributes(report: VerifyReport): Loose {
  const { quorum } = report;
  return {
    'swarmlord.verdict': report.verdict,
    'swarmlord.hallucination_rate': report.hallucination_rate,
    'swarmlord.quorum': `${quorum.passed}/${quorum.threshold} ${quorum.held ? 'held' : 'not held'}`,
    'swarmlord.quorum.passed': quorum.passed,
    'swarmlord.quorum.threshold': quorum.threshold,
    'swarmlord.quorum.held': quorum.held,
    'swarmlord.claims_total': report.claims_total,
    'swarmlord.claims_grounded': report.claims_grounded,
    'swarmlord.failing_lanes': report.failing_lanes,
  };
}

/** One `gen_ai.evaluation.result` event's attributes for a validator's vote. */
export function evaluationAttributes(vote: ValidatorReport): Loose {
  return {
    [ATTR_GEN_AI_EVALUATION_NAME]: vote.validator,
    [ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: vote.passed ? 'pass' : 'fail',
    [ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: vote.passed ? 1 : 0,
    [ATTR_GEN_AI_EVALUATION_EXPLANATION]: vote.summary,
    'swarmlord.failing_lanes': vote.failing_lanes,
    'swarmlord.findings': vote.findings.length,
    'swarmlord.judged_by': vote.judged_by,
  };
}
