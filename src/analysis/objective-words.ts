/** Words that ask, not name: they say nothing about which part of a workspace is meant. */
export const GENERIC_WORDS = new Set(
  `a an and are as at be but by can could do does did for from has have how in into is it its of on or our should
  that the their then there these this those to under was were what when where which while who whom why will with
  without would you your all any each more most other same such than too very just only also about over me my we
  us i please map list show find tell give explain describe summarize summarise identify analyse analyze assess
  evaluate review audit look check need want know see get make let implemented implement implements implementation
  defined define defines located locate live lives happen happens work works done used use uses using handled
  main important potential possible known here some way ways part parts thing things whole entire overall
  sample code codebase repository repo workspace project service services app application system library package
  module modules file files folder folders source sources`.split(/\s+/),
);

/** Angle words: they choose a lens (a persona's), not a subject. */
export const ANGLE_WORDS: Readonly<Record<string, readonly string[]>> = {
  architecture: [
    'architecture',
    'architectural',
    'structure',
    'structured',
    'design',
    'overview',
    'layout',
    'layers',
    'layer',
    'dependency',
    'dependencies',
    'organised',
    'organized',
    'components',
    'component',
    'graph',
  ],
  security: [
    'security',
    'secure',
    'insecure',
    'vulnerability',
    'vulnerabilities',
    'vulnerable',
    'exploit',
    'attack',
    'threat',
    'threats',
    'injection',
  ],
  risk: [
    'risk',
    'risks',
    'risky',
    'danger',
    'dangerous',
    'problems',
    'problem',
    'bugs',
    'bug',
    'issues',
    'issue',
    'smells',
    'weaknesses',
  ],
  tests: ['test', 'tests', 'tested', 'testing', 'coverage', 'spec', 'specs'],
  performance: [
    'performance',
    'perf',
    'fast',
    'slow',
    'speed',
    'latency',
    'throughput',
    'bottleneck',
    'bottlenecks',
    'efficient',
    'efficiency',
  ],
  data: ['data', 'storage', 'persistence', 'persisted', 'schema', 'schemas'],
  entry: ['entry', 'entrypoint', 'entrypoints', 'start', 'starts', 'boot', 'bootstrap'],
};

const ANGLE_LOOKUP = new Map(
  Object.entries(ANGLE_WORDS).flatMap(([angle, words]) => words.map((word) => [word, angle] as const)),
);

/** The angle a word selects (`tests` for `testing`), or undefined for a subject word. */
export function angleOf(word: string): string | undefined {
  return ANGLE_LOOKUP.get(word);
}
