import { z } from 'zod';

/** Lowercase hex sha256 digest. */
export const Sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256 (64 characters)');

/**
 * A pointer into a workspace file that a machine can resolve: the lines `[start, end]` (1-based,
 * inclusive) of `path` (relative to the workspace, `/`-separated) must hash to `sha256`.
 */
export const FileEvidenceRefSchema = z.object({
  kind: z.literal('file'),
  /** Workspace-relative path with `/` separators. */
  path: z.string().min(1),
  /** 1-based inclusive line range `[start, end]`, `start <= end`. */
  lines: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
  /** sha256 of the lines joined with `\n` (no trailing newline). */
  sha256: Sha256Schema,
  /** A verbatim excerpt that must occur inside those lines. */
  quote: z.string().optional(),
  /** Git commit the lines were read at, when the workspace is a repository. */
  commit: z.string().optional(),
});

/** A pointer to web content: the body fetched from `url` hashes to `content_sha256` and contains `quote`. */
export const UrlEvidenceRefSchema = z.object({
  kind: z.literal('url'),
  url: z.string().url(),
  /** sha256 of the fetched body. */
  content_sha256: Sha256Schema,
  quote: z.string(),
});

/** A measured value with where it came from (a command, a file, a tool). */
export const MetricEvidenceRefSchema = z.object({
  kind: z.literal('metric'),
  name: z.string().min(1),
  value: z.union([z.number(), z.string()]),
  source: z.string().min(1),
});

/** Any machine-resolvable evidence pointer. */
export const EvidenceRefSchema = z.discriminatedUnion('kind', [
  FileEvidenceRefSchema,
  UrlEvidenceRefSchema,
  MetricEvidenceRefSchema,
]);

export type FileEvidenceRef = z.infer<typeof FileEvidenceRefSchema>;
export type UrlEvidenceRef = z.infer<typeof UrlEvidenceRefSchema>;
export type MetricEvidenceRef = z.infer<typeof MetricEvidenceRefSchema>;
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

/** Short human form of an evidence ref, e.g. `src/app.ts:10-14`. */
export function formatEvidenceRef(ref: EvidenceRef): string {
  switch (ref.kind) {
    case 'file':
      return `${ref.path}:${ref.lines[0]}-${ref.lines[1]}`;
    case 'url':
      return ref.url;
    case 'metric':
      return `${ref.name}=${ref.value} (${ref.source})`;
  }
}
