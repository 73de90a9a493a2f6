import { describe, expect, it } from 'vitest';
import { buildSysmlModel } from './build-sysml-model.js';
import { formatDiagnostic } from './diagnostic.js';
import { parseSysml } from './parse-sysml.js';

const check = (source: string) => {
  const parsed = parseSysml(source, { file: 'r.sysml' });
  expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([]);
  return buildSysmlModel([parsed.document]).diagnostics;
};

describe('a redefinition of a feature that does not exist', () => {
  it('is a dedicated error naming the element and the missing feature, with a close spelling', () => {
    const diagnostics = check(`part def A { attribute x; attribute speed; }
part def B :> A { attribute :>> y; attribute redefines sped; attribute :>> x; }
part def C :> B { part :>> speed; part :>> nothingLikeIt; }`);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      "r.sysml:2:33: error: 'B::y' redefines 'y', which no general of 'B' has (did you mean 'x'?)",
      "r.sysml:2:56: error: 'B::sped' redefines 'sped', which no general of 'B' has (did you mean 'speed'?)",
      "r.sysml:3:44: error: 'C::nothingLikeIt' redefines 'nothingLikeIt', which no general of 'C' has",
    ]);
    expect(diagnostics.every((diagnostic) => diagnostic.code === 'missing-redefined-feature')).toBe(true);
  });

  it('leaves a qualified redefinition target to the unresolved-name check', () => {
    const diagnostics = check('part def A { attribute x; }\npart def B :> A { attribute :>> A::z; }');
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      "r.sysml:2:33: error: unresolved name 'A::z' (did you mean 'A::x'?)",
    ]);
  });
});
