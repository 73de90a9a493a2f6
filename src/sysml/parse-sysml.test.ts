import { describe, expect, it } from 'vitest';
import type { DefinitionNode, Member, PackageNode, UsageNode } from './ast.js';
import { formatDiagnostic } from './diagnostic.js';
import { parseSysml } from './parse-sysml.js';

const parse = (source: string) => parseSysml(source, { file: 'm.sysml' });
const formatted = (source: string): string[] => parse(source).diagnostics.map(formatDiagnostic);

function onlyMember<T extends Member>(source: string): T {
  const result = parse(source);
  expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
  expect(result.document.members).toHaveLength(1);
  return result.document.members[0] as T;
}

describe('parseSysml: syntax errors', () => {
  it('says what was expected after which token, at the offending token', () => {
    expect(formatted('part def Vehicle\npart def Engine;')).toEqual([
      "m.sysml:2:1: error: expected ';' or '{' after 'Vehicle'",
    ]);
    expect(formatted('package P { part x : ; }')).toEqual([
      "m.sysml:1:22: error: expected a type name after ':'",
    ]);
    expect(formatted('alias A Engine;')).toEqual(["m.sysml:1:9: error: expected 'for' after 'A'"]);
    expect(formatted('part x[1..;')).toEqual([
      "m.sysml:1:11: error: expected a number, '*' or a name after '..'",
    ]);
    expect(formatted('package P {')).toEqual(["m.sysml:1:12: error: expected '}' after '{'"]);
    expect(formatted('doc Foo;')).toEqual(["m.sysml:1:8: error: expected a comment '/* … */' after 'Foo'"]);
  });

  it('recovers at the right depth and reports every error in one run', () => {
    const source = [
      'package P {',
      '  part def A {',
      '    attribute x : = 3;',
      '    part y;',
      '  }',
      '  part def B :> ;',
      '  part def C { port p : ~; }',
      '  part d : C',
      '  part e : A;',
      '}',
    ].join('\n');
    const result = parse(source);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      "m.sysml:3:19: error: expected a type name after ':'",
      "m.sysml:6:17: error: expected a name after ':>'",
      "m.sysml:7:26: error: expected a type name after '~'",
      "m.sysml:9:3: error: expected ';' or '{' after 'C'",
    ]);
    const members = (result.document.members[0] as PackageNode).members;
    expect(members.map((member) => ('name' in member ? member.name : member.type))).toEqual(['A', 'C', 'e']);
    expect(((members[0] as DefinitionNode).members[0] as UsageNode).name).toBe('y');
  });

  it('reports a stray closing brace without losing what follows', () => {
    expect(formatted('part def A; }\npart def B;')).toEqual([
      "m.sysml:1:13: error: expected a member declaration after ';'",
    ]);
    expect(parse('part def A; }\npart def B;').document.members).toHaveLength(2);
  });

  it('warns about a bare import', () => {
    const result = parse('package P { import Q::*; }\npackage Q;');
    expect(result.diagnostics).toEqual([
      {
        file: 'm.sysml',
        line: 1,
        column: 13,
        severity: 'warning',
        code: 'bare-import',
        message: "import without visibility: write 'private import' or 'public import'",
      },
    ]);
    expect(formatDiagnostic(result.diagnostics[0] as never)).toMatch(/^m\.sysml:1:13: warning: /);
  });
});

describe('parseSysml: the full notation', () => {
  it('parses flows, successions, transitions, metadata, use cases and calcs that the first subset skipped', () => {
    const source = [
      'action def A {',
      '  flow from a.x to b.y;',
      '  first start then off;',
      '  transition t first off accept S then on { doc /* x */ }',
      '  #Safety part s;',
      '  use case def U { subject s; }',
      '  ref calc c;',
      '  action ok;',
      '}',
      'satisfy R by v;',
      'part def After;',
    ].join('\n');
    const result = parse(source);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    const [action, satisfy, after] = result.document.members as [DefinitionNode, UsageNode, DefinitionNode];
    expect(action.members.map((member) => (member as UsageNode).kind)).toEqual([
      'flow',
      'first',
      'transition',
      'part',
      'use case',
      'calc',
      'action',
    ]);
    expect(satisfy).toMatchObject({ kind: 'satisfy', clauses: [{ keyword: '' }, { keyword: 'by' }] });
    expect(after.name).toBe('After');
  });

  it('reports a keyword no clause takes as an unsupported construct, at its position', () => {
    const result = parse('part def A {\n  part p : T decide;\n  part q;\n}');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      "m.sysml:2:14: error: unsupported construct 'decide'",
    ]);
    expect(
      (result.document.members[0] as DefinitionNode).members.map((member) => (member as UsageNode).name),
    ).toEqual(['p', 'q']);
  });
});

