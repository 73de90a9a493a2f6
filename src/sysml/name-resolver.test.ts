import { describe, expect, it } from 'vitest';
import { buildSysmlModel } from './build-sysml-model.js';
import { formatDiagnostic } from './diagnostic.js';
import { parseSysml } from './parse-sysml.js';

const modelOf = (source: string) => {
  const parsed = parseSysml(source, { file: 'r.sysml' });
  expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([]);
  return buildSysmlModel([parsed.document]);
};

describe('NameResolver', () => {
  it('stays fast when every package imports every other package', () => {
    const packageCount = 40;
    let source = '';
    for (let index = 0; index < packageCount; index += 1) {
      source += `package P${index} {\n`;
      for (let other = 0; other < packageCount; other += 1) {
        if (other !== index) source += `  public import P${other}::*;\n`;
      }
      source += `  part def D${index} :> D${(index + 1) % packageCount};\n`;
      source += `  part u${index} : D${(index + 3) % packageCount} { part x :> Missing${index}; }\n}\n`;
    }
    // No wall-clock bound on a shared 2-core machine: the test's timeout catches a blow-up, and
    // `npm run bench` measures resolution speed.
    const model = buildSysmlModel([parseSysml(source).document]);
    expect(model.agents()).toEqual([]);
    expect(model.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      ...Array.from({ length: packageCount }, (_, index) => `unresolved name 'Missing${index}'`),
      // D0 :> D1 :> … :> D39 :> D0 is a closed cycle, reported once per definition on it, named.
      ...Array.from({ length: packageCount }, (_, index) => {
        const path = Array.from(
          { length: packageCount },
          (_, step) => `D${(index + step + 1) % packageCount}`,
        );
        return `'P${index}::D${index}' specializes itself through ${path.join(' → ')}`;
      }),
    ]);
    expect(model.findDefinition('D0')?.specializes).toEqual(['P1::D1']);
  });

  it('terminates on specialization cycles and alias cycles', () => {
    const model = modelOf(`package C {
  part def A :> B { part a; }
  part def B :> A { part b; }
  part def Agent;
  part def X :> A, Agent { part redefines a; part redefines b; part redefines c; }
  alias L1 for L2;
  alias L2 for L1;
  part y : L1;
}`);
    expect(model.diagnostics.map(formatDiagnostic)).toEqual([
      "r.sysml:5:79: error: 'C::X::c' redefines 'c', which no general of 'C::X' has (did you mean 'a'?)",
      "r.sysml:6:16: error: unresolved name 'L2'",
      "r.sysml:7:16: error: unresolved name 'L1'",
      "r.sysml:8:12: error: unresolved name 'L1'",
      "r.sysml:2:3: error: 'C::A' specializes itself through B → A",
      "r.sysml:3:3: error: 'C::B' specializes itself through A → B",
    ]);
    expect(model.agents().map((agent) => agent.name)).toEqual(['X']);
  });

  it('resolves features through typed and redefined usages, and private imports only inside', () => {
    const model = modelOf(`package V {
  part def Wheel { part lb; }
  part def Chassis { part w : Wheel[4]; }
  part def Vehicle {
    part chs : Chassis { part redefines w { part redefines lb; } }
    ref lugs = chs.w.lb;
    ref firstLug :> chs.w.lb;
  }
}
package Hidden { private import V::Vehicle; }
package Open { public import V::Vehicle; }
package User { private import Hidden::*; private import Open::*; part v : Vehicle; }
package Other { private import Hidden::*; part v : Vehicle; }`);
    expect(model.diagnostics.map(formatDiagnostic)).toEqual([
      "r.sysml:13:52: error: unresolved name 'Vehicle'",
    ]);
    const vehicle = model.findDefinition('V::Vehicle');
    expect(vehicle?.features.map((feature) => [feature.name, feature.valueText])).toEqual([
      ['chs', undefined],
      ['lugs', 'chs.w.lb'],
      ['firstLug', undefined],
    ]);
    // `chs.w.lb` names the features as `chs` redefines them (SysML effective names).
    expect(vehicle?.features[2]?.subsets).toEqual(['V::Vehicle::chs::w::lb']);
  });

  it('an expose imports private members too; a private import does not', () => {
    const model = modelOf(`package V {
  package P { public part p1; private part p2; }
  view def VD;
  view v : VD { expose P::*; alias a1 for p1; alias a2 for p2; alias a3 for p3; }
  package Q { private import P::*; alias b2 for p2; }
}`);
    expect(model.diagnostics.map(formatDiagnostic)).toEqual([
      "r.sysml:4:77: error: unresolved name 'p3' (did you mean 'p1'?)",
      "r.sysml:5:49: error: unresolved name 'p2' (did you mean 'p1'?)",
    ]);
  });

  it('a recursive import sees what the namespaces under it import publicly, not privately', () => {
    const model = modelOf(`package M {
  package Lib { part def Rationale; part def Hidden; }
  package C {
    public import Lib::Rationale;
    private import Lib::Hidden;
    package Inner { part def Deep; }
  }
  package Use { private import C::**; part r : Rationale; part d : Deep; part h : Hidden; }
}`);
    expect(model.diagnostics.map(formatDiagnostic)).toEqual([
      "r.sysml:8:83: error: unresolved name 'Hidden'",
    ]);
  });

  it('of two inherited features of one name, sees the one that redefines the other', () => {
    const parsed = parseSysml(
      `package R {
  classifier A { feature f; }
  classifier B specializes A { feature redefines f { feature g; } }
  classifier C specializes A, B { feature subsets f { feature redefines g; feature redefines h; } }
}`,
      { file: 'r.kerml' },
    );
    expect(buildSysmlModel([parsed.document]).diagnostics.map(formatDiagnostic)).toEqual([
      "r.kerml:4:94: error: 'R::C::h' redefines 'h', which no general of 'R::C' has (did you mean 'g'?)",
    ]);
  });
});
