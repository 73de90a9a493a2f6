/** Folders of code that exercises or demonstrates the workspace rather than implementing it. */
const PERIPHERAL_CODE =
  /(^|\/)(benchmarks?|bench|perf-measures|perf|examples?|demos?|samples|fixtures?|runtime-tests|e2e|docs?|scripts)\//i;
const TEST_FILE = /(^|\/)(__tests__|tests?|spec)\/|\.(test|spec)\.[a-z]+$/i;

/** How a path relates to the workspace's implementation: ranking weights depend on it. */
export type PathRole = 'implementation' | 'test' | 'peripheral';

/** `test` for test files, `peripheral` for benchmarks, examples, fixtures, docs and type declarations, else `implementation`. */
export function pathRole(path: string): PathRole {
  if (TEST_FILE.test(path)) return 'test';
  // Declaration files and typings describe an API; the question "where is X" wants the code.
  if (PERIPHERAL_CODE.test(path) || /\.d\.[cm]?ts$/.test(path) || /(^|\/)typings\//.test(path))
    return 'peripheral';
  return 'implementation';
}
