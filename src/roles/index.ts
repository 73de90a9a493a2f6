export type { RoleInstructions } from './default-instructions.js';
export { DEFAULT_ROLE_INSTRUCTIONS, defaultRoleInstructions } from './default-instructions.js';
export type { Persona } from './personas.js';
export { DEFAULT_PERSONAS, personaFor } from './personas.js';
