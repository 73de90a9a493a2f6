import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createWorkspaceIndex, scanWorkspace } from '../tools/index.js';
import { ClaimsOutputSchema, ObserveOutputSchema } from './model-tasks.js';
import { createOfflineEngine } from './offline-engine.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));

async function observe(objective: string, persona = 'architecture') {
  const index = createWorkspaceIndex(await scanWorkspace(sample));
  const engine = createOfflineEngine({ analysis: index.analysis });
  const context = index
    .search(objective, { limit: 14 })
    .map((excerpt, position) => ({ ...excerpt, id: `E${position + 1}` }));
  const { object } = await engine.generate({
    task: 'observe',
    system: '',
    prompt: objective,
    context,
    input: { objective, persona, queries: [objective], feedback: [] },
    schema: ObserveOutputSchema,
  });
  return { object, context, engine };
}

describe('offline engine', () => {
  it('states structural facts that cite lines inside the excerpts it was given', async () => {
    const { object, context } = await observe('Where is the connection pool implemented?');
    expect(object.observations.length).toBeGreaterThan(0);
    for (const observation of object.observations) {
      expect(observation.text).not.toMatch(/ line \d+ reads:/);
      const [citation] = observation.evidence;
      const excerpt = context.find((candidate) => candidate.id === citation?.ref_id);
      expect(excerpt).toBeDefined();
      expect(citation?.start_line).toBeGreaterThanOrEqual(excerpt?.ref.lines[0] ?? 0);
      expect(citation?.end_line).toBeLessThanOrEqual(excerpt?.ref.lines[1] ?? 0);
    }
    expect(object.observations.map((observation) => observation.text).join('\n')).toMatch(
      /src\/db\/pool\.ts (exports|defines)/,
    );
  });

  it('finds nothing for an objective the workspace does not know, and says so', async () => {
    const { object, engine } = await observe('zzqx flurb wibble', 'security');
    expect(object.observations).toEqual([]);
    const { object: claims } = await engine.generate({
      task: 'claims',
      system: '',
      prompt: '',
      context: [],
      input: { objective: 'zzqx flurb wibble', persona: 'security', observations: [], feedback: [] },
      schema: ClaimsOutputSchema,
    });
    expect(claims.claims).toEqual([]);
    expect(claims.summary).toMatch(/nothing relevant found .*zzqx/);
  });

  it('reports rule-based risk findings with their rule id for a security lane', async () => {
    const { object } = await observe('SQL query building in the database layer', 'security');
    expect(object.observations.map((observation) => observation.text).join('\n')).toMatch(
      /risk sql-string-built: src\/db\//,
    );
  });
});
