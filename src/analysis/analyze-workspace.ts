import { extractBehaviourFacts } from './extract-behaviour-facts.js';
import { extractModuleFacts } from './extract-module-facts.js';
import { extractPackageFacts } from './extract-package-facts.js';
import { PARSED_SOURCE, parseSource } from './parse-source.js';
import { resolveSpecifier } from './resolve-specifier.js';
import type { SourceFact } from './source-fact.js';
import { createWorkspaceVocabulary, type WorkspaceVocabulary } from './workspace-vocabulary.js';

/** One import between two workspace files. */
export interface ImportEdge {
  from: string;
  to: string;
}

/** What the analysis knows of a workspace: structural facts, the import graph and its vocabulary. */
export interface WorkspaceAnalysis {
  readonly facts: readonly SourceFact[];
  /** Facts whose evidence lies inside lines `[start, end]` of `path`. */
  factsIn(path: string, start: number, end: number): SourceFact[];
  /** Facts about one file. */
  factsOf(path: string): readonly SourceFact[];
  readonly imports: readonly ImportEdge[];
  readonly vocabulary: WorkspaceVocabulary;
  /** JavaScript/TypeScript files parsed. */
  readonly parsedFiles: number;
  /** JavaScript/TypeScript files Babel could not parse (searched as text only). */
  readonly unparsedFiles: readonly string[];
}

/**
 * Parses every JavaScript/TypeScript file (Babel, TypeScript + JSX) and reads every
 * `package.json`, collecting what each file defines, exports, imports, calls, registers (routes),
 * tests and risks (rule ids in `RISK_RULES`). Pure: it reads only the texts it is given.
 */
export function analyzeWorkspace(files: readonly { path: string; text: string }[]): WorkspaceAnalysis {
  const paths = new Set(files.map((file) => file.path));
  const byPath = new Map<string, SourceFact[]>();
  const unparsed: string[] = [];
  let parsed = 0;
  for (const file of files) {
    const facts = extractPackageFacts(file.path, file.text);
    if (PARSED_SOURCE.test(file.path)) {
      const ast = parseSource(file.path, file.text);
      if (ast === undefined) unparsed.push(file.path);
      else {
        parsed += 1;
        const resolve = (specifier: string) => resolveSpecifier(file.path, specifier, paths);
        const moduleFacts = extractModuleFacts(file.path, ast, resolve);
        const imported = new Set(
          moduleFacts.filter((fact) => fact.kind === 'imports').flatMap((fact) => fact.names.slice(1)),
        );
        facts.push(...moduleFacts, ...extractBehaviourFacts(file.path, ast, imported, resolve));
      }
    }
    if (facts.length > 0)
      byPath.set(
        file.path,
        facts.sort((left, right) => left.line - right.line),
      );
  }
  return analysisFromFacts(files, [...byPath.values()].flat(), parsed, unparsed);
}

/**
 * The analysis of `files` from facts already extracted (sorted by line within each file, files in
 * scan order), e.g. read back from the workspace index cache: the same object `analyzeWorkspace`
 * returns for the same files.
 */
export function analysisFromFacts(
  files: readonly { path: string; text: string }[],
  all: SourceFact[],
  parsed: number,
  unparsed: string[],
): WorkspaceAnalysis {
  const byPath = new Map<string, SourceFact[]>();
  for (const fact of all) {
    const list = byPath.get(fact.path);
    if (list === undefined) byPath.set(fact.path, [fact]);
    else list.push(fact);
  }
  const imports = all.flatMap((fact) =>
    fact.target !== undefined && fact.target !== fact.path ? [{ from: fact.path, to: fact.target }] : [],
  );
  return {
    facts: all,
    factsIn: (path, start, end) =>
      (byPath.get(path) ?? []).filter((fact) => fact.line >= start && fact.endLine <= end),
    factsOf: (path) => byPath.get(path) ?? [],
    imports,
    vocabulary: createWorkspaceVocabulary(files, all),
    parsedFiles: parsed,
    unparsedFiles: unparsed,
  };
}
