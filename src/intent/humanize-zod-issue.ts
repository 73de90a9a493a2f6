import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  date: 'a date',
};

/** How a YAML value reads back to the user in a message: strings quoted, collections named. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return String(value);
}

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function describeBound(issue: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const got = describeValue(issue.input);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return small
        ? `must have at least ${bound} item${bound === '1' ? '' : 's'}`
        : `must have at most ${bound} item${bound === '1' ? '' : 's'}`;
    case 'string':
      if (small && bound === '1') return 'must not be empty';
      return `must be ${small ? 'at least' : 'at most'} ${bound} characters long`;
    default: {
      const operator = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      return `must be ${operator} ${bound}, got ${got}`;
    }
  }
}

function describeUnion(issue: RawIssue & { code: 'invalid_union' }): string | undefined {
  // zod reports a union failure as a bag only when no branch matched the value's type; other
  // cases surface the matching branch's own issues, so listing expected types is enough here.
  const expected: string[] = [];
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first?.code !== 'invalid_type' || first.path.length > 0) return undefined;
    expected.push(typeName(first.expected));
  }
  if (expected.length === 0) return undefined;
  return `must be ${expected.join(' or ')}, got ${describeValue(issue.input)}`;
}

/**
 * A zod error map that says what a user editing YAML needs to read: `must be a number, got "two"`,
 * `must be one of json, yaml, got "xml"`, `is required`. Messages written into the schema itself
 * (the refinements, the id regex) take precedence over a per-parse map in zod 4, so they pass through.
 * Returns `undefined` to fall back to zod's own message for anything not covered.
 */
export function humanizeZodIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${typeName(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}, got ${describeValue(issue.input)}`;
    case 'too_small':
    case 'too_big':
      return describeBound(issue);
    case 'invalid_format':
      if (issue.format === 'datetime') {
        return `must be an ISO 8601 date-time such as 2026-11-22T10:00:00Z, got ${describeValue(issue.input)}`;
      }
      if (issue.format === 'url') return `must be a URL, got ${describeValue(issue.input)}`;
      return `must match the ${issue.format} format, got ${describeValue(issue.input)}`;
    case 'invalid_union':
      return describeUnion(issue);
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
}
