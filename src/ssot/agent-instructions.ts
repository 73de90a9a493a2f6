import type { AgentInfo, RequirementInfo } from '../sysml/model-types.js';
import { docText, simpleName } from './doc-text.js';

/** A requirement as a check a validator applies to an agent's output. */
export interface AgentCriterion {
  /** The requirement's simple name, e.g. `CiteEvidence`. */
  name: string;
  qualifiedName: string;
  /** The requirement's doc as one line, plus its required constraints; the name when it has no doc. */
  text: string;
}

/** The criterion a requirement states, for validators and for the agent's own instructions. */
export function requirementCriterion(requirement: RequirementInfo): AgentCriterion {
  const doc = docText(requirement.doc);
  const constraints = requirement.requiredConstraints.map((body) => `Constraint: ${body.trim()}`);
  const text = [doc === '' ? `Satisfy ${requirement.name}.` : doc, ...constraints].join(' ');
  return { name: requirement.name, qualifiedName: requirement.qualifiedName, text };
}

function portTypes(agent: AgentInfo, portName: string): string | undefined {
  const port = agent.ports.find((candidate) => candidate.name === portName);
  if (port === undefined || port.types.length === 0) return undefined;
  return port.types.map(simpleName).join(', ');
}

/**
 * An agent's instructions (its system prompt): who it is, its doc, then every requirement it must
 * satisfy, its own first and then the inherited ones, and the items it consumes and produces. The
 * requirements are numbered so a validator's findings can refer back to them.
 */
export function buildAgentInstructions(
  agent: AgentInfo,
  requirements: readonly RequirementInfo[],
  extras: { persona?: string } = {},
): string {
  const supertypes = agent.specializes.map(simpleName).join(', ');
  const lines = [
    `You are ${agent.name}, an agent of a swarmlord swarm` +
      (supertypes === '' ? '.' : ` (a specialization of ${supertypes}).`),
  ];
  const doc = docText(agent.doc);
  if (doc !== '') lines.push(doc);
  if (extras.persona !== undefined && extras.persona !== '') lines.push(`Persona: ${extras.persona}.`);
  if (requirements.length > 0) {
    lines.push('', 'Requirements (your work is verified against each one):');
    requirements.forEach((requirement, index) => {
      const criterion = requirementCriterion(requirement);
      const inherited =
        requirement.owner === agent.qualifiedName ? '' : ` (from ${simpleName(requirement.owner)})`;
      lines.push(`${index + 1}. ${criterion.name}${inherited}: ${criterion.text}`);
    });
  }
  const input = portTypes(agent, 'input');
  const output = portTypes(agent, 'output');
  if (input !== undefined || output !== undefined) lines.push('');
  if (input !== undefined) lines.push(`Input: ${input}.`);
  if (output !== undefined) lines.push(`Output: ${output}.`);
  return lines.join('\n');
}
