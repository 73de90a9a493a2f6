import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateMermaid } from '../test/validate-mermaid.js';
import { loadSsot } from './load-ssot.js';
import { renderSsotDiagrams, writeSsotDiagrams } from './write-ssot-diagrams.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '../sysml/fixtures');
const corpusFiles = (await readdir(corpus)).filter((name) => name.endsWith('.sysml')).sort();

async function expectValidDiagrams(files: { name: string; text: string }[]): Promise<void> {
  for (const file of files.filter((candidate) => candidate.name.endsWith('.mmd'))) {
    await expect(validateMermaid(file.text), file.name).resolves.toBeUndefined();
  }
}

describe('renderSsotDiagrams', () => {
  it('draws the default model as valid mermaid', async () => {
    const { model, files } = await loadSsot({ cwd: here, env: {} });
    const diagrams = renderSsotDiagrams(model, files);
    await expectValidDiagrams(diagrams);
    const [classDiagram, requirementDiagram] = diagrams;
    expect(classDiagram?.text).toContain('Agent <|-- Observer');
    expect(classDiagram?.text).toContain('Observer --> PerceptionSnapshot : port output');
    expect(requirementDiagram?.text).toContain('Observer - satisfies -> CiteEvidence');
  });

  it('draws the project model extending the default one as valid mermaid', async () => {
    const { model, files } = await loadSsot({ cwd: join(here, 'fixtures/user-project'), env: {} });
    const diagrams = renderSsotDiagrams(model, files);
    await expectValidDiagrams(diagrams);
    expect(diagrams[0]?.text).toContain('Agent <|-- SecurityReviewerAgent');
    expect(diagrams[1]?.text).toContain('text: "Scan code for SQL injection, XSS, auth bypasses"');
  });

  it('has a corpus of example models to draw', () => {
    expect(corpusFiles.length).toBeGreaterThan(30);
  });

  it.each(corpusFiles)('draws %s as valid mermaid', async (name) => {
    const { model, files } = await loadSsot({ cwd: corpus, file: name, withoutDefault: true, env: {} });
    await expectValidDiagrams(renderSsotDiagrams(model, files));
  });
});

describe('writeSsotDiagrams', () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const dir of created) await rm(dir, { recursive: true, force: true });
  });

  it('writes both diagrams and an index embedding them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ssot-diagrams-'));
    created.push(dir);
    const { model, files } = await loadSsot({ cwd: here, env: {} });
    const written = await writeSsotDiagrams(model, { outputDir: join(dir, 'out'), sources: files });
    expect(written.map((path) => path.slice(dir.length + 1))).toEqual([
      'out/class-diagram.mmd',
      'out/requirement-diagram.mmd',
      'out/index.md',
    ]);
    const index = await readFile(join(dir, 'out/index.md'), 'utf8');
    const fences = [...index.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    expect(fences).toHaveLength(2);
    for (const fence of fences) await validateMermaid(fence);
    expect(index).toContain('[Requirement diagram](./requirement-diagram.mmd)');
  });
});
