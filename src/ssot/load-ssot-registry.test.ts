import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentRegistry } from './agent-registry.js';
import { loadSsot } from './load-ssot.js';
import { clearSsotRegistryMemo, loadSsotRegistry, SSOT_CACHE_DIR } from './load-ssot-registry.js';

const here = dirname(fileURLToPath(import.meta.url));
const userProject = join(here, 'fixtures/user-project');

/** Everything a mission reads of the registry, for every agent. */
function registryView(registry: AgentRegistry) {
  return registry.roles().map((agent) => ({
    agent,
    instructions: registry.instructionsFor(agent.qualifiedName),
    criteria: registry.criteriaFor(agent.qualifiedName),
    requirements: registry.requirementsFor(agent.qualifiedName),
    model: registry.modelChoiceFor(agent.qualifiedName),
    persona: registry.attributeFor(agent.qualifiedName, 'persona'),
  }));
}

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-ssot-cache-'));
  await cp(join(userProject, 'ssot'), join(cwd, 'ssot'), { recursive: true });
  clearSsotRegistryMemo();
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('loadSsotRegistry', () => {
  it('answers as the parsed model does, parsed first, then from this process, then from disk', async () => {
    const parsed = await loadSsot({ cwd, env: {} });
    const first = await loadSsotRegistry({ cwd, env: {} });
    expect(first.source).toBe('parsed');
    expect(first.files).toEqual(parsed.files);
    expect(first.diagnostics).toEqual(parsed.diagnostics);
    expect(registryView(first.registry)).toEqual(registryView(parsed.registry));
    expect(first.registry.findAgent('security_reviewer')?.name).toBe('SecurityReviewerAgent');

    const second = await loadSsotRegistry({ cwd, env: {} });
    expect(second.source).toBe('memory');
    clearSsotRegistryMemo();
    const third = await loadSsotRegistry({ cwd, env: {} });
    expect(third.source).toBe('disk');
    expect(registryView(third.registry)).toEqual(registryView(parsed.registry));
    expect(await readdir(join(cwd, SSOT_CACHE_DIR))).toHaveLength(1);
  });

  it('never uses the snapshot of an SSOT that was edited since, in this process or on disk', async () => {
    await loadSsotRegistry({ cwd, env: {} });
    const file = join(cwd, 'ssot/HFO_SSOT.sysml');
    // Another model for the specialist: the cached one would still say the old model.
    const { readFile } = await import('node:fs/promises');
    const before = await readFile(file, 'utf8');
    expect(before).toContain('deepseek/deepseek-chat');
    await writeFile(file, before.replace('deepseek/deepseek-chat', 'openai/gpt-edited'));
    const edited = await loadSsotRegistry({ cwd, env: {} });
    expect(edited.source).toBe('parsed');
    expect(edited.registry.modelFor('SecurityReviewerAgent')).toBe('openai/gpt-edited');
    // The older snapshot was replaced: one file, the new model's.
    expect(await readdir(join(cwd, SSOT_CACHE_DIR))).toHaveLength(1);
    clearSsotRegistryMemo();
    const fromDisk = await loadSsotRegistry({ cwd, env: {} });
    expect(fromDisk.source).toBe('disk');
    expect(fromDisk.registry.modelFor('SecurityReviewerAgent')).toBe('openai/gpt-edited');
  });

  it('sees a new file under ssot/ and the errors it brings', async () => {
    await loadSsotRegistry({ cwd, env: {} });
    await writeFile(join(cwd, 'ssot/extra.sysml'), 'part def Broken :> NoSuchThing;\n');
    const loaded = await loadSsotRegistry({ cwd, env: {} });
    expect(loaded.source).toBe('parsed');
    expect(loaded.files).toContain('ssot/extra.sysml');
    expect(loaded.diagnostics.some((diagnostic) => diagnostic.file === 'ssot/extra.sysml')).toBe(true);
  });

  it('applies SWARMLORD_MODEL_<ROLE> on every load, also from a snapshot', async () => {
    await loadSsotRegistry({ cwd, env: {} });
    clearSsotRegistryMemo();
    const loaded = await loadSsotRegistry({
      cwd,
      env: { SWARMLORD_MODEL_SECURITY_REVIEWER: 'anthropic/claude-env' },
    });
    expect(loaded.source).toBe('disk');
    expect(loaded.registry.modelChoiceFor('SecurityReviewerAgent')).toMatchObject({
      model: 'anthropic/claude-env',
      source: 'env',
    });
  });

  it('parses again when the snapshot file is damaged', async () => {
    await loadSsotRegistry({ cwd, env: {} });
    const folder = join(cwd, SSOT_CACHE_DIR);
    const [name] = await readdir(folder);
    await writeFile(join(folder, name as string), '{"format":"swarmlord.ssot-snapshot/v1","files":');
    clearSsotRegistryMemo();
    const loaded = await loadSsotRegistry({ cwd, env: {} });
    expect(loaded.source).toBe('parsed');
    expect(loaded.registry.findAgent('SecurityReviewerAgent')).toBeDefined();
  });

  it('writes nothing with cacheDir false', async () => {
    const loaded = await loadSsotRegistry({ cwd, env: {}, cacheDir: false });
    expect(loaded.source).toBe('parsed');
    await expect(readdir(join(cwd, 'hfo_cache'))).rejects.toThrow(/ENOENT/);
  });
});
