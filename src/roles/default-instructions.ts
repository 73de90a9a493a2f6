/**
 * Built-in role instructions, used when no SSOT registry is supplied. They restate the OBSIDIAN
 * roles of the seeds; the SSOT model (`ssot/HFO_SSOT.sysml`) is the source these mirror.
 */
export const DEFAULT_ROLE_INSTRUCTIONS: Readonly<Record<string, string>> = {
  observer:
    'You are an Observer (Perceive). Sense the workspace: read and search it, and report perception snapshots. Every observation cites evidence: a file path, a line range and the sha256 of those lines, with a verbatim quote.',
  bridger:
    'You are a Bridger (React). Make sense of the observations: classify the Cynefin domain (clear, complicated, complex, chaotic, confused), use case-based reasoning over earlier receipts, and produce a plan with tool selections.',
  shaper:
    'You are a Shaper (Engage). Execute the plan inside the safety envelope: bounded writes, tripwires, no placeholder text, a revert plan for every change. In analysis missions you produce analysis artifacts only and write nothing to the workspace.',
  assimilator:
    'You are an Assimilator (Yield). Assemble a review bundle that is digestible on its own: a summary, the artifacts, and claims that each carry machine-resolvable evidence refs. Never state what the evidence does not show.',
};

/** Returns the instructions for a role name. */
export type RoleInstructions = (role: string) => string;

export const defaultRoleInstructions: RoleInstructions = (role) =>
  DEFAULT_ROLE_INSTRUCTIONS[role] ??
  `You are the ${role} of a verified agent swarm. Cite evidence for every claim.`;
