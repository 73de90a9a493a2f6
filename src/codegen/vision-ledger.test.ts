import { describe, expect, it } from 'vitest';
import { checkVision, extendVisionLedger, visionSections } from './vision-ledger.js';

const v1 = '# Vision\n\n## A\n\nFirst.\n';
const ledger = () =>
  (JSON.parse(extendVisionLedger([], visionSections(v1))) as { sections: never[] }).sections;

describe('the append-only vision document', () => {
  it('appending a section is fine, even after a trailing blank line', () => {
    expect(checkVision(ledger(), visionSections(`${v1}\n## B\n\nSecond.\n`))).toEqual([]);
  });

  it('a rewritten or deleted earlier section is flagged', () => {
    expect(checkVision(ledger(), visionSections('# Vision\n\n## A\n\nChanged.\n'))).toEqual([
      { kind: 'vision-section-rewritten', title: 'A' },
    ]);
    expect(checkVision(ledger(), visionSections('# Vision\n'))).toEqual([
      { kind: 'vision-section-deleted', title: 'A' },
    ]);
  });

  it('the ledger only grows: a rewrite recorded later is still caught', () => {
    const recorded = ledger();
    const rewritten = visionSections('# Vision\n\n## A\n\nChanged.\n');
    const next = (JSON.parse(extendVisionLedger(recorded, rewritten)) as { sections: never[] }).sections;
    expect(next).toEqual(recorded);
  });
});
