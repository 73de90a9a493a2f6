import { simpleName } from '../ssot/doc-text.js';
import { parseMultiplicity } from '../store/schema/derive-relational-schema.js';
import type { DefinitionInfo, SysmlModel } from '../sysml/model-types.js';
import { dataFeatures } from './item-schema-source.js';
import { tsProperty, tsString } from './ts-literal.js';

/** A JSON-like value a generated test writes out. */
export type SampleValue = string | number | boolean | SampleValue[] | { [key: string]: SampleValue };

const NUMERIC = new Set(['Integer', 'Natural', 'Positive', 'Real', 'Rational', 'Number']);

/**
 * A value every field of the item's schema accepts, the same on every run (a round-trip test's
 * fixture): strings name their field, numbers are 1, enums take their first value, a `[0..*]`
 * feature holds one element, optional features are present.
 */
export function sampleItem(
  model: SysmlModel,
  definition: DefinitionInfo,
  text?: { field: string; value: string },
  seen = new Set<string>(),
): { [key: string]: SampleValue } {
  const sample: { [key: string]: SampleValue } = {};
  const nextSeen = new Set([...seen, definition.qualifiedName]);
  for (const feature of dataFeatures(model, definition)) {
    const typeName = feature.types[0] === undefined ? '' : simpleName(feature.types[0]);
    const typed = feature.types[0] === undefined ? undefined : model.findDefinition(feature.types[0]);
    let value: SampleValue | undefined;
    if (typeName === 'String') value = text?.field === feature.name ? text.value : `${feature.name} sample`;
    else if (typeName === 'Boolean') value = true;
    else if (NUMERIC.has(typeName)) value = 1;
    else if (typed?.kind === 'enum') value = typed.enumValues?.[0] ?? '';
    else if (typed !== undefined && !nextSeen.has(typed.qualifiedName))
      value = sampleItem(model, typed, undefined, nextSeen);
    // Unmapped types are `z.unknown()` in the schema: leave them out rather than guess.
    if (value === undefined) continue;
    sample[feature.name] = parseMultiplicity(feature.multiplicity).many ? [value] : value;
  }
  return sample;
}

/** The first string field of an item whose name suggests code or text, else its first string field. */
export function textFieldOf(model: SysmlModel, definition: DefinitionInfo): string | undefined {
  const strings = dataFeatures(model, definition).filter(
    (feature) => feature.types[0] !== undefined && simpleName(feature.types[0]) === 'String',
  );
  const preferred = strings.find((feature) =>
    /^(content|code|text|source|snippet|body)$/i.test(feature.name),
  );
  return (preferred ?? strings[0])?.name;
}

/**
 * A value as TypeScript source in the shape Biome prints it: objects always expanded (Biome keeps
 * an object expanded when its source breaks after `{`), arrays of scalars on one line.
 */
export function tsValue(value: SampleValue, indent: string): string {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((element) => typeof element !== 'object'))
      return `[${value.map((v) => tsValue(v, inner)).join(', ')}]`;
    return `[\n${value.map((element) => `${inner}${tsValue(element, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : tsString(name));
  return `{\n${entries.map(([name, element]) => tsProperty(inner, key(name), tsValue(element, inner))).join('\n')}\n${indent}}`;
}
