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
});
