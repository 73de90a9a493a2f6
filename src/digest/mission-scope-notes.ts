import type { DigestNote } from '../contracts/digest.js';
import type { MissionIntent } from '../contracts/mission-intent.js';

/**
 * What the clarification decided, so a reader of the digest sees what was asked: the scope
 * Perceive read and the success criteria the `mission_criteria` validator checked (with how).
 */
export function missionScopeNotes(intent: MissionIntent): DigestNote[] {
  const notes: DigestNote[] = [];
  const { include, exclude } = intent.scope;
  if (include.length > 0 || exclude.length > 0) {
    notes.push({
      text: `Scope (from clarification): read ${include.length === 0 ? 'the whole workspace' : include.join(', ')}${exclude.length === 0 ? '' : `, leaving out ${exclude.join(', ')}`}.`,
      evidence_refs: [],
    });
  }
  if (intent.criteria.length > 0) {
    notes.push({
      text: `Success criteria (from clarification), checked by the mission_criteria validator: ${intent.criteria.map((criterion) => `${criterion.name} “${criterion.text}”`).join('; ')}.`,
      evidence_refs: [],
    });
  }
  return notes;
}
