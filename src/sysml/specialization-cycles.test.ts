import { describe, expect, it } from 'vitest';
import { buildSysmlModel } from './build-sysml-model.js';
import { formatDiagnostic } from './diagnostic.js';
import { parseSysml } from './parse-sysml.js';

const check = (source: string, file = 'c.sysml'): string[] => {
  const parsed = parseSysml(source, { file });
  expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([]);
  return buildSysmlModel([parsed.document]).diagnostics.map(formatDiagnostic);
};

describe('cycles of specialization', () => {
  it('names each element of a closed subsetting cycle and a feature that subsets itself', () => {
    expect(
      check('package P {\n  part p1 :> p2;\n  part p2 :> p3;\n  part p3 :> p1;\n  part p4 :> p4;\n}'),
    ).toEqual([
      "c.sysml:5:14: error: 'P::p4' subsets itself",
      "c.sysml:2:3: error: 'P::p1' subsets itself through p2 → p3 → p1",
      "c.sysml:3:3: error: 'P::p2' subsets itself through p3 → p1 → p2",
      "c.sysml:4:3: error: 'P::p3' subsets itself through p1 → p2 → p3",
    ]);
  });

  it('names a definition that specializes itself, directly or through others', () => {
    expect(check('package P {\n  part def A :> A;\n  part def B :> C;\n  part def C :> B;\n}')).toEqual([
      "c.sysml:2:17: error: 'P::A' specializes itself",
      "c.sysml:3:3: error: 'P::B' specializes itself through C → B",
      "c.sysml:4:3: error: 'P::C' specializes itself through B → C",
    ]);
  });

  it('allows a cycle whose members also specialize something outside it (the library’s SelfLink ends)', () => {
    expect(
      check(
        `package L {
  class Thing;
  assoc Same {
    end feature thisThing : Thing subsets sameThing;
    end feature sameThing : Thing subsets thisThing;
  }
}`,
        'c.kerml',
      ),
    ).toEqual([]);
  });

  it('still resolves a redefinition of the inherited feature of the same name', () => {
    expect(
      check(
        'package P {\n  part def A { attribute mass; }\n  part def B :> A { attribute mass redefines mass; }\n}',
      ),
    ).toEqual([]);
  });
});
