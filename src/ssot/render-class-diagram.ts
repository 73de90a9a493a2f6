import type { DefinitionInfo, FeatureInfo } from '../sysml/model-types.js';
import { simpleName } from './doc-text.js';
import { MermaidIds, mermaidLabel, mermaidMember, mermaidString } from './mermaid-text.js';

const MAX_VALUE_LENGTH = 60;

/** Finds the class of a type name, qualified (resolved) or as written (unresolved). */
function createTypeLookup(
  definitions: readonly DefinitionInfo[],
  ids: MermaidIds,
): (type: string) => string | undefined {
  const bySimpleName = new Map<string, string | null>();
  for (const definition of definitions) {
    const id = ids.find(definition.qualifiedName);
    if (id === undefined) continue;
    // null marks an ambiguous simple name: better no edge than an edge to the wrong class.
    bySimpleName.set(definition.name, bySimpleName.has(definition.name) ? null : id);
  }
  return (type) => ids.find(type) ?? bySimpleName.get(simpleName(type.replace(/^~/, ''))) ?? undefined;
}

function featureName(feature: FeatureInfo): string {
  if (feature.name !== '') return feature.name;
  const redefined = feature.redefines.map(simpleName).join(', ');
  return redefined === '' ? '(unnamed)' : `redefines ${redefined}`;
}

function memberLine(feature: FeatureInfo): string {
  const prefix = [
    feature.direction,
    feature.kind === 'attribute' || feature.kind === 'ref' ? undefined : feature.kind,
  ]
    .filter((word) => word !== undefined)
    .join(' ');
  const types =
    feature.types.length === 0
      ? ''
      : ` : ${feature.conjugated === true ? '^' : ''}${feature.types.map(simpleName).join(', ')}`;
  const multiplicity = feature.multiplicity === undefined ? '' : ` ${feature.multiplicity}`;
  const valueText = feature.valueText?.trim() ?? '';
  const value =
    valueText === ''
      ? ''
      : ` = ${valueText.length > MAX_VALUE_LENGTH ? `${valueText.slice(0, MAX_VALUE_LENGTH - 1)}…` : valueText}`;
  return mermaidMember(
    `+${prefix === '' ? '' : `${prefix} `}${featureName(feature)}${types}${multiplicity}${value}`,
  );
}

function stereotype(definition: DefinitionInfo): string {
  return `<<${definition.isAbstract ? 'abstract ' : ''}${definition.kind} def>>`;
}

/**
 * A mermaid `classDiagram` of the model's definitions: each a class with its kind as stereotype and
 * its attributes, items, enum values and requirements as members; `<|--` for specialization, `*--`
 * for parts typed by a definition in the diagram and `-->` for ports. Requirement definitions are
 * members of their owners here; the requirement diagram shows them in full.
 */
export function renderClassDiagram(definitions: readonly DefinitionInfo[]): string {
  const shown = definitions.filter((definition) => definition.kind !== 'requirement');
  const ids = new MermaidIds();
  for (const definition of shown) ids.idFor(definition.qualifiedName, definition.name);
  const classOf = createTypeLookup(shown, ids);

  const classes: string[] = [];
  const relations: string[] = [];
  for (const definition of shown) {
    const id = ids.idFor(definition.qualifiedName, definition.name);
    const label = mermaidString(definition.name);
    const members = [stereotype(definition)];
    for (const value of definition.enumValues ?? []) members.push(mermaidMember(value));
    for (const feature of definition.features) {
      // Enum values also come as `enum` usages; they are already listed from `enumValues`.
      if (feature.kind === 'enum' && definition.enumValues !== undefined) continue;
      const target = feature.types.map(classOf).find((found) => found !== undefined);
      const name = mermaidLabel(`${featureName(feature)} ${feature.multiplicity ?? ''}`);
      if (target !== undefined && feature.kind === 'part') relations.push(`  ${id} *-- ${target} : ${name}`);
      else if (target !== undefined && feature.kind === 'port') {
        relations.push(`  ${id} --> ${target} : ${mermaidLabel(`port ${feature.direction ?? ''} ${name}`)}`);
      } else members.push(memberLine(feature));
    }
    for (const requirement of definition.requirements)
      members.push(mermaidMember(`requirement ${requirement.name}`));
    classes.push(
      `  class ${id}${label === id ? '' : `["${label}"]`} {`,
      ...members.map((member) => `    ${member}`),
      '  }',
    );
    for (const supertype of definition.specializes) {
      const parent = classOf(supertype);
      if (parent !== undefined && parent !== id) relations.push(`  ${parent} <|-- ${id}`);
    }
  }
  // An empty classDiagram is a syntax error in mermaid; a note keeps the file valid.
  if (classes.length === 0) classes.push('  note "the model has no definitions"');
  return ['classDiagram', ...classes, ...relations].join('\n');
}
