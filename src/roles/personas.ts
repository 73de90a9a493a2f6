/** A lane's focus: it steers the Observers' search queries. */
export interface Persona {
  name: string;
  /** Search terms the persona adds to the objective. */
  keywords: string[];
}

/** Default personas, assigned to lanes in turn when the intent names none. */
export const DEFAULT_PERSONAS: readonly Persona[] = [
  {
    name: 'architecture',
    keywords: [
      'architecture',
      'module',
      'server',
      'route',
      'handler',
      'database',
      'pool',
      'client',
      'config',
      'import',
    ],
  },
  {
    name: 'risk',
    keywords: [
      'risk',
      'error',
      'retry',
      'timeout',
      'fail',
      'injection',
      'secret',
      'validation',
      'refund',
      'idempotency',
    ],
  },
  {
    name: 'security',
    keywords: ['auth', 'session', 'token', 'secret', 'password', 'hmac', 'sql', 'injection', 'unauthorized'],
  },
  {
    name: 'operations',
    keywords: ['deploy', 'instances', 'environment', 'signal', 'shutdown', 'log', 'listen', 'port', 'limit'],
  },
  { name: 'quality', keywords: ['test', 'validation', 'check', 'type', 'interface', 'known', 'limit'] },
  {
    name: 'performance',
    keywords: ['performance', 'latency', 'pool', 'connections', 'cache', 'batch', 'concurrency'],
  },
];

/** The persona for a lane: the one named in the intent, else the default at the lane's position. */
export function personaFor(name: string | undefined, laneIndex: number): Persona {
  if (name !== undefined) {
    const known = DEFAULT_PERSONAS.find((persona) => persona.name === name);
    return known ?? { name, keywords: name.split(/[\s,]+/).filter(Boolean) };
  }
  return DEFAULT_PERSONAS[laneIndex % DEFAULT_PERSONAS.length] as Persona;
}
