import { isMap, isSeq } from 'yaml';
import { z } from 'zod';
import { pairKeyName } from './locate-yaml-path.js';
import { suggestName } from './suggest-name.js';

/** A key the schema does not know, with the closest known sibling if it looks like a typo. */
export interface UnknownKey {
  /** Path to the key itself, e.g. `['quorum', 'treshold']`. */
  path: PropertyKey[];
  suggestion?: string | undefined;
}

/** Peels wrappers that do not change the shape the YAML must have. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.def.in as z.ZodType;
    } else {
      return current;
    }
  }
}

/** For a union (e.g. `lanes`: a count or a list), the branch whose shape matches the YAML node. */
function pickBranch(schema: z.ZodType, node: unknown): z.ZodType | undefined {
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodUnion)) return inner;
  for (const option of inner.options as readonly z.ZodType[]) {
    const branch = unwrap(option);
    if (isMap(node) && branch instanceof z.ZodObject) return branch;
    if (isSeq(node) && branch instanceof z.ZodArray) return branch;
  }
  return undefined;
}

function walk(schema: z.ZodType, node: unknown, path: PropertyKey[], found: UnknownKey[]): void {
  const branch = pickBranch(schema, node);
  if (branch instanceof z.ZodObject && isMap(node)) {
    const shape = branch.shape as Record<string, z.ZodType>;
    const known = Object.keys(shape);
    for (const pair of node.items) {
      const name = pairKeyName(pair.key);
      if (name === undefined) continue;
      // Own fields only: `constructor`, `toString` or `__proto__` are not intent fields.
      const field = Object.hasOwn(shape, name) ? shape[name] : undefined;
      if (field === undefined) {
        const present = new Set(node.items.map((item) => pairKeyName(item.key)));
        // Suggest only fields not already present: `quorum` twice would be a worse hint.
        const candidates = known.filter((candidate) => !present.has(candidate));
        found.push({ path: [...path, name], suggestion: suggestName(name, candidates) });
      } else {
        walk(field, pair.value, [...path, name], found);
      }
    }
  } else if (branch instanceof z.ZodArray && isSeq(node)) {
    node.items.forEach((item, index) => {
      walk(branch.element as z.ZodType, item, [...path, index], found);
    });
  }
}

/**
 * Lists keys in the YAML that the schema does not define. zod strips unknown keys silently, and a
 * typo such as `qourum:` would then fall back to the default quorum without a word; walking the
 * YAML against the schema's object shapes catches that without making the contracts strict.
 */
export function findUnknownKeys(schema: z.ZodType, root: unknown): UnknownKey[] {
  const found: UnknownKey[] = [];
  walk(schema, root, [], found);
  return found;
}
