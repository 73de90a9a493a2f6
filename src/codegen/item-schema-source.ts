import { simpleName } from '../ssot/doc-text.js';
import { parseMultiplicity } from '../store/schema/derive-relational-schema.js';
import type { DefinitionInfo, FeatureInfo, SysmlModel } from '../sysml/model-types.js';
import { pascalCase, tsString } from './ts-literal.js';

/** zod for the ScalarValues types; anything else unknown stays `z.unknown()` and is reported. */
const SCALAR_ZOD: Record<string, string> = {
  String: 'z.string()',
  Boolean: 'z.boolean()',
  Integer: 'z.number().int()',
  Natural: 'z.number().int().nonnegative()',
  Positive: 'z.number().int().positive()',
  Real: 'z.number()',
  Rational: 'z.number()',
  Number: 'z.number()',
};

const DATA_KINDS = new Set(['attribute', 'item', 'part', 'ref']);

/** The zod source of a model's item types, dependencies first, and what could not be mapped. */
export interface ItemSchemaSource {
  /** Each definition's schema constant and type, separated by blank lines. */
  text: string;
  /** Schema constant of each definition that types a port, by qualified name. */
  schemaNames: Map<string, string>;
  warnings: string[];
}

/** `SecurityReport` → `SecurityReportSchema`. */
export function schemaNameOf(definition: DefinitionInfo): string {
  return `${pascalCase(definition.name)}Schema`;
}

/** The data features of a definition (what its schema holds), its supertypes' first (flattened, as the DB schema flattens). */
export function dataFeatures(
  model: SysmlModel,
  definition: DefinitionInfo,
  seen = new Set<string>(),
): FeatureInfo[] {
  if (seen.has(definition.qualifiedName)) return [];
  seen.add(definition.qualifiedName);
  const inherited = definition.specializes
    .map((name) => model.findDefinition(name))
    .filter((general): general is DefinitionInfo => general !== undefined && general.kind === definition.kind)
    .flatMap((general) => dataFeatures(model, general, seen));
  const own = definition.features.filter((feature) => DATA_KINDS.has(feature.kind) && feature.name !== '');
  const ownNames = new Set(own.map((feature) => feature.name));
  return [...inherited.filter((feature) => !ownNames.has(feature.name)), ...own];
}

/**
 * zod schemas for the item types of an agent's ports: scalars map as the DB schema maps them, enum
 * defs become `z.enum`, nested item defs their own schema, `[0..*]` an array, `[0..1]` optional.
 */
export function renderItemSchemas(model: SysmlModel, roots: readonly DefinitionInfo[]): ItemSchemaSource {
  const ordered: DefinitionInfo[] = [];
  const warnings: string[] = [];
  const visiting = new Set<string>();
  const expressionOf = (feature: FeatureInfo, owner: DefinitionInfo): string => {
    const typeName = feature.types[0];
    const scalar = typeName === undefined ? undefined : SCALAR_ZOD[simpleName(typeName)];
    let base = scalar;
    if (base === undefined) {
      const typed = typeName === undefined ? undefined : model.findDefinition(typeName);
      if (typed !== undefined && typed.kind === 'enum') {
        base = `z.enum([${(typed.enumValues ?? []).map(tsString).join(', ')}])`;
      } else if (typed !== undefined && DATA_KINDS.has(typed.kind) && !visiting.has(typed.qualifiedName)) {
        visit(typed);
        base = schemaNameOf(typed);
      } else {
        warnings.push(
          `${owner.name}.${feature.name}: type ${typeName ?? '(none)'} has no schema mapping; z.unknown() used`,
        );
        base = 'z.unknown()';
      }
    }
    const multiplicity = parseMultiplicity(feature.multiplicity);
    if (multiplicity.many) return `z.array(${base})`;
    return multiplicity.lower === 0 ? `${base}.optional()` : base;
  };
  const bodies = new Map<string, string>();
  const visit = (definition: DefinitionInfo): void => {
    if (bodies.has(definition.qualifiedName) || visiting.has(definition.qualifiedName)) return;
    visiting.add(definition.qualifiedName);
    // A port def carries its items as features; an item def its attributes; both become objects.
    const properties = dataFeatures(model, definition).map(
      (feature) => `  ${feature.name}: ${expressionOf(feature, definition)},`,
    );
    visiting.delete(definition.qualifiedName);
    const name = schemaNameOf(definition);
    const doc = `/** \`${definition.qualifiedName}\` (${definition.kind} def). */`;
    const object = properties.length === 0 ? 'z.object({})' : `z.object({\n${properties.join('\n')}\n})`;
    bodies.set(
      definition.qualifiedName,
      `${doc}\nexport const ${name} = ${object};\nexport type ${pascalCase(definition.name)} = z.infer<typeof ${name}>;\n`,
    );
    ordered.push(definition);
  };
  for (const root of roots) visit(root);
  const schemaNames = new Map(roots.map((root) => [root.qualifiedName, schemaNameOf(root)]));
  return {
    text: ordered.map((definition) => bodies.get(definition.qualifiedName) ?? '').join('\n'),
    schemaNames,
    warnings,
  };
}
