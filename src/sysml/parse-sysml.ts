import type { SysmlDocument } from './ast.js';
import { languageOfFile, type SourceLanguage } from './keywords.js';
import { tokenize } from './lexer.js';
import type { SysmlDiagnostic } from './model-types.js';
import { parseMembers } from './parse-body.js';
import { ParserContext } from './parser-context.js';
import { recordUsedNames } from './used-names.js';

/** Options for `parseSysml`. */
export interface ParseSysmlOptions {
  /** The file name used in locations and diagnostics; `<input>` when absent. */
  file?: string;
  /** The notation; default KerML for a `.kerml` file name, else SysML. */
  language?: SourceLanguage;
}

/** A parsed document and every lexical and syntax diagnostic, in source order. */
export interface ParseSysmlResult {
  document: SysmlDocument;
  diagnostics: SysmlDiagnostic[];
}

/**
 * Parses SysML v2 text (the first subset) into a syntax tree. Never throws: syntax errors and
 * constructs outside the subset become diagnostics, and parsing resumes after each.
 *
 * @example
 * const { document, diagnostics } = parseSysml('part def Vehicle;', { file: 'vehicle.sysml' });
 */
export function parseSysml(source: string, options: ParseSysmlOptions = {}): ParseSysmlResult {
  const file = options.file ?? '<input>';
  const lexed = tokenize(source, file, options.language ?? languageOfFile(file));
  const context = new ParserContext(lexed.tokens, source, file);
  const document: SysmlDocument = {
    type: 'Document',
    file,
    members: [],
    location: { file, line: 1, column: 1 },
  };
  try {
    document.members = parseMembers(context, false);
  } catch (error) {
    // parseMembers only lets non-syntax errors through, i.e. parser bugs; report them rather than crash.
    const message = error instanceof Error ? error.message : String(error);
    context.report(context.here(), `internal parser error: ${message}`);
  }
  recordUsedNames(document, context.usedNames);
  const diagnostics = [...lexed.diagnostics, ...context.diagnostics].sort(
    (left, right) => left.line - right.line || left.column - right.column,
  );
  return { document, diagnostics };
}
