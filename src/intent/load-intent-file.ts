import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { MissionIntent } from '../contracts/mission-intent.js';
import { IntentError } from './intent-error.js';
import { parseIntentYaml } from './parse-intent-yaml.js';

/**
 * Reads and validates a mission intent YAML file. A relative `workspace` is resolved against the
 * intent file's own directory (returned absolute), so an intent runs the same from any directory.
 *
 * @throws {IntentError} `INTENT_NOT_FOUND` when the file does not exist; `INTENT_INVALID` with every
 * located problem otherwise (its message is the `file:line:col field: message` lines).
 */
export async function loadIntentFile(path: string): Promise<MissionIntent> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      const reason = code === 'EISDIR' ? 'is a directory, not a file' : 'not found';
      throw new IntentError('INTENT_NOT_FOUND', {
        path,
        message: `mission intent ${reason}: ${path}`,
        cause: error,
      });
    }
    throw error;
  }
  const result = parseIntentYaml(text, path);
  if (!result.ok) throw new IntentError('INTENT_INVALID', { path, problems: result.problems });
  return { ...result.intent, workspace: resolve(dirname(resolve(path)), result.intent.workspace) };
}
