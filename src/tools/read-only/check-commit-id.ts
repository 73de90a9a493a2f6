import { ToolError } from '../tool-error.js';

const HEX_ID = /^[0-9a-fA-F]{4,40}$/;
const HEAD_ANCESTOR = /^HEAD(~[0-9]{1,5})?$/;
/** A branch or tag name: starts with a letter or digit, so it can never be read as an option. */
const REF_NAME = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

/**
 * Accepts a commit id a model may pass to git: a hex id (4–40), `HEAD`, `HEAD~N`, or a plain
 * branch/tag name. Everything else — notably anything starting with `-` (`--output=x` would be
 * an option), revision syntax (`@{…}`, `^`, `:`) and ranges (`..`) — is refused.
 *
 * @throws {ToolError} `TOOL_INPUT_INVALID`
 */
export function checkCommitId(commit: string): string {
  const trimmed = commit.trim();
  const isRefName =
    REF_NAME.test(trimmed) &&
    !trimmed.includes('..') &&
    !trimmed.includes('//') &&
    !trimmed.endsWith('/') &&
    !trimmed.endsWith('.') &&
    !trimmed.endsWith('.lock');
  if (HEX_ID.test(trimmed) || HEAD_ANCESTOR.test(trimmed) || isRefName) return trimmed;
  throw new ToolError(
    'TOOL_INPUT_INVALID',
    `commit ${JSON.stringify(commit)} is not accepted; give a hex commit id (4-40 characters), HEAD, HEAD~N or a branch or tag name`,
  );
}
