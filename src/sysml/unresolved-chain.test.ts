import { describe, expect, it } from 'vitest';
import { buildSysmlModel } from './build-sysml-model.js';
import { formatDiagnostic } from './diagnostic.js';
import { parseSysml } from './parse-sysml.js';

const check = (source: string, file = 'u.sysml'): string[] => {
  const parsed = parseSysml(source, { file });
  expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([]);
  return buildSysmlModel([parsed.document]).diagnostics.map(formatDiagnostic);
};

describe('feature chains', () => {
  it('resolve each step in the features of the one before, starting from the declaring feature', () => {
    expect(
      check(`package P {
  item def Person { timeslice asPresident : Person[*]; }
  item def Country {
    ref president[0..1] : Person :> president.asPresident;
    ref bad : Person :> bad.asPresidnt;
    ref worse :> nobody.x;
    ref deep :> president.asPresident.nope;
  }
}`),
    ).toEqual([
      "u.sysml:5:29: error: unresolved name 'asPresidnt' in 'bad.asPresidnt' (did you mean 'asPresident'?)",
      "u.sysml:6:18: error: unresolved name 'nobody.x'",
      "u.sysml:7:39: error: unresolved name 'nope' in 'president.asPresident.nope'",
    ]);
  });

  it('find what a connector end references outside the connector, then step into it', () => {
    expect(
      check(
        `package K {
  class O;
  assoc L { end feature source : O; end feature target : O; }
  class T {
    feature source : O { feature sourceOutput; }
    connector c : L {
      end feature ts references source;
      end feature tp subsets ts.sourceOutput;
      end feature tq subsets ts.sourceOutpt;
    }
  }
}`,
        'u.kerml',
      ),
    ).toEqual([
      "u.kerml:9:33: error: unresolved name 'sourceOutpt' in 'ts.sourceOutpt' (did you mean 'sourceOutput'?)",
    ]);
  });

  it('check the ends of `connect a to b`, resolved where the connector is declared; named ends are features', () => {
    expect(
      check(`package P {
  port def LP { port lp; }
  interface def I { end a : LP; end b : LP; }
  part def W { port p; }
  part car {
    part w : W;
    port x : LP { port lp1 :> lp; }
    port y : LP;
    connect w.p to w.pp;
    connection c connect [1] e1 ::> w.p to [1] e2 ::> ww.p;
    interface i : I connect a ::> x to b ::> y { connect a.lp1 to b.lp; connect a.lp2 to b.lp; }
  }
}`),
    ).toEqual([
      "u.sysml:9:22: error: unresolved name 'pp' in 'w.pp' (did you mean 'p'?)",
      "u.sysml:10:55: error: unresolved name 'ww.p' (did you mean 'w'?)",
      "u.sysml:11:83: error: unresolved name 'lp2' in 'a.lp2' (did you mean 'lp1'?)",
    ]);
  });
});
