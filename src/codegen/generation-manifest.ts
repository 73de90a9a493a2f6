import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { MANIFEST_PATH } from './codegen-paths.js';

export const MANIFEST_FORMAT = 'swarmlord.codegen-manifest/v1';

const ManifestEntrySchema = z.object({
  path: z.string(),
  element: z.string(),
  kind: z.enum(['agent', 'test', 'doc', 'config', 'db']),
  /** sha256 of the whole file as written (header included). */
  sha256: z.string(),
  model_hash: z.string(),
});

export const GenerationManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  files: z.array(ManifestEntrySchema),
});

/** One generated file as the manifest records it. */
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;
/** Every file generation wrote, sorted by path. */
export type GenerationManifest = z.infer<typeof GenerationManifestSchema>;

/** The project's manifest, or an empty one before the first generation. */
export async function readGenerationManifest(cwd: string): Promise<GenerationManifest> {
  let text: string;
  try {
    text = await readFile(join(cwd, MANIFEST_PATH), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { format: MANIFEST_FORMAT, files: [] };
    throw error;
  }
  return GenerationManifestSchema.parse(JSON.parse(text));
}

/** The manifest's text: sorted, two-space JSON, so the same generation gives the same bytes. */
export function renderGenerationManifest(entries: readonly ManifestEntry[]): string {
  const files = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify({ format: MANIFEST_FORMAT, files }, null, 2)}\n`;
}
