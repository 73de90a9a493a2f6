import type { JudgeOutput, ModelRequest } from '../models/index.js';
import { createFakeModel } from '../models/index.js';

/**
 * Test kit of the verify tests: a judge that supports every claim but contradicts the texts
 * matching `against`, answering after `latencyMs` (none by default). Not exported from the index.
 */
export function scriptedJudge(
  modelId: string,
  against?: RegExp,
  latencyMs?: number,
): ReturnType<typeof createFakeModel> {
  return createFakeModel({
    modelId,
    ...(latencyMs === undefined ? {} : { latencyMs }),
    respond: (request: ModelRequest<unknown>): JudgeOutput => {
      const { claims } = request.input as { claims: { claim_id: string; text: string }[] };
      return {
        verdict: 'pass',
        reasons: ['checked every claim'],
        claims: claims.map((claim) => ({
          claim_id: claim.claim_id,
          support: against?.test(claim.text) ? 'contradicted' : 'supported',
          reason: against?.test(claim.text) ? 'the evidence says otherwise' : 'the evidence says so',
        })),
      };
    },
  });
}
