import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildSysmlModel } from './build-sysml-model.js';
import type { CorpusFile } from './corpus-files.js';
import type { SysmlDiagnostic } from './model-types.js';
import { parseSysml } from './parse-sysml.js';

/** One file's result when checked together with the other files of its folder. */
export interface FolderCheckResult {
  name: string;
  /** Errors of this file: parse errors and resolution errors located in it. */
  errors: SysmlDiagnostic[];
}

/**
 * Checks `files` folder by folder, each folder as one model with the standard library, the way
 * `ssot check <folder>` does, and returns each file's errors.
 */
export function checkByFolder(files: readonly CorpusFile[]): FolderCheckResult[] {
  const folders = new Map<string, CorpusFile[]>();
  for (const file of files) {
    const folder = dirname(file.name);
    folders.set(folder, [...(folders.get(folder) ?? []), file]);
  }
  const results: FolderCheckResult[] = [];
  for (const folderFiles of folders.values()) {
    const parsed = folderFiles.map((file) =>
      parseSysml(readFileSync(file.path, 'utf8'), { file: file.name }),
    );
    const model = buildSysmlModel(parsed.map((result) => result.document));
    for (const [index, file] of folderFiles.entries()) {
      const own = [
        ...(parsed[index]?.diagnostics ?? []),
        ...model.diagnostics.filter((diagnostic) => diagnostic.file === file.name),
      ];
      results.push({ name: file.name, errors: own.filter((diagnostic) => diagnostic.severity === 'error') });
    }
  }
  return results;
}
