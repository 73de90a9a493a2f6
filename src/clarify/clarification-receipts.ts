import type { ReceiptDraft } from '../contracts/index.js';
import type { AnsweredPass } from './clarify-question.js';

/**
 * One blackboard receipt per pass (phase `clarify`, lane and role `swarmlord`) with its questions,
 * who wrote them and the answers, then one `intent_frozen` receipt naming the intent file. The
 * caller appends them (secrets redacted) once the intent is approved.
 */
export function clarificationReceipts(
  missionId: string,
  passes: readonly AnsweredPass[],
  frozen: { path: string; version: number; at: string },
): ReceiptDraft[] {
  const drafts: ReceiptDraft[] = passes.map((pass) => ({
    mission_id: missionId,
    lane_id: 'swarmlord',
    phase: 'clarify',
    role: 'swarmlord',
    summary:
      `clarification pass ${pass.pass}: ${pass.questions.length} question(s) ` +
      `(${pass.source === 'model' ? `written by ${pass.model ?? 'the model'}` : 'fixed set'}) answered` +
      (pass.approved === undefined ? '' : pass.approved ? '; summary approved' : '; summary rejected'),
    timestamp: pass.at,
    data: {
      pass: pass.pass,
      source: pass.source,
      ...(pass.model === undefined ? {} : { model: pass.model }),
      ...(pass.note === undefined ? {} : { note: pass.note }),
      questions: pass.questions.map((question, index) => ({
        topic: question.topic,
        question: question.text,
        answer: pass.answers[index] ?? '',
      })),
      ...(pass.approved === undefined ? {} : { approved: pass.approved }),
    },
  }));
  drafts.push({
    mission_id: missionId,
    lane_id: 'swarmlord',
    phase: 'intent_frozen',
    role: 'swarmlord',
    summary: `mission intent version ${frozen.version} frozen after ${passes.length} clarification passes: ${frozen.path}`,
    timestamp: frozen.at,
    data: { path: frozen.path, version: frozen.version, passes: passes.length },
  });
  return drafts;
}
