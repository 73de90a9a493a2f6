import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  CODEGEN_DIR,
  MANIFEST_PATH,
  RECEIPTS_PATH,
  VISION_LEDGER_PATH,
  VISION_PATH,
} from './codegen-paths.js';
import { contentHash } from './content-hash.js';
import { isoDay, readDailyTodo, todoPath } from './daily-todo.js';
import { stampGeneratedFile } from './generated-header.js';
import type { GenerationContext } from './generation-context.js';
import {
  type ManifestEntry,
  readGenerationManifest,
  renderGenerationManifest,
} from './generation-manifest.js';
import type { GenerationPlan, GenerationTarget, PlannedFile } from './plan-generation.js';
import { extendVisionLedger, readVisionLedger, readVisionSections } from './vision-ledger.js';

/** One file as generation stamped it. */
export interface StampedFile extends PlannedFile {
  text: string;
}

/** What a generation wrote and read. */
export interface GenerationReceipt {
  generated_at: string;
  target: GenerationTarget;
  model_hash: string;
  model_files: string[];
  files: { path: string; element: string; sha256: string; changed: boolean }[];
  warnings: string[];
  behaviour_cases: GenerationPlan['behaviourCases'];
  /** The vision document's sections seen (`generate all` reads it; the seed's intent input). */
  vision: { path: string; sections: string[] } | null;
  /** Today's TODO priorities (`generate all` reads them; the seed's priorities input). */
  todo: { path: string; priorities: string[] } | null;
}

const COMMANDS: Record<PlannedFile['kind'], (file: PlannedFile) => string> = {
  agent: (file) => `swarmlord generate agent --agent ${file.element.split('::').at(-1) ?? file.element}`,
  test: () => 'swarmlord generate tests',
  doc: () => 'swarmlord generate docs',
  config: () => 'swarmlord generate configs',
  db: () => 'swarmlord generate all',
};

/** The plan's files with their headers: what would be on disk. */
export function stampPlan(context: GenerationContext, plan: GenerationPlan): StampedFile[] {
  return plan.files.map((file) => ({
    ...file,
    text: stampGeneratedFile({
      path: file.path,
      element: file.element,
      modelHash: context.modelHash,
      command: COMMANDS[file.kind](file),
      body: file.body,
    }),
  }));
}

async function readOptional(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/**
 * Writes a plan: each file (only when its bytes change), the manifest (merged with earlier
 * generations), the vision ledger (for `all`) and one receipt line. Files and manifest carry no
 * time, so regenerating an unchanged model changes nothing; the receipt records when it ran.
 */
export async function writeGeneration(
  context: GenerationContext,
  plan: GenerationPlan,
  options: { target: GenerationTarget; now: Date },
): Promise<GenerationReceipt> {
  const { cwd } = context;
  const stamped = stampPlan(context, plan);
  const written: GenerationReceipt['files'] = [];
  for (const file of stamped) {
    const path = join(cwd, file.path);
    const before = await readOptional(path);
    if (before !== file.text) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.text, 'utf8');
    }
    written.push({
      path: file.path,
      element: file.element,
      sha256: contentHash(file.text),
      changed: before !== file.text,
    });
  }
  const manifest = await readGenerationManifest(cwd);
  const fresh = new Map<string, ManifestEntry>(
    stamped.map((file) => [
      file.path,
      {
        path: file.path,
        element: file.element,
        kind: file.kind,
        sha256: contentHash(file.text),
        model_hash: context.modelHash,
      },
    ]),
  );
  const entries = [...manifest.files.filter((entry) => !fresh.has(entry.path)), ...fresh.values()];
  await mkdir(join(cwd, CODEGEN_DIR), { recursive: true });
  const manifestText = renderGenerationManifest(entries);
  if ((await readOptional(join(cwd, MANIFEST_PATH))) !== manifestText) {
    await writeFile(join(cwd, MANIFEST_PATH), manifestText, 'utf8');
  }

  let vision: GenerationReceipt['vision'] = null;
  let todo: GenerationReceipt['todo'] = null;
  if (options.target === 'all') {
    const sections = await readVisionSections(cwd);
    if (sections !== undefined) {
      vision = { path: VISION_PATH, sections: sections.map((section) => section.title) };
      const ledger = extendVisionLedger(await readVisionLedger(cwd), sections);
      if ((await readOptional(join(cwd, VISION_LEDGER_PATH))) !== ledger) {
        await writeFile(join(cwd, VISION_LEDGER_PATH), ledger, 'utf8');
      }
    }
    const today = await readDailyTodo(cwd, isoDay(options.now));
    if (today !== undefined) {
      todo = { path: todoPath(today.date), priorities: today.priorities.map((item) => item.text) };
    }
  }
  const receipt: GenerationReceipt = {
    generated_at: options.now.toISOString(),
    target: options.target,
    model_hash: context.modelHash,
    model_files: context.ssot.files,
    files: written,
    warnings: plan.warnings,
    behaviour_cases: plan.behaviourCases,
    vision,
    todo,
  };
  await appendFile(join(cwd, RECEIPTS_PATH), `${JSON.stringify(receipt)}\n`, 'utf8');
  return receipt;
}

/** The receipts of every generation, oldest first. */
export async function readGenerationReceipts(cwd: string): Promise<GenerationReceipt[]> {
  const text = (await readOptional(join(cwd, RECEIPTS_PATH))) ?? '';
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GenerationReceipt);
}
