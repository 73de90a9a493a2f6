import type { SourceFactKind } from '../analysis/index.js';

/** A lane's angle on the objective: it adds search terms and chooses which kinds of fact come first. */
export interface Persona {
  name: string;
  /**
   * General vocabulary of the angle (never words of one sample workspace). Lanes that share a
   * persona take different slices of it, so they do not repeat each other's retrieval.
   */
  keywords: string[];
  /** The kinds of structural fact this angle reports first. */
  focus: SourceFactKind[];
}

/** Default personas, assigned to lanes in turn when the intent names none. */
export const DEFAULT_PERSONAS: readonly Persona[] = [
  {
    name: 'architecture',
    keywords:
      'index main app server router module core base types config plugin adapter factory registry loader client context middleware handler service provider interface compose create'.split(
        ' ',
      ),
    focus: ['exports', 'defines', 'entry-point', 'imports', 'route', 'calls'],
  },
  {
    name: 'security',
    keywords:
      'auth authenticate authorize permission session token secret password credential crypto hash sign verify jwt csrf cors cookie sanitize escape validate tls cert'.split(
        ' ',
      ),
    focus: ['risk', 'defines', 'exports', 'route', 'calls'],
  },
  {
    name: 'tests',
    keywords:
      'test spec describe expect assert mock fixture setup teardown coverage snapshot stub fake harness suite runner e2e integration unit bench helper'.split(
        ' ',
      ),
    focus: ['test', 'defines', 'exports'],
  },
  {
    name: 'performance',
    keywords:
      'cache pool batch stream buffer queue concurrency parallel worker lazy memo index limit timeout debounce throttle compress chunk pipeline async benchmark'.split(
        ' ',
      ),
    focus: ['defines', 'exports', 'calls', 'risk'],
  },
  {
    name: 'data',
    keywords:
      'schema model database query store repository migration table record entity serialize parse json validate transaction cursor storage persist encode decode format'.split(
        ' ',
      ),
    focus: ['risk', 'defines', 'exports', 'imports'],
  },
  {
    name: 'operations',
    keywords:
      'env environment config logger log error retry shutdown signal listen port deploy health metrics trace monitor build script start cli option flag'.split(
        ' ',
      ),
    focus: ['entry-point', 'route', 'defines', 'risk'],
  },
];

/** The persona for a lane: the one named in the intent, else the default at the lane's position. */
export function personaFor(name: string | undefined, laneIndex: number): Persona {
  if (name !== undefined) {
    const known = DEFAULT_PERSONAS.find((persona) => persona.name === name);
    return (
      known ?? { name, keywords: name.split(/[\s,]+/).filter(Boolean), focus: ['defines', 'exports', 'risk'] }
    );
  }
  return DEFAULT_PERSONAS[laneIndex % DEFAULT_PERSONAS.length] as Persona;
}
