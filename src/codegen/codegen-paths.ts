/** Where codegen keeps its records, relative to the project root. */
export const CODEGEN_DIR = 'hfo_codegen';
/** Every file generation wrote, with hashes (deterministic: no times). */
export const MANIFEST_PATH = 'hfo_codegen/manifest.json';
/** One JSON line per generation: when, what, from which model, with which priorities. */
export const RECEIPTS_PATH = 'hfo_codegen/receipts.jsonl';
/** The hashes of `vision_level_diagrams.md`'s sections as first seen (the file is append-only). */
export const VISION_LEDGER_PATH = 'hfo_codegen/vision-ledger.json';
/** The people's vision document (seed `000_…`): append new sections, never rewrite old ones. */
export const VISION_PATH = 'vision_level_diagrams.md';
/** The latest `swarmlord validate` approval report. */
export const APPROVAL_JSON_PATH = 'hfo_codegen/approval.json';
export const APPROVAL_MARKDOWN_PATH = 'hfo_codegen/approval.md';
/** Folders whose every file must be explained by a model element. */
export const GENERATED_FOLDERS: readonly string[] = ['agents', 'docs/agents'];
