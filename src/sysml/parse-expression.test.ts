import { describe, expect, it } from 'vitest';
import type { Expression } from './ast.js';
import { tokenize } from './lexer.js';
import { parseExpression } from './parse-expression.js';
import { ParserContext } from './parser-context.js';

/** Prints an expression fully parenthesized, so precedence is visible in one string. */
function show(expression: Expression): string {
  switch (expression.type) {
    case 'Literal':
      return expression.literalKind === 'string'
        ? JSON.stringify(expression.value)
        : String(expression.value ?? '*');
    case 'Name':
      return expression.name.text;
    case 'Unary':
      return `(${expression.operator} ${show(expression.operand)})`;
    case 'Binary':
      return `(${show(expression.left)} ${expression.operator} ${show(expression.right)})`;
    case 'TypeTest':
      return `(${show(expression.operand)} ${expression.operator} ${expression.target.text})`;
    case 'Conditional':
      return `(if ${show(expression.condition)} ? ${show(expression.thenBranch)} else ${show(expression.elseBranch)})`;
    case 'MemberAccess':
      return `${show(expression.target)}.${expression.member.text}`;
    case 'Index':
      return `${show(expression.target)}#(${expression.index.map(show).join(', ')})`;
    case 'Quantity':
      return `(${show(expression.value)} [${show(expression.unit)}])`;
    case 'Invocation':
      return `${show(expression.target)}(${expression.arguments.map((argument) => (argument.name ? `${argument.name}=` : '') + show(argument.value)).join(', ')})`;
    case 'Instantiation':
      return `new ${expression.instantiated.text}(${expression.arguments.map((argument) => show(argument.value)).join(', ')})`;
    case 'Sequence':
      return `(${expression.elements.map(show).join(', ')},)`;
    case 'Body':
      return `{${show(expression.result)}}`;
    case 'Select':
      return `${show(expression.target)}.?${show(expression.body)}`;
    case 'Collect':
      return `${show(expression.target)}->${expression.function.text}${expression.body ? show(expression.body) : `(${expression.arguments.map((argument) => show(argument.value)).join(', ')})`}`;
  }
}

function parse(text: string): { shown: string; context: ParserContext } {
  const context = new ParserContext(tokenize(text, 'e.sysml').tokens, text, 'e.sysml');
  const shown = show(parseExpression(context));
  return { shown, context };
}

describe('parseExpression (Pratt)', () => {
  it.each([
    ['a + b * c ** d', '(a + (b * (c ** d)))'],
    ['a ** b ** c', '(a ** (b ** c))'],
    ['a - b - c', '((a - b) - c)'],
    ['2000 [kg]', '(2000 [kg])'],
    ["18.0['in']", '(18 [in])'],
    ['0[kg] + 1.5e3 [m/s]', '((0 [kg]) + (1500 [(m / s)]))'],
    ['if x ? a else b', '(if x ? a else b)'],
    ['if a == b ? 1 else 2 + 3', '(if (a == b) ? 1 else (2 + 3))'],
    ['massActual <= massReqd', '(massActual <= massReqd)'],
    ['vehicle.dryMass + vehicle.fuelMass', '(vehicle.dryMass + vehicle.fuelMass)'],
    ['a or b and not c', '(a or (b and (not c)))'],
    ['a implies b xor c', '(a implies (b xor c))'],
    ['x ?? y or z', '(x ?? (y or z))'],
    ['-a ** 2', '((- a) ** 2)'],
    ['1..n + 1', '(1 .. (n + 1))'],
    ['x istype T and y as P::Q == z', '((x istype T) and ((y as P::Q) == z))'],
    ['frontWheel#(1)', 'frontWheel#(1)'],
    ['new W()', 'new W()'],
    ['f(a, n = 2)', 'f(a, n=2)'],
    ['(1, 2, 3)', '(1, 2, 3,)'],
    ['(a + b) * c', '((a + b) * c)'],
    ['xs->select{in x; x > 0}', 'xs->select{(x > 0)}'],
    ['xs.?{in x; x > 0}', 'xs.?{(x > 0)}'],
    ['all Part', '(all Part)'],
    ['.5 * "s"', '(0.5 * "s")'],
    ['ColorKind::blue', 'ColorKind::blue'],
  ])('%s', (text, expected) => {
    const { shown, context } = parse(text);
    expect(shown).toBe(expected);
    expect(context.diagnostics).toEqual([]);
    expect(context.atEnd).toBe(true);
  });

  it('records 1-based locations', () => {
    const context = new ParserContext(tokenize('\n  a + b', 'e.sysml').tokens, '\n  a + b', 'e.sysml');
    const expression = parseExpression(context);
    expect(expression.location).toEqual({ file: 'e.sysml', line: 2, column: 3 });
    expect(expression.type === 'Binary' && expression.right.location).toEqual({
      file: 'e.sysml',
      line: 2,
      column: 7,
    });
  });

  it('reports a missing operand with its position', () => {
    expect(() => parse('a + ;')).toThrow();
    const context = new ParserContext(tokenize('a +\n ;', 'e.sysml').tokens, 'a +\n ;', 'e.sysml');
    expect(() => parseExpression(context)).toThrow();
    expect(context.diagnostics).toMatchObject([
      { line: 2, column: 2, code: 'syntax', message: "expected an expression after '+'" },
    ]);
  });
});
