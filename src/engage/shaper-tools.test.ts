import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunEvent } from '../contracts/index.js';
import { defaultExecutionPolicy } from '../policy/index.js';
import { createEngageRuntime } from './engage-runtime.js';
import { createGuardedTools, guardTool } from './shaper-tools.js';

const base = { mission_id: 'm', lane_id: 'lane-1', attempt: 1, phase: 'engage', role: 'shaper' };

describe('the authority matrix on tool calls', () => {
  it('refuses and records a call the role is not authorised for, even if the tool was offered', async () => {
    const policy = { ...defaultExecutionPolicy(), authority: { shaper: ['read_lines'] } };
    const runtime = createEngageRuntime({ workspace: '/tmp', policy, env: {} });
    const events: RunEvent[] = [];
    const emit = async (event: RunEvent) => {
      events.push(event);
    };
    let ran = false;
    const tool = guardTool(
      {
        name: 'git_log',
        description: 'd',
        inputSchema: z.object({}),
        execute: async () => {
          ran = true;
          return 'log';
        },
      },
      'git_log',
      { runtime, emit, now: () => new Date(), base },
    );
    expect(await tool.execute({}, {})).toBe(
      'error: refused: the authority matrix does not let shaper call git_log',
    );
    expect(ran).toBe(false);
    expect(events).toEqual([expect.objectContaining({ type: 'safety-refusal', capability: 'tool:git_log' })]);
  });

  it('offers run_command and MCP tools only to roles the matrix names', () => {
    const runtime = createEngageRuntime({
      workspace: '/tmp',
      policy: { ...defaultExecutionPolicy(), authority: { shaper: ['mcp:docs/*'] } },
      env: {},
      commandTool: {
        name: 'run_command',
        description: 'd',
        inputSchema: z.object({ name: z.string() }),
        isolation: Promise.resolve({ isolated: false, prefix: [], description: 'not isolated' }),
        run: async () => ({ status: 'refused', name: 'x', reason: 'r', capability: 'command:x' }),
      },
    });
    runtime.mcpTools.push(
      {
        server: 'docs',
        tool: 'a',
        qualifiedName: 'mcp:docs/a',
        modelName: 'mcp__docs__a',
        description: '',
        inputSchema: { type: 'object' },
        call: async () => '',
      },
      {
        server: 'web',
        tool: 'b',
        qualifiedName: 'mcp:web/b',
        modelName: 'mcp__web__b',
        description: '',
        inputSchema: { type: 'object' },
        call: async () => '',
      },
    );
    const tools = createGuardedTools({
      runtime,
      emit: async () => {},
      now: () => new Date(),
      base,
      onMetrics: () => {},
    });
    expect(tools.map((tool) => tool.name)).toEqual(['mcp__docs__a']);
  });
});
