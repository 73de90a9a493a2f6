export type {
  CommandOutcome,
  CommandSpec,
  CommandTool,
  CreateCommandToolOptions,
} from './create-command-tool.js';
export { createCommandTool } from './create-command-tool.js';
export type { NetworkIsolation } from './probe-network-isolation.js';
export { probeNetworkIsolation } from './probe-network-isolation.js';
export { scrubEnvironment } from './scrub-environment.js';
