import type { Node } from 'oxc-parser';
import { makeFact } from './make-fact.js';
import { calleeName, isInterpolated, keyName, literalParts, staticString } from './node-text.js';
import type { ParsedSource } from './parse-source.js';
import type { SourceFact } from './source-fact.js';
import { splitIdentifier } from './split-identifier.js';

/** The rule ids the analysis reports, with what each means (for digests and docs). */
export const RISK_RULES: Readonly<Record<string, string>> = {
  'sql-string-built': 'an SQL statement is built by interpolating or concatenating values (injection risk)',
  'eval-dynamic': 'eval or new Function runs code built at run time',
  'exec-interpolated': 'a shell command is built from interpolated values (command injection risk)',
  'tls-verification-disabled': 'TLS certificate verification is switched off',
  'hard-coded-secret': 'a secret-looking name is assigned a literal string',
  'promise-without-catch': 'a promise chain ends in .then without a rejection handler',
};

const SQL = /\b(select\s[\s\S]*\bfrom|insert\s+into|update\s+\S+\s+set|delete\s+from)\b/i;
const SECRET_WORDS = [
  'secret',
  'password',
  'passwd',
  'apikey',
  'token',
  'privatekey',
  'accesskey',
  'credential',
];
const SHELL_CALLS = new Set(['exec', 'execSync']);

function risk(
  parsed: ParsedSource,
  path: string,
  node: Node,
  ruleId: string,
  statement: string,
  names: string[],
): SourceFact {
  const line = parsed.lineAt(node.start);
  // The rule id's words (`sql`, `secret`, `tls`) let an objective about them find the finding.
  return makeFact('risk', path, line, `risk ${ruleId}: ${path} ${statement}`, [...names, ruleId], {
    ruleId,
    endLine: Math.min(parsed.lineAt(node.end), line + 4),
  });
}

function looksSecret(name: string, value: string): boolean {
  const words = splitIdentifier(name).join('');
  if (!SECRET_WORDS.some((word) => words.endsWith(word) || words === word)) return false;
  // Env-var names, placeholders, paths and words are configuration, not secrets.
  if (value.length < 8 || /\s/.test(value) || /^[A-Z0-9_]+$/.test(value) || /^[a-z-]+$/.test(value))
    return false;
  if (/^(https?:|\/|\.\/|\$\{|<|%)/.test(value)) return false;
  return true;
}

/** Checks one node against every rule; returns the finding it raises (a node raises at most one). */
export function checkRiskRules(
  path: string,
  node: Node,
  parent: Node | undefined,
  parsed: ParsedSource,
): SourceFact | undefined {
  switch (node.type) {
    case 'TemplateLiteral':
    case 'BinaryExpression': {
      // Tagged templates (sql`… ${id}`) are how query builders parameterise: not string-built SQL.
      if (parent?.type === 'TaggedTemplateExpression') return undefined;
      if (parent?.type === 'BinaryExpression' && parent.operator === '+') return undefined;
      if (!isInterpolated(node) || !SQL.test(literalParts(node))) return undefined;
      return risk(
        parsed,
        path,
        node,
        'sql-string-built',
        'builds an SQL statement from interpolated values',
        [],
      );
    }
    case 'CallExpression':
    case 'NewExpression': {
      const name = calleeName(node.callee);
      const first = node.arguments[0];
      if (name === undefined || first === undefined) return undefined;
      if (
        (name === 'eval' || (name === 'Function' && node.type === 'NewExpression')) &&
        staticString(first) === undefined
      ) {
        return risk(parsed, path, node, 'eval-dynamic', `passes code built at run time to ${name}`, [name]);
      }
      if (SHELL_CALLS.has(name) && isInterpolated(first)) {
        return risk(
          parsed,
          path,
          node,
          'exec-interpolated',
          `runs a shell command built from interpolated values with ${name}`,
          [name],
        );
      }
      if (
        name === 'then' &&
        node.type === 'CallExpression' &&
        parent?.type === 'ExpressionStatement' &&
        node.arguments.length === 1
      ) {
        return risk(
          parsed,
          path,
          node,
          'promise-without-catch',
          'ends a promise chain with then and no rejection handler',
          ['then'],
        );
      }
      return undefined;
    }
    case 'Property': {
      const key = keyName(node.key);
      if (key === undefined) return undefined;
      if (
        (key === 'rejectUnauthorized' || key === 'strictSSL') &&
        node.value.type === 'Literal' &&
        node.value.value === false
      ) {
        return risk(parsed, path, node, 'tls-verification-disabled', `sets ${key} to false`, [key]);
      }
      const value = staticString(node.value);
      if (value !== undefined && looksSecret(key, value)) {
        return risk(parsed, path, node, 'hard-coded-secret', `assigns a literal string to ${key}`, [key]);
      }
      return undefined;
    }
    case 'VariableDeclarator': {
      const name = node.id.type === 'Identifier' ? node.id.name : undefined;
      const value = staticString(node.init);
      if (name !== undefined && value !== undefined && looksSecret(name, value)) {
        return risk(parsed, path, node, 'hard-coded-secret', `assigns a literal string to ${name}`, [name]);
      }
      return undefined;
    }
    case 'AssignmentExpression': {
      const name = keyName(node.left);
      if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && staticString(node.right) === '0') {
        return risk(parsed, path, node, 'tls-verification-disabled', `sets ${name} to "0"`, [name]);
      }
      const value = staticString(node.right);
      if (name !== undefined && value !== undefined && looksSecret(name, value)) {
        return risk(parsed, path, node, 'hard-coded-secret', `assigns a literal string to ${name}`, [name]);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
