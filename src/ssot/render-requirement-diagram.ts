import type { DefinitionInfo, RequirementInfo } from '../sysml/model-types.js';
import { docText, simpleName } from './doc-text.js';
import { MermaidIds, mermaidString } from './mermaid-text.js';

const MAX_TEXT_LENGTH = 300;

/** What the requirement diagram shows. */
export interface RequirementDiagramInput {
  requirements: readonly RequirementInfo[];
  /** Resolves owners to definitions (for their kind). */
  definitions: readonly DefinitionInfo[];
  /** Qualified names of the agents: each is an element even when it owns no requirement. */
  agents?: readonly string[];
}

function requirementText(requirement: RequirementInfo): string {
  const text = mermaidString(docText(requirement.doc)) || requirement.name;
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH - 1)}…` : text;
}

/**
 * A mermaid `requirementDiagram`: every requirement with its id (short name, else qualified name) and
 * its doc as text; an element for every agent and every other definition or package owning a
 * requirement; `satisfies` from a definition to the requirements it owns, `contains` from a package
 * or a requirement to the requirements nested in it.
 */
export function renderRequirementDiagram(input: RequirementDiagramInput): string {
  const ids = new MermaidIds();
  const requirementIds = new Map<string, string>();
  const lines = ['requirementDiagram'];
  for (const requirement of input.requirements) {
    const id = ids.idFor(`requirement:${requirement.qualifiedName}`, requirement.name);
    requirementIds.set(requirement.qualifiedName, id);
    lines.push(
      `  requirement ${id} {`,
      `    id: "${mermaidString(requirement.shortName ?? requirement.qualifiedName)}"`,
      `    text: "${requirementText(requirement)}"`,
      '  }',
    );
  }

  const definitions = new Map(input.definitions.map((definition) => [definition.qualifiedName, definition]));
  const elements = new Map<string, string>();
  const elementFor = (qualifiedName: string): string => {
    const known = elements.get(qualifiedName);
    if (known !== undefined) return known;
    const definition = definitions.get(qualifiedName);
    const id = ids.idFor(`element:${qualifiedName}`, definition?.name ?? simpleName(qualifiedName));
    const type =
      definition === undefined
        ? 'package'
        : `${definition.isAbstract ? 'abstract ' : ''}${definition.kind} def`;
    lines.push(`  element ${id} {`, `    type: "${type}"`, '  }');
    elements.set(qualifiedName, id);
    return id;
  };
  for (const agent of input.agents ?? []) elementFor(agent);

  const relations: string[] = [];
  for (const requirement of input.requirements) {
    const target = requirementIds.get(requirement.qualifiedName);
    if (target === undefined || requirement.owner === '') continue;
    const parentRequirement = requirementIds.get(requirement.owner);
    if (parentRequirement !== undefined) relations.push(`  ${parentRequirement} - contains -> ${target}`);
    else if (definitions.has(requirement.owner))
      relations.push(`  ${elementFor(requirement.owner)} - satisfies -> ${target}`);
    else relations.push(`  ${elementFor(requirement.owner)} - contains -> ${target}`);
  }
  return [...lines, ...relations].join('\n');
}
