import { describe, expect, it } from 'vitest';
import { buildSysmlModel } from './build-sysml-model.js';
import { formatDiagnostic } from './diagnostic.js';
import { parseSysml } from './parse-sysml.js';

/** The resolution errors of one file checked with the standard library. */
const check = (source: string, file = 'i.sysml'): string[] => {
  const parsed = parseSysml(source, { file });
  expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([]);
  return buildSysmlModel([parsed.document]).diagnostics.map(formatDiagnostic);
};

describe('implicit specializations', () => {
  it('an end redefines the end at its position in the general association; a misspelling is still an error', () => {
    expect(
      check(
        `package P {
  class O;
  assoc A { end feature s : O { feature inner; } end feature t : O { feature other; } }
  assoc B specializes A {
    end feature s2 : O { feature redefines inner; }
    end feature t2 : O { feature redefines other; feature redefines inner; }
  }
}`,
        'i.kerml',
      ),
    ).toEqual([
      "i.kerml:6:69: error: 'P::B::t2::inner' redefines 'inner', which no general of 'P::B::t2' has",
    ]);
  });

  it('a binary connection def specializes BinaryConnection, whose source and target its ends redefine', () => {
    expect(
      check(`package P {
  part def X;
  connection def C { end a : X :>> source; end b : X :>> target; }
  connection def N { end a : X :>> source; end b : X; end c : X; }
}`),
    ).toEqual(["i.sysml:4:36: error: 'P::N::a' redefines 'source', which no general of 'P::N' has"]);
  });

  it('a parameter of an action redefines the parameter at its position in the action def', () => {
    expect(
      check(`package P {
  action def A { in x { attribute deep; } out y; }
  action a : A { in p { attribute :>> deep; } out q { attribute :>> deep; } }
}`),
    ).toEqual(["i.sysml:3:69: error: 'P::a::q::deep' redefines 'deep', which no general of 'P::a::q' has"]);
  });

  it("an unnamed return is the function's result (KerML: it redefines the general's result)", () => {
    expect(
      check(`package P {
  calc def C { return : ScalarValues::Real; }
  part def U { attribute z :> C::result; attribute w :> C::reslt; }
}`),
    ).toEqual(["i.sysml:3:57: error: unresolved name 'C::reslt' (did you mean 'C::result'?)"]);
  });

  it("a case's objective redefines the objective of the case it specializes", () => {
    expect(
      check(`package P {
  requirement def R;
  verification def T { objective o { verify requirement m : R; } }
  requirement r : R;
  verification t : T { objective o2 { verify r :>> m; verify r :>> n; } }
}`),
    ).toEqual([
      "i.sysml:5:68: error: 'P::t::o2::n' redefines 'n', which no general of 'P::t::o2' has (did you mean 'm'?)",
    ]);
  });

  it('an included use case with a multiplicity has the use case’s actors; `perform x` is named `x`', () => {
    expect(
      check(`package P {
  use case add { actor fueler; }
  use case drive { include add[0..*] { actor :>> fueler; actor :>> fuelr; } }
  action def PP { action gen; }
  action ppf : PP;
  part fam { perform ppf; }
  part v :> fam { perform action :>> ppf { action :>> gen; action :>> gem; } }
}`),
    ).toEqual([
      "i.sysml:3:68: error: 'P::drive::add::fuelr' redefines 'fuelr', which no general of 'P::drive::add' has (did you mean 'fueler'?)",
      "i.sysml:7:71: error: 'P::v::ppf::gem' redefines 'gem', which no general of 'P::v::ppf' has (did you mean 'gen'?)",
    ]);
  });

  it("a variant without a kind references the feature it names and has that feature's features", () => {
    expect(
      check(`package P {
  part def E;
  part e6 : E { part c; }
  variation part def EC :> E {
    variant e6 { part :>> c; part :>> nope; }
    variant missing;
  }
}`),
    ).toEqual([
      "i.sysml:5:39: error: 'P::EC::e6::nope' redefines 'nope', which no general of 'P::EC::e6' has",
      "i.sysml:6:13: error: unresolved name 'missing'",
    ]);
  });

  it('semantic metadata with a conditional base type picks the branch the annotated element meets', () => {
    expect(
      check(
        `package M {
  class CC { feature ccx; }
  struct SS { feature cc; }
  metaclass Meta :> Metaobjects::SemanticMetadata {
    :>> annotatedElement : KerML::Class;
    :>> baseType = if annotatedElement istype KerML::Structure ? SS meta KerML::Type else CC meta KerML::Class;
  }
  #Meta struct T { feature :>> cc; }
  #Meta class U { feature :>> ccx; feature :>> cc; }
}`,
        'i.kerml',
      ),
    ).toEqual([
      "i.kerml:9:48: error: 'M::U::cc' redefines 'cc', which no general of 'M::U' has (did you mean 'ccx'?)",
    ]);
  });
});
