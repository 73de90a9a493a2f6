import { describe, expect, it } from 'vitest';
import { MissionIntentSchema, resolveLanes } from '../contracts/index.js';
import { personaFor } from '../roles/index.js';
import { createWorkspaceIndex } from '../tools/index.js';
import { buildPerceiveQueries } from './perceive-queries.js';

const index = createWorkspaceIndex([
  { path: 'src/router/trie-router.ts', text: 'export class TrieRouter {}\n' },
  { path: 'src/router/reg-exp-router.ts', text: 'export class RegExpRouter {}\n' },
  { path: 'src/router/smart-router.ts', text: 'export class SmartRouter {}\n' },
  {
    path: 'src/hono.ts',
    text: "import { SmartRouter } from './router/smart-router';\nexport class Hono {}\n",
  },
]);

function queriesOf(objective: string, lanes: number): string[][] {
  const intent = MissionIntentSchema.parse({
    mission_id: 'mi_t',
    created_at: '2026-12-01T00:00:00Z',
    objective,
    lanes,
  });
  return resolveLanes(intent).map((lane, position) =>
    buildPerceiveQueries({ intent, lane, persona: personaFor(undefined, position), index }),
  );
}

describe('buildPerceiveQueries', () => {
  it('steers by the objective expanded from the workspace vocabulary', () => {
    const [first] = queriesOf('Where is routing implemented?', 2);
    expect(first?.join(' ')).toMatch(/TrieRouter|RegExpRouter|SmartRouter/);
  });

  it('gives every lane its own queries, also beyond the persona count', () => {
    const all = queriesOf('Where is routing implemented?', 14).map((queries) => queries.join(' | '));
    expect(new Set(all).size).toBe(all.length);
  });

  it('asks only the objective itself when the workspace knows none of its words', () => {
    expect(queriesOf('zzqx flurb wibble', 3)).toEqual([
      ['zzqx flurb wibble'],
      ['zzqx flurb wibble'],
      ['zzqx flurb wibble'],
    ]);
  });

  it('places lanes by the lane list as it is now, also when it was changed in place', () => {
    const intent = MissionIntentSchema.parse({
      mission_id: 'mi_t',
      created_at: '2026-12-01T00:00:00Z',
      objective: 'Map the architecture of the routers',
      lanes: [{ persona: 'security' }, { persona: 'security' }, { persona: 'tests' }],
    });
    const third = () => {
      const lane = resolveLanes(intent)[2];
      if (lane === undefined) throw new Error('no third lane');
      return buildPerceiveQueries({ intent, lane, persona: personaFor('security', 2), index });
    };
    // Two earlier security lanes: the third security lane takes the third slice of its vocabulary.
    const asThirdSecurityLane = third();
    const lanes = intent.lanes as { persona?: string }[];
    (lanes[1] as { persona?: string }).persona = 'tests';
    const asSecondSecurityLane = third();
    const fresh = MissionIntentSchema.parse({ ...intent, lanes: structuredClone(lanes) });
    const lane = resolveLanes(fresh)[2];
    if (lane === undefined) throw new Error('no third lane');
    expect(asSecondSecurityLane).toEqual(
      buildPerceiveQueries({ intent: fresh, lane, persona: personaFor('security', 2), index }),
    );
    expect(asSecondSecurityLane).not.toEqual(asThirdSecurityLane);
  });
});
