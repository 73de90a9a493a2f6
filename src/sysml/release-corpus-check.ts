import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SysmlDocument } from './ast.js';
import { buildSysmlModel } from './build-sysml-model.js';
import type { CorpusFile } from './corpus-files.js';
import type { SysmlDiagnostic } from './model-types.js';
import { type ParseSysmlResult as ParseResult, parseSysml } from './parse-sysml.js';
import { namesUsedBy } from './used-names.js';

/** One file's result when checked together with the other files of its folder. */
export interface FolderCheckResult {
  name: string;
  /** Errors of this file: parse errors and resolution errors located in it. */
  errors: SysmlDiagnostic[];
}

/** The collection a corpus file belongs to: `sysml/src/training`, `kerml/src/examples`, `sysml.library`. */
function collectionOf(name: string): string {
  return name.startsWith('sysml.library/') ? 'sysml.library' : name.split('/').slice(0, 3).join('/');
}

/** Top-level package names a document declares. */
function declaredPackages(document: SysmlDocument): string[] {
  return document.members.flatMap((member) =>
    member.type === 'Package' && member.name !== undefined ? [member.name] : [],
  );
}

/**
 * Checks `files` folder by folder, each folder as one model with the standard library, the way
 * `ssot check <folder>` does, and returns each file's errors. A folder's files may import packages
 * declared in another folder of the same collection (the training files build on earlier lessons:
 * `11. Interfaces` imports `'Port Example'` of `10. Ports`): the file declaring such a package joins
 * the model, transitively, when exactly one file of the collection declares it. Only the folder's own
 * files are reported on.
 */
export function checkByFolder(files: readonly CorpusFile[]): FolderCheckResult[] {
  const parsedFiles = new Map<string, ParseResult>();
  const parse = (file: CorpusFile): ParseResult => {
    let result = parsedFiles.get(file.name);
    if (!result) {
      result = parseSysml(readFileSync(file.path, 'utf8'), { file: file.name });
      parsedFiles.set(file.name, result);
    }
    return result;
  };
  const folders = new Map<string, CorpusFile[]>();
  const declarers = new Map<string, CorpusFile[]>();
  for (const file of files) {
    const folder = dirname(file.name);
    folders.set(folder, [...(folders.get(folder) ?? []), file]);
    for (const name of declaredPackages(parse(file).document)) {
      const key = `${collectionOf(file.name)}\n${name}`;
      declarers.set(key, [...(declarers.get(key) ?? []), file]);
    }
  }
  const results: FolderCheckResult[] = [];
  for (const folderFiles of folders.values()) {
    const model = [...folderFiles];
    const declared = new Set(model.flatMap((file) => declaredPackages(parse(file).document)));
    for (let position = 0; position < model.length; position += 1) {
      const file = model[position] as CorpusFile;
      for (const name of namesUsedBy(parse(file).document)) {
        if (declared.has(name)) continue;
        const candidates = declarers.get(`${collectionOf(file.name)}\n${name}`) ?? [];
        const dependency = candidates.length === 1 ? candidates[0] : undefined;
        if (!dependency || model.includes(dependency)) continue;
        model.push(dependency);
        for (const own of declaredPackages(parse(dependency).document)) declared.add(own);
      }
    }
    const built = buildSysmlModel(model.map((file) => parse(file).document));
    for (const file of folderFiles) {
      const own = [
        ...parse(file).diagnostics,
        ...built.diagnostics.filter((diagnostic) => diagnostic.file === file.name),
      ];
      results.push({ name: file.name, errors: own.filter((diagnostic) => diagnostic.severity === 'error') });
    }
  }
  return results;
}
