import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFile, type FileAnalysis } from './analyze-workspace.js';
import { PARSED_SOURCE } from './parse-source.js';
import { PARSER_CASE_PATHS, PARSER_CASES } from './test-parser-cases.js';

/**
 * The analysis moved from Babel to oxc (decision 0055). `fixtures/babel-facts.json` holds what the
 * Babel-based analysis answered: every fact (kind, path, lines, statement, names, terms, rule,
 * target), parse status and import resolution of the tricky cases, and a digest of the same for
 * every JS/TS file of seven real packages (pinned by the lockfile). The oxc-based analysis must
 * answer the same, byte for byte; the one known difference is Flow-only syntax, which oxc does not
 * parse (such a file is searched as text, as an unparsable file always was). One wording changed
 * on purpose since: an import or export of many names said `a, b, c, d, … from` (an ellipsis the
 * Verify gate reads as a placeholder) and now says `a, b, c, d and others from`; `asRecorded`
 * writes it back the old way before comparing, so every other byte is still held.
 */
const recorded = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/babel-facts.json', import.meta.url)), 'utf8'),
) as {
  cases: Record<string, FileAnalysis>;
  packages: Record<string, { version: string; files: number; facts: string }>;
};
const FLOW_ONLY = new Set(['src/flow.js']);
const modules = fileURLToPath(new URL('../../node_modules/', import.meta.url));

function packageFiles(name: string): [string, string][] {
  const found: [string, string][] = [];
  const walk = (dir: string, relative: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      if (entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      const at = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path, at);
      else if (entry.isFile() && PARSED_SOURCE.test(entry.name)) found.push([at, path]);
    }
  };
  walk(realpathSync(join(modules, name)), name);
  return found;
}

/** The analysis in the recorded wording: imports and exports of many names said `, …`. */
function asRecorded(analysis: FileAnalysis): FileAnalysis {
  const facts = analysis.facts.map((fact) => {
    const at = fact.statement.lastIndexOf(' and others');
    if ((fact.kind !== 'imports' && fact.kind !== 'exports') || at < 0) return fact;
    const statement = `${fact.statement.slice(0, at)}, …${fact.statement.slice(at + ' and others'.length)}`;
    return { ...fact, statement };
  });
  return { ...analysis, facts };
}

describe('the oxc-based analysis answers what the Babel-based one did', () => {
  const paths = new Set(PARSER_CASE_PATHS);

  it.each(PARSER_CASES.map(([path, text]) => ({ path, text })))('$path', ({ path, text }) => {
    const analysis = analyzeFile(path, text, paths);
    if (FLOW_ONLY.has(path)) {
      expect(recorded.cases[path]?.status).toBe('parsed');
      expect(analysis).toEqual({ facts: [], status: 'unparsed', resolutions: [] });
    } else expect(JSON.stringify(analysis)).toBe(JSON.stringify(recorded.cases[path]));
  });

  it.each(Object.keys(recorded.packages))(
    'every file of %s',
    (name) => {
      const expected = recorded.packages[name];
      const version = JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version;
      // Another version has other files: the digest was recorded for this one.
      expect(version, `${name} changed version: the recorded facts are of ${expected?.version}`).toBe(
        expected?.version,
      );
      const files = packageFiles(name);
      const all = new Set(files.map(([path]) => path));
      const hash = createHash('sha256');
      for (const [path, file] of files)
        hash.update(
          `${JSON.stringify([path, asRecorded(analyzeFile(path, readFileSync(file, 'utf8'), all))])}\n`,
        );
      expect(files.length).toBe(expected?.files);
      expect(hash.digest('hex')).toBe(expected?.facts);
    },
    60_000,
  );
});
