/** The words of swarmlord's output, for `swarmlord --help` and the README (kept in one place). */
export const GLOSSARY: readonly (readonly [string, string])[] = [
  [
    'PREY',
    'the four phases of a lane, in order: Perceive (read the workspace), React (make sense, plan), Engage (work), Yield (assemble claims with evidence)',
  ],
  ['lane', 'one P→R→E→Y pipeline; several run in parallel, each with its own persona and model'],
  [
    'Cynefin',
    'the sense-making frame React uses to classify the problem: clear, complicated, complex, chaotic, confused',
  ],
  ['immunizer', 'the blue-team validator: checks that every claim is grounded in its evidence'],
  ['disruptor', 'the red-team validator: adversarial probes and planted canary claims the gate must reject'],
  ['verifier_aux', 'the independent third validator: consistency within and across lanes'],
  ['quorum', 'how many validators must pass (default 2 of 3) for the Verify gate to hold'],
  [
    'hallucination rate',
    'claims without evidence, or whose evidence fails or contradicts them, ÷ checkable claims; ≤ 10 % PASS, ≤ 20 % CAUTION, else FAIL',
  ],
  ['blackboard', 'the append-only, hash-chained JSONL log every step writes to (swarmlord audit checks it)'],
  [
    'receipt',
    'one blackboard line: who did what in which phase, with evidence refs and the hash of the line before',
  ],
  [
    'digest',
    'the mission’s answer: BLUF (bottom line up front) and confidence, decision matrix, diagram, notes with evidence',
  ],
  [
    'mission intent',
    'the YAML the Swarmlord writes after clarification: the single source of truth of a run',
  ],
];

/** The glossary as a help section. */
export function glossaryHelp(): string {
  const width = Math.max(...GLOSSARY.map(([term]) => term.length));
  return `\nGlossary:\n${GLOSSARY.map(([term, meaning]) => `  ${term.padEnd(width)}  ${meaning}`).join('\n')}`;
}
