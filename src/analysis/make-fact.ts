import type { SourceFact, SourceFactKind } from './source-fact.js';
import { splitIdentifier } from './split-identifier.js';

/** Builds a fact with its matching terms derived from its names and path. */
export function makeFact(
  kind: SourceFactKind,
  path: string,
  line: number,
  statement: string,
  names: readonly string[],
  extra: { endLine?: number; ruleId?: string; target?: string } = {},
): SourceFact {
  const terms = [...new Set([...names.flatMap(splitIdentifier), ...splitIdentifier(path)])];
  return {
    kind,
    path,
    line,
    endLine: extra.endLine ?? line,
    statement,
    names: [...names],
    terms,
    ...(extra.ruleId === undefined ? {} : { ruleId: extra.ruleId }),
    ...(extra.target === undefined ? {} : { target: extra.target }),
  };
}
