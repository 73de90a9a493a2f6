import { z } from 'zod';

/** A model-facing tool name or a pattern over names (`*` any run of characters, e.g. `mcp:docs/*`). */
const ToolPatternSchema = z
  .string()
  .regex(/^[A-Za-z0-9_:/*.-]+$/, 'must be a tool name or pattern such as mcp:docs/*');

/** One command the command tool may run: a fixed argv, never a shell line. */
export const AllowedCommandSchema = z
  .object({
    /** What a model asks for (`test`); the only thing it can choose. */
    name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, - and _'),
    /** The program and its arguments, run by execFile without a shell. */
    argv: z.array(z.string().min(1)).min(1),
    /** Longest run in seconds before the process is killed (default: the guardrail). */
    timeout_seconds: z.number().positive().max(3600).optional(),
    /** Most bytes of stdout + stderr kept (default: the guardrail). */
    max_output_bytes: z.number().int().positive().max(16_777_216).optional(),
  })
  .strict();

/** An MCP server the policy knows of; only `trusted: true` ones are ever started. */
export const McpServerPolicySchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, - and _'),
    transport: z.enum(['stdio', 'http']),
    /** stdio: the program to start. */
    command: z.string().min(1).optional(),
    /** stdio: its arguments. */
    args: z.array(z.string()).default([]),
    /** http: the streamable-HTTP endpoint. */
    url: z.url().optional(),
    /** Only trusted servers are started or connected to. */
    trusted: z.boolean().default(false),
    /** Which of the server's tools may be offered (`*` all of them); others are never offered. */
    tools: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((server, context) => {
    if (server.transport === 'stdio' && server.command === undefined) {
      context.addIssue({ code: 'custom', path: ['command'], message: 'is required for transport stdio' });
    }
    if (server.transport === 'http' && server.url === undefined) {
      context.addIssue({ code: 'custom', path: ['url'], message: 'is required for transport http' });
    }
  });

/** Resource guardrails: limits the code enforces whatever a prompt or an intent says. */
export const GuardrailsSchema = z
  .object({
    /** Most model calls in flight at once over the whole mission. */
    max_concurrency: z.number().int().min(1).max(256),
    /** Cap on the mission's tokens (the intent's `budget.max_tokens` may only be lower). */
    max_tokens: z.number().int().positive().optional(),
    /** Cap on the mission's cost in US dollars. */
    max_cost_usd: z.number().positive().optional(),
    /** Cap on the mission's wall time in minutes (the intent's soft cap may only be lower). */
    max_minutes: z.number().positive(),
    /** Default time limit of an allowed command. */
    command_timeout_seconds: z.number().positive().max(3600),
    /** Default output limit of an allowed command. */
    command_output_bytes: z.number().int().positive().max(16_777_216),
    /** Largest file Engage may write, in bytes. */
    max_file_bytes: z.number().int().positive(),
    /** Most changed lines of one mission's patch (over every chunk). */
    max_changed_lines: z.number().int().positive(),
  })
  .strict();

/** The charter's YAML as written: every section optional, unknown keys refused. */
export const CharterSchema = z
  .object({
    /** Tool authority matrix: role → the tools it may call. */
    authority: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), z.array(ToolPatternSchema)).optional(),
    /** The command tool's allowlist. */
    commands: z.array(AllowedCommandSchema).optional(),
    /** MCP trust policy. */
    mcp: z
      .object({ servers: z.array(McpServerPolicySchema).default([]) })
      .strict()
      .optional(),
    guardrails: GuardrailsSchema.partial().optional(),
  })
  .strict();

export type AllowedCommand = z.output<typeof AllowedCommandSchema>;
export type McpServerPolicy = z.output<typeof McpServerPolicySchema>;
export type Guardrails = z.output<typeof GuardrailsSchema>;
export type Charter = z.output<typeof CharterSchema>;

/** The policy a mission runs under: the charter over the shipped defaults. */
export interface ExecutionPolicy {
  authority: Record<string, string[]>;
  commands: AllowedCommand[];
  mcp: { servers: McpServerPolicy[] };
  guardrails: Guardrails;
}

/** Where one value of the effective policy came from: `default` or `AGENTS.md:12:3`. */
export type PolicySource = 'default' | `${string}:${number}:${number}`;

/** The effective policy and, per dotted field (`guardrails.max_tokens`, `authority.shaper`), its source. */
export interface EffectivePolicy {
  policy: ExecutionPolicy;
  sources: Record<string, PolicySource>;
  /** The charter file read, absent when none was found. */
  file?: string | undefined;
  /** Why the defaults apply when there is no charter (no AGENTS.md, no "Swarmlord charter" block). */
  note?: string | undefined;
}
