import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from './analyze-workspace.js';
import { assessObjective } from './assess-objective.js';

const files = [
  {
    path: 'src/router.ts',
    text: [
      "import { compose } from './compose.js';",
      'export class Router {',
      '  add() { return compose(); }',
      '}',
      'const apiKey = "sk_live_0123456789abcdef";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under analysis, not a template.
      'export function query(db, id) { return db.run(`SELECT * FROM users WHERE id = ${id}`); }',
      'fetchAll().then((rows) => rows);',
      'eval(code);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under analysis, not a template.
      'exec(`rm -rf ${dir}`);',
      'const agent = { rejectUnauthorized: false };',
    ].join('\n'),
  },
  { path: 'src/compose.ts', text: 'export const compose = () => 1;\n' },
  {
    path: 'src/app.test.ts',
    text: "import { Router } from './router';\ndescribe('Router', () => {\n  app.get(\n    '/users', handler);\n});\n",
  },
  {
    path: 'package.json',
    text: '{\n  "name": "x",\n  "main": "dist/index.js",\n  "scripts": {\n    "test": "vitest"\n  }\n}\n',
  },
];

describe('analyzeWorkspace', () => {
  const analysis = analyzeWorkspace(files);
  const statements = analysis.facts.map((fact) => `${fact.statement} @${fact.line}-${fact.endLine}`);

  it('states what files define, export and import, with the lines that show it', () => {
    expect(statements).toContain('src/router.ts exports class Router @2-2');
    expect(statements).toContain('src/router.ts imports compose from "./compose.js" @1-1');
    expect(statements).toContain('src/router.ts calls compose @3-3');
    expect(analysis.imports).toContainEqual({ from: 'src/router.ts', to: 'src/compose.ts' });
    expect(analysis.imports).toContainEqual({ from: 'src/app.test.ts', to: 'src/router.ts' });
  });

  it('finds routes, tests and entry points, citing the literal even when it sits below the call', () => {
    expect(statements).toContain('src/app.test.ts registers a get route "/users" on app @3-4');
    expect(statements).toContain('src/app.test.ts tests "Router" (describe) @2-2');
    expect(statements).toContain('package.json declares the "main" entry point "dist/index.js" @3-3');
    expect(statements).toContain('package.json declares the "test" script @5-5');
  });

  it('reports rule-based risk findings with a rule id', () => {
    const rules = analysis.facts.flatMap((fact) =>
      fact.ruleId === undefined ? [] : [`${fact.ruleId}@${fact.line}`],
    );
    expect(rules).toEqual(
      expect.arrayContaining([
        'hard-coded-secret@5',
        'sql-string-built@6',
        'promise-without-catch@7',
        'eval-dynamic@8',
        'exec-interpolated@9',
        'tls-verification-disabled@10',
      ]),
    );
  });

  it('expands objectives from the workspace vocabulary and knows when nothing matches', () => {
    const routing = assessObjective('Where is routing implemented?', analysis.vocabulary);
    expect(routing.relevant).toBe(true);
    expect(routing.expansions).toContain('Router');
    expect(assessObjective('zzqx flurb wibble', analysis.vocabulary)).toMatchObject({
      relevant: false,
      unmatchedTerms: ['zzqx', 'flurb', 'wibble'],
    });
    expect(assessObjective('Map the architecture', analysis.vocabulary)).toMatchObject({
      relevant: true,
      angles: ['architecture'],
    });
    expect(assessObjective('what calls createSessionToken', analysis.vocabulary).subjectTerms).toEqual([
      'calls',
      'create',
      'session',
      'token',
    ]);
  });
});
