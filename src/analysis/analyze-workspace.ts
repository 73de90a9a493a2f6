import { extractBehaviourFacts } from './extract-behaviour-facts.js';
import { extractModuleFacts } from './extract-module-facts.js';
import { extractPackageFacts } from './extract-package-facts.js';
import { PARSED_SOURCE, parseSource } from './parse-source.js';
import { resolveSpecifier } from './resolve-specifier.js';
import type { SourceFact } from './source-fact.js';
import {
  createWorkspaceVocabulary,
  type StemsOfFile,
  type TextStemTable,
  type WorkspaceVocabulary,
} from './workspace-vocabulary.js';

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
  /** JavaScript/TypeScript files the parser could not parse (searched as text only). */
  readonly unparsedFiles: readonly string[];
}

/** What the analysis found in one file, and the import resolutions those facts depend on. */
export interface FileAnalysis {
  /** Facts sorted by line. */
  facts: SourceFact[];
  /** `parsed`, `unparsed` (the parser failed: searched as text only) or `none` (not JavaScript/TypeScript). */
  status: 'parsed' | 'unparsed' | 'none';
  /** `[specifier, resolved path or '']` for every relative import the facts resolved. */
  resolutions: [string, string][];
}

/**
 * Remembers per-file analyses across runs (the workspace index cache keeps them by path and
 * content hash). A remembered analysis is used only when the file's text hashes the same and every
 * import it resolved resolves the same way among today's paths, so an added or removed file that
 * changes where an import points re-analyses the importer.
 */
export interface FileAnalysisMemo {
  get(path: string): FileAnalysis | undefined;
  set(path: string, analysis: FileAnalysis): void;
}

/** Analyses one file against the workspace's paths (pure). */
export function analyzeFile(path: string, text: string, paths: ReadonlySet<string>): FileAnalysis {
  const facts = extractPackageFacts(path, text);
  const resolutions: [string, string][] = [];
  let status: FileAnalysis['status'] = 'none';
  if (PARSED_SOURCE.test(path)) {
    const parsed = parseSource(path, text);
    if (parsed === undefined) status = 'unparsed';
    else {
      status = 'parsed';
      const resolve = (specifier: string) => {
        const resolved = resolveSpecifier(path, specifier, paths);
        if (specifier.startsWith('.')) resolutions.push([specifier, resolved ?? '']);
        return resolved;
      };
      const moduleFacts = extractModuleFacts(path, parsed, resolve);
      const imported = new Set(
        moduleFacts.filter((fact) => fact.kind === 'imports').flatMap((fact) => fact.names.slice(1)),
      );
      facts.push(...moduleFacts, ...extractBehaviourFacts(path, parsed, imported, resolve));
    }
  }
  facts.sort((left, right) => left.line - right.line);
  return { facts, status, resolutions };
}

/**
 * Parses every JavaScript/TypeScript file (oxc, TypeScript + JSX) and reads every
 * `package.json`, collecting what each file defines, exports, imports, calls, registers (routes),
 * tests and risks (rule ids in `RISK_RULES`). Pure: it reads only the texts it is given (and the
 * memo, whose entries it checks against today's paths before using them).
 */
export function analyzeWorkspace(
  files: readonly { path: string; text: string }[],
  memo?: FileAnalysisMemo,
  stemsOf?: StemsOfFile,
): WorkspaceAnalysis {
  const paths = new Set(files.map((file) => file.path));
  const results = rememberedAnalyses(files, paths, memo);
  for (const [position, file] of files.entries()) {
    if (results[position] !== undefined) continue;
    const result = analyzeFile(file.path, file.text, paths);
    memo?.set(file.path, result);
    results[position] = result;
  }
  return analysisOfFiles(files, results as FileAnalysis[], stemsOf);
}

/**
 * Per file, the analysis the memo holds for it if every import it resolved still resolves the same
 * way among `paths`; undefined for each file to analyse.
 */
export function rememberedAnalyses(
  files: readonly { path: string }[],
  paths: ReadonlySet<string>,
  memo: FileAnalysisMemo | undefined,
): (FileAnalysis | undefined)[] {
  return files.map((file) => {
    const result = memo?.get(file.path);
    if (
      result === undefined ||
      result.resolutions.some(
        ([specifier, resolved]) => (resolveSpecifier(file.path, specifier, paths) ?? '') !== resolved,
      )
    )
      return undefined;
    return result;
  });
}

/** The workspace's analysis from each file's (`results[i]` is `files[i]`'s). */
export function analysisOfFiles(
  files: readonly { path: string; text: string }[],
  results: readonly FileAnalysis[],
  stemsOf?: StemsOfFile | TextStemTable,
): WorkspaceAnalysis {
  const all: SourceFact[] = [];
  const unparsed: string[] = [];
  let parsed = 0;
  for (const [position, file] of files.entries()) {
    const result = results[position] as FileAnalysis;
    if (result.status === 'parsed') parsed += 1;
    else if (result.status === 'unparsed') unparsed.push(file.path);
    all.push(...result.facts);
  }
  return analysisFromFacts(files, all, parsed, unparsed, stemsOf);
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
  textStems?: readonly string[] | StemsOfFile | TextStemTable,
): WorkspaceAnalysis {
  const byPath = new Map<string, SourceFact[]>();
  const imports: ImportEdge[] = [];
  // Facts come grouped by file: look the list up only when the path changes.
  let path: string | undefined;
  let list: SourceFact[] = [];
  for (const fact of all) {
    if (fact.path !== path) {
      path = fact.path;
      list = byPath.get(path) ?? [];
      if (list.length === 0) byPath.set(path, list);
    }
    list.push(fact);
    if (fact.target !== undefined && fact.target !== fact.path)
      imports.push({ from: fact.path, to: fact.target });
  }
  return {
    facts: all,
    factsIn: (path, start, end) =>
      (byPath.get(path) ?? []).filter((fact) => fact.line >= start && fact.endLine <= end),
    factsOf: (path) => byPath.get(path) ?? [],
    imports,
    vocabulary: createWorkspaceVocabulary(files, all, textStems),
    parsedFiles: parsed,
    unparsedFiles: unparsed,
  };
}
