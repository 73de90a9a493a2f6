import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../analysis/index.js';
import type { ContextExcerpt } from './model-port.js';
import { observeWithAnalysis } from './offline-observe.js';

const python = [
  'import hmac',
  '',
  'class SessionInterface:',
  '    #: the salt applied on top of the secret key for signing',
  '    salt = "cookie-session"',
  '',
  '    def open_session(self, app, request):',
  '        return None',
].join('\n');
const prose = ['Intro', '', 'Sessions', '--------', '', 'A session keeps values between requests.'].join(
  '\n',
);

function excerpt(path: string, text: string, first: number, last: number, id: string): ContextExcerpt {
  const lines = text
    .split('\n')
    .slice(first - 1, last)
    .join('\n');
  return {
    ref: { kind: 'file', path, lines: [first, last], sha256: 'x'.repeat(64) },
    text: lines,
    score: 1,
    id,
  };
}

describe('observeWithAnalysis: mentions', () => {
  const files = [
    { path: 'src/sessions.py', text: python },
    { path: 'docs/sessions.rst', text: prose },
  ];
  const analysis = analyzeWorkspace(files);
  const observe = (context: ContextExcerpt[]) =>
    observeWithAnalysis(
      {
        objective: 'How are sessions signed with the secret key?',
        persona: 'security',
        queries: [],
        feedback: [],
      },
      context,
      analysis,
      { maxObservations: 8, maxQuoteLength: 200 },
    ).observations;

  it('reports a line once, however many excerpts retrieval handed over hold it', () => {
    const found = observe([
      excerpt('src/sessions.py', python, 1, 8, 'E1'),
      excerpt('src/sessions.py', python, 3, 8, 'E2'),
      excerpt('src/sessions.py', python, 4, 5, 'E3'),
    ]);
    const cited = found.map((observation) => `${observation.evidence[0]?.start_line}:${observation.text}`);
    expect(cited).toContain('4:src/sessions.py mentions "signing" in a comment');
    expect(new Set(cited).size).toBe(cited.length);
  });

  it('never cites a line too short to support anything (a one-word heading)', () => {
    const found = observe([excerpt('docs/sessions.rst', prose, 1, 6, 'E1')]);
    expect(found.map((observation) => observation.evidence[0]?.start_line)).toEqual([6]);
    expect(found[0]?.text).toBe('docs/sessions.rst mentions "session" in its text');
  });
});

describe('observeWithAnalysis: facts', () => {
  it('states a statement of a file once, at its first line (overloads, repeated registrations)', () => {
    const source = [
      'export function connect(url: string): Client;',
      'export function connect(options: Options): Client;',
      'export function connect(input: string | Options): Client {',
      '  return new Client(input);',
      '}',
    ].join('\n');
    const analysis = analyzeWorkspace([{ path: 'src/connect.ts', text: source }]);
    const found = observeWithAnalysis(
      { objective: 'Where is connect defined?', persona: 'architecture', queries: [], feedback: [] },
      [excerpt('src/connect.ts', source, 1, 5, 'E1')],
      analysis,
      { maxObservations: 8, maxQuoteLength: 200 },
    ).observations;
    const texts = found.map((observation) => observation.text);
    expect(texts).toContain('src/connect.ts exports function connect');
    expect(new Set(texts).size).toBe(texts.length);
    expect(
      found.find((observation) => observation.text === 'src/connect.ts exports function connect')?.evidence[0]
        ?.start_line,
    ).toBe(1);
  });
});
