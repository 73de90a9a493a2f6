import type { SourceLocation, SysmlDiagnostic } from './model-types.js';

/** Stable diagnostic codes used by the parser and the model builder. */
export type SysmlDiagnosticCode =
  | 'syntax'
  | 'unsupported-construct'
  | 'unresolved-name'
  | 'bare-import'
  | 'duplicate-name'
  | 'wrong-specialization-kind'
  | 'specialization-cycle'
  | 'missing-redefined-feature';

/** Builds a diagnostic at `location`. */
export function createDiagnostic(
  location: SourceLocation,
  code: SysmlDiagnosticCode,
  message: string,
  severity: SysmlDiagnostic['severity'] = 'error',
): SysmlDiagnostic {
  return { file: location.file, line: location.line, column: location.column, severity, code, message };
}

/**
 * Formats a diagnostic the way compilers do, so editors can jump to it.
 *
 * @example
 * formatDiagnostic(d) // 'model.sysml:3:5: error: expected ';' or '{' after 'Vehicle''
 */
export function formatDiagnostic(diagnostic: SysmlDiagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message}`;
}
