import type { CallExpression, Node } from 'oxc-parser';
import { makeFact } from './make-fact.js';
import { calleeName, receiverName, staticString } from './node-text.js';
import type { ParsedSource } from './parse-source.js';
import { checkRiskRules } from './risk-rules.js';
import type { SourceFact } from './source-fact.js';
import { walkAst } from './walk-ast.js';

const ROUTE_METHODS = new Set([
  'get',
  'post',
  'put',
  'delete',
  'patch',
  'options',
  'head',
  'all',
  'use',
  'route',
  'on',
]);
const TEST_CALLS = new Set(['describe', 'it', 'test', 'suite', 'context']);
/** Enough titles to find the tests for X without listing a thousand `it` blocks of one file. */
const MAX_TEST_TITLES = 30;

function routeOf(node: CallExpression): { method: string; route: string } | undefined {
  const method = calleeName(node.callee);
  if (node.callee.type !== 'MemberExpression' || method === undefined || !ROUTE_METHODS.has(method))
    return undefined;
  const args = node.arguments;
  const first = staticString(args[0]);
  const route = method === 'on' ? staticString(args[1]) : first;
  if (route === undefined || !/^[/*]/.test(route) || args.length < 2) return undefined;
  return { method: method === 'on' && first !== undefined ? first : method, route };
}

function testCallName(callee: Node): string | undefined {
  if (callee.type === 'Identifier') return TEST_CALLS.has(callee.name) ? callee.name : undefined;
  // describe.each(...)('title'), it.only('title'), test.skip('title')
  if (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    TEST_CALLS.has(callee.object.name)
  )
    return callee.object.name;
  return undefined;
}

/**
 * The calls and member accesses of an optional chain from its outermost one down to its last `?.`:
 * those are optional (may not run); the parts below that last `?.` (`a.b` in `a.b?.c()`) are plain.
 */
function markChain(top: Node, chained: Set<Node>): void {
  const spine: Node[] = [];
  let last = -1;
  for (let node: Node | undefined = top; node !== undefined; ) {
    if (node.type === 'CallExpression') {
      spine.push(node);
      if (node.optional) last = spine.length - 1;
      node = node.callee;
    } else if (node.type === 'MemberExpression') {
      spine.push(node);
      if (node.optional) last = spine.length - 1;
      node = node.object;
    } else if (node.type === 'TSNonNullExpression') node = node.expression;
    else node = undefined;
  }
  for (let at = 0; at <= last; at += 1) chained.add(spine[at] as Node);
}

/**
 * Facts about what a file does, from a walk over its whole tree: routes it registers, tests it
 * declares, entry points (a shebang, a server's `listen`), CommonJS `require`/`exports`, calls of
 * what it imports, and rule-based risk findings.
 */
export function extractBehaviourFacts(
  path: string,
  parsed: ParsedSource,
  importedNames: ReadonlySet<string>,
  resolveSpecifier: (specifier: string) => string | undefined,
): SourceFact[] {
  const facts: SourceFact[] = [];
  const called = new Set<string>();
  let titles = 0;
  const lineOf = (node: Node) => parsed.lineAt(node.start);
  const endLineOf = (node: Node) => parsed.lineAt(node.end);
  if (parsed.program.hashbang) {
    const text = `#!${parsed.program.hashbang.value}`;
    facts.push(makeFact('entry-point', path, 1, `${path} is an executable script (${text})`, [text]));
  }
  // Calls and member accesses of an optional chain (`a?.b()`, `a?.b.c()`) are not the plain calls
  // the facts describe (`p?.then(f)` may not run at all): their nodes are set aside as the walk
  // meets the chain, before it reaches them.
  const chained = new Set<Node>();
  walkAst(parsed.program, (node, parent) => {
    if (node.type === 'ChainExpression') markChain(node.expression, chained);
    if (chained.has(node)) return;
    const finding = checkRiskRules(path, node, parent, parsed);
    if (finding !== undefined) facts.push(finding);
    if (node.type === 'CallExpression') {
      const line = lineOf(node);
      const route = routeOf(node);
      if (route !== undefined) {
        const on = receiverName(node.callee) ?? 'a router';
        // The route literal may sit lines below the call (`app.get(\n  '/x',`): cite both.
        const literal = node.arguments[route.method === 'on' || calleeName(node.callee) === 'on' ? 1 : 0];
        const endLine = literal === undefined ? line : Math.max(line, endLineOf(literal));
        facts.push(
          makeFact(
            'route',
            path,
            line,
            `${path} registers a ${route.method} route "${route.route}" on ${on}`,
            [route.route, route.method, on],
            { endLine },
          ),
        );
        return;
      }
      const test = testCallName(node.callee);
      const title = staticString(node.arguments[0]);
      if (test !== undefined && title !== undefined && titles < MAX_TEST_TITLES) {
        titles += 1;
        const first = node.arguments[0];
        const endLine = first === undefined ? line : Math.max(line, endLineOf(first));
        facts.push(makeFact('test', path, line, `${path} tests "${title}" (${test})`, [title], { endLine }));
        return;
      }
      const name = calleeName(node.callee);
      if (name === 'require' && node.callee.type === 'Identifier' && title !== undefined) {
        const target = resolveSpecifier(title);
        facts.push(
          makeFact(
            'imports',
            path,
            line,
            `${path} requires "${title}"`,
            [title],
            target === undefined ? {} : { target },
          ),
        );
        return;
      }
      if (name === 'listen' && node.callee.type === 'MemberExpression') {
        const on = receiverName(node.callee) ?? 'a server';
        facts.push(
          makeFact('entry-point', path, line, `${path} starts a server: ${on}.listen`, [on, 'listen']),
        );
        return;
      }
      if (
        name !== undefined &&
        node.callee.type === 'Identifier' &&
        importedNames.has(name) &&
        !called.has(name)
      ) {
        called.add(name);
        facts.push(makeFact('calls', path, line, `${path} calls ${name}`, [name]));
      }
      return;
    }
    if (
      node.type === 'NewExpression' &&
      node.callee.type === 'Identifier' &&
      importedNames.has(node.callee.name)
    ) {
      const name = node.callee.name;
      if (called.has(name)) return;
      called.add(name);
      facts.push(makeFact('calls', path, lineOf(node), `${path} constructs ${name}`, [name]));
      return;
    }
    if (
      node.type === 'AssignmentExpression' &&
      node.left.type === 'MemberExpression' &&
      parent?.type === 'ExpressionStatement'
    ) {
      const target = node.left;
      const root = target.object.type === 'Identifier' ? target.object.name : receiverName(target.object);
      const key =
        target.property.type === 'Identifier' && !target.computed ? target.property.name : undefined;
      if (root === 'exports' && key !== undefined) {
        facts.push(makeFact('exports', path, lineOf(node), `${path} exports ${key}`, [key]));
      } else if (root === 'module' && key === 'exports' && node.right.type === 'Identifier') {
        facts.push(
          makeFact('exports', path, lineOf(node), `${path} exports ${node.right.name}`, [node.right.name]),
        );
      }
    }
  });
  return facts;
}