describe('parseSysml: the subset', () => {
  it('parses a definition with short name, specialization and doc', () => {
    const definition = onlyMember<DefinitionNode>(
      "abstract requirement def <'1'> 'Mass Limit' specializes Base, Q::Other {\n  doc /* The mass\n   * shall be limited. */\n}",
    );
    expect(definition).toMatchObject({
      type: 'Definition',
      kind: 'requirement',
      isAbstract: true,
      shortName: '1',
      name: 'Mass Limit',
      location: { line: 1, column: 1 },
    });
    expect(definition.specializes.map((name) => name.text)).toEqual(['Base', 'Q::Other']);
    expect(definition.members[0]).toMatchObject({
      type: 'Doc',
      text: 'The mass\nshall be limited.',
      location: { line: 2, column: 3 },
    });
  });

  it('parses usage prefixes, feature specs, multiplicity and values', () => {
    const usage = onlyMember<UsageNode>(
      'in derived ref part x : ~A, B :> s1, s2 :>> r ::> t [0..*] ordered nonunique default := 5;',
    );
    expect(usage).toMatchObject({ kind: 'part', name: 'x', direction: 'in', isDerived: true, isRef: true });
    const specification = usage.specification;
    expect(specification.typings.map((typing) => [typing.target.text, typing.isConjugated])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    expect(specification.subsets.map((chain) => chain.text)).toEqual(['s1', 's2']);
    expect(specification.redefines.map((chain) => chain.text)).toEqual(['r']);
    expect(specification.references?.text).toBe('t');
    expect(specification.multiplicity?.text).toBe('[0..*]');
    expect(specification).toMatchObject({ isOrdered: true, isNonunique: true });
    expect(usage.value).toMatchObject({ operator: ':=', isDefault: true, text: '5' });
  });

  it('parses keyword-less usages, end features and connections', () => {
    const result = parse(`connection def C {
  end [1] part a : A;
  end named[0..1] item b : B[1];
  end c : ~P;
}
part w {
  :>> code = "uncl";
  connection : C connect x references p.q to [1] y.z;
  connect (p, q, r);
  interface p.a to q.b;
}`);
    expect(result.diagnostics).toEqual([]);
    const [connectionDef, part] = result.document.members as [DefinitionNode, UsageNode];
    const ends = connectionDef.members as UsageNode[];
    expect(
      ends.map((end) => [
        end.isEnd,
        end.kind,
        end.name,
        end.endFeature?.name,
        end.endFeature?.specification.multiplicity?.text,
      ]),
    ).toEqual([
      [true, 'part', 'a', undefined, '[1]'],
      [true, 'item', 'b', 'named', '[0..1]'],
      [true, undefined, 'c', undefined, undefined],
    ]);
    const [code, connection, nary, bareInterface] = part.members as UsageNode[];
    expect(code?.specification.redefines[0]?.text).toBe('code');
    expect(code?.value?.text).toBe('"uncl"');
    expect(
      connection?.connector?.ends.map((end) => [end.name, end.target.text, end.multiplicity?.text]),
    ).toEqual([
      ['x', 'p.q', undefined],
      [undefined, 'y.z', '[1]'],
    ]);
    expect(nary?.connector).toMatchObject({ isNary: true });
    expect(nary?.connector?.ends).toHaveLength(3);
    expect(bareInterface).toMatchObject({ kind: 'interface', connector: { isNary: false } });
  });

  it('parses packages, imports, aliases and comments', () => {
    const result = parse(`standard library package L {
  public import all A::B::*::**;
  private import C::D::**;
  protected alias E for F::G { /* about the alias */ }
  comment c about X, Y::Z locale "en_US" /* text */
  locale "fr" /* bonjour */
}`);
    expect(result.diagnostics).toEqual([]);
    const library = result.document.members[0] as PackageNode;
    expect(library).toMatchObject({ isStandard: true, isLibrary: true, name: 'L' });
    expect(library.members).toMatchObject([
      {
        type: 'Import',
        visibility: 'public',
        isAll: true,
        importsMembers: true,
        isRecursive: true,
        target: { text: 'A::B' },
      },
      { type: 'Import', visibility: 'private', isAll: false, importsMembers: false, isRecursive: true },
      {
        type: 'Alias',
        visibility: 'protected',
        name: 'E',
        target: { text: 'F::G' },
        annotations: [{ text: 'about the alias' }],
      },
      { type: 'Comment', name: 'c', locale: 'en_US', text: 'text' },
      { type: 'Comment', locale: 'fr', text: 'bonjour' },
    ]);
  });

  it('parses requirement members and constraint bodies', () => {
    const requirement = onlyMember<DefinitionNode>(`requirement def R {
  subject v : Vehicle;
  require constraint { v.mass <= 2000 [kg] }
  assume constraint c { doc /* why */ x > 0 }
  require Other;
}`);
    expect(requirement.members).toMatchObject([
      { type: 'Usage', isSubject: true, name: 'v' },
      {
        type: 'RequirementConstraint',
        kind: 'require',
        members: [{ type: 'ResultExpression', text: 'v.mass <= 2000 [kg]' }],
      },
      {
        type: 'RequirementConstraint',
        kind: 'assume',
        name: 'c',
        members: [{ type: 'Doc' }, { type: 'ResultExpression', text: 'x > 0' }],
      },
      { type: 'RequirementReference', kind: 'require', target: { text: 'Other' } },
    ]);
  });

  it('parses unrestricted names with escapes', () => {
    const definition = onlyMember<DefinitionNode>("part def 'it\\'s \\\\ odd' :> 'A B'::'c';");
    expect(definition.name).toBe("it's \\ odd");
    expect(definition.specializes[0]?.segments).toEqual(['A B', 'c']);
  });
});
