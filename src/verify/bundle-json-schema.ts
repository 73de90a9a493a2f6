import { z } from 'zod';
import { ReviewBundleFileSchema } from '../contracts/index.js';

/** Stable identifier of the published schema; a URN because the project owns no schema host. */
export const BUNDLE_JSON_SCHEMA_ID = 'urn:swarmlord:schema:review-bundle:v1';

/**
 * The review bundle file as JSON Schema (draft 2020-12), for any agent framework that wants its
 * output gated by `swarmlord verify`. It describes the file as written (`io: 'input'`).
 */
export function bundleJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ReviewBundleFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    $id: BUNDLE_JSON_SCHEMA_ID,
    title: 'swarmlord review bundle',
    description:
      'Claims with machine-resolvable evidence refs, verified by `swarmlord verify <file> --workspace DIR` (exit 0 PASS, 1 FAIL, 2 bad input, 3 CAUTION).',
    ...schema,
  };
}
