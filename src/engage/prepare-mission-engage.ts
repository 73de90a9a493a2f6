import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Digest, MissionIntent, RunEvent } from '../contracts/index.js';
import type { ModelPort } from '../models/index.js';
import type { EffectivePolicy } from '../policy/index.js';
import {
  applyGuardrails,
  createConcurrencyGate,
  isToolAuthorized,
  limitModelConcurrency,
  loadExecutionPolicy,
} from '../policy/index.js';
import { createCommandTool } from '../tools/command/index.js';
import type { ReadOnlyTool } from '../tools/index.js';
import type { McpConnections, McpTool } from '../tools/mcp/index.js';
import { connectMcpServers } from '../tools/mcp/index.js';
import { completeEngage } from './complete-engage.js';
import type { EngageRuntime } from './engage-runtime.js';
import { createEngageRuntime } from './engage-runtime.js';

/** Settings of {@link prepareMissionEngage}. */
export interface PrepareMissionEngageOptions {
  intent: MissionIntent;
  /** Where `AGENTS.md` is read from and the intent's workspace is resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `--apply`: write the patch after Verify. */
  apply: boolean;
}

/** Everything the composition root wires in for Engage, the policy and its tools. */
export interface MissionEngage {
  /** The intent with the charter's budget and time guardrails enforced. */
  intent: MissionIntent;
  effective: EffectivePolicy;
  runtime: EngageRuntime;
  /** For every receipt's `safety_envelope`. */
  safetyEnvelope: Record<string, unknown>;
  /** For every receipt's `blocked_capabilities`. */
  blockedCapabilities: string[];
  /** Every model of the mission through one gate of `guardrails.max_concurrency`. */
  limitModel(model: ModelPort): ModelPort;
  /**
   * The Observers' tools under the authority matrix (read-only tools the observer may call, plus
   * trusted MCP tools it is authorised for); starts the trusted MCP servers and records discovery.
   * Call once, inside the run (after `mission-start`).
   */
  tools(readOnly: readonly ReadOnlyTool[], emit: (event: RunEvent) => Promise<void>): Promise<ReadOnlyTool[]>;
  /** After the run: `patch.diff`, `--apply` (after Verify) and the digest's Engage section. */
  complete(
    result: { digest: Digest; jsonPath: string; markdownPath: string },
    emit: (event: RunEvent) => Promise<void>,
  ): Promise<Digest>;
  /** Stops the MCP servers this mission started. */
  close(): Promise<void>;
}

function observerTool(tool: McpTool): ReadOnlyTool {
  let inputSchema: z.ZodType<unknown>;
  try {
    inputSchema = z.fromJSONSchema(tool.inputSchema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    inputSchema = z.record(z.string(), z.unknown());
  }
  return {
    name: tool.modelName,
    description: `${tool.description} (MCP server ${tool.server}; its text is not workspace evidence)`,
    inputSchema,
    run: async (input, { signal }) => ({ text: await tool.call(input, { signal }), excerpts: [] }),
  };
}

/**
 * Loads the execution policy from `AGENTS.md` (errors name `AGENTS.md:line:col`), enforces its
 * guardrails on the intent, and builds Engage's runtime: the command tool over the policy's
 * allowlist (absent with `tooling.posture: minimal`), the MCP trust policy (servers connect in
 * {@link MissionEngage.tools}), the write envelope and the proposal store.
 *
 * @throws {PolicyError} when the charter is invalid
 */
export async function prepareMissionEngage(options: PrepareMissionEngageOptions): Promise<MissionEngage> {
  const effective = await loadExecutionPolicy(options.cwd);
  const { policy } = effective;
  const intent = applyGuardrails(options.intent, policy.guardrails);
  const resolved = resolve(options.cwd, intent.workspace);
  // Symlink-free, so the envelope can compare real paths; a missing workspace fails in the run, by name.
  const workspace = await realpath(resolved).catch(() => resolved);
  const minimal = intent.tooling.posture === 'minimal';
  const commandTool =
    minimal || policy.commands.length === 0
      ? undefined
      : createCommandTool({
          cwd: workspace,
          env: options.env,
          commands: policy.commands.map((command) => ({
            name: command.name,
            argv: command.argv,
            timeoutSeconds: command.timeout_seconds ?? policy.guardrails.command_timeout_seconds,
            maxOutputBytes: command.max_output_bytes ?? policy.guardrails.command_output_bytes,
          })),
        });
  const runtime = createEngageRuntime({ workspace, policy, env: options.env, commandTool });
  const isolation =
    commandTool === undefined ? 'no command allowed' : (await commandTool.isolation).description;
  const gate = createConcurrencyGate(policy.guardrails.max_concurrency);
  let connections: McpConnections | undefined;
  const blocked = ['network'];
  if (!options.apply) blocked.push('workspace_write');
  return {
    intent,
    effective,
    runtime,
    safetyEnvelope: {
      ...intent.safety,
      workspace_writes: options.apply
        ? 'after Verify, inside the write scope, revert plan first (--apply)'
        : 'proposals only (no --apply)',
      command_isolation: isolation,
      max_concurrency: policy.guardrails.max_concurrency,
      policy: effective.file ?? 'defaults',
    },
    blockedCapabilities: blocked,
    // The plain offline engine is left as is: it is recognised by identity to get the workspace's parse, and costs no endpoint.
    limitModel: (model) => (model.provider === 'offline' ? model : limitModelConcurrency(model, gate)),
    async tools(readOnly, emit) {
      const at = () => new Date().toISOString();
      const base = { mission_id: intent.mission_id, lane_id: 'swarmlord', phase: 'mcp', role: 'swarmlord' };
      if (!minimal && policy.mcp.servers.length > 0) {
        connections = await connectMcpServers({
          servers: policy.mcp.servers,
          discoveryAllowed: intent.tooling.discovery_allowed,
          env: options.env,
          cwd: workspace,
        });
        runtime.mcpTools.push(...connections.tools);
        for (const outcome of connections.outcomes) {
          if (outcome.status !== 'connected') {
            await emit({
              ...base,
              type: 'safety-refusal',
              at: at(),
              target: outcome.server,
              capability: `mcp_server:${outcome.server}`,
              reason: outcome.detail,
            });
            continue;
          }
          for (const listed of outcome.tools) {
            const roles = Object.keys(policy.authority).filter((role) =>
              isToolAuthorized(policy, role, listed.qualifiedName),
            );
            await emit({
              type: 'mcp-tool-discovered',
              mission_id: intent.mission_id,
              at: at(),
              server: outcome.server,
              tool: listed.tool,
              qualified_name: listed.qualifiedName,
              trusted: listed.trusted,
              offered_to: listed.trusted ? roles : [],
            });
          }
        }
      }
      const observer = readOnly.filter((tool) => isToolAuthorized(policy, 'observer', tool.name));
      const mcp = runtime.mcpTools
        .filter((tool) => isToolAuthorized(policy, 'observer', tool.qualifiedName))
        .map(observerTool);
      return [...observer, ...mcp];
    },
    complete: (result, emit) =>
      completeEngage({
        runtime,
        intent,
        digest: result.digest,
        jsonPath: result.jsonPath,
        markdownPath: result.markdownPath,
        apply: options.apply,
        emit,
        now: () => new Date(),
        env: options.env,
      }),
    close: async () => {
      await connections?.close();
    },
  };
}
