import type { SysmlDiagnostic, SysmlModel } from '../sysml/model-types.js';

/**
 * Adds an import hint to `unresolved name 'X'` diagnostics when `X` is defined in some package of
 * the model. The seed's example writes `part def SecurityReviewerAgent :> Agent` without importing
 * the default model's package, so this is the first error most projects meet.
 */
export function hintUnresolvedNames(
  diagnostics: readonly SysmlDiagnostic[],
  model: SysmlModel,
): SysmlDiagnostic[] {
  const definitions = model.definitions();
  return diagnostics.map((diagnostic) => {
    const name =
      diagnostic.code === 'unresolved-name' ? /'([^':]+)'$/.exec(diagnostic.message)?.[1] : undefined;
    const found = name === undefined ? undefined : definitions.find((definition) => definition.name === name);
    const separator = found?.qualifiedName.lastIndexOf('::') ?? -1;
    if (found === undefined || separator < 0) return diagnostic;
    const owner = found.qualifiedName.slice(0, separator);
    return {
      ...diagnostic,
      message: `${diagnostic.message} (${found.qualifiedName} exists: add \`private import ${owner}::*;\`)`,
    };
  });
}
