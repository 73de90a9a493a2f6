import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SysmlModel } from '../sysml/model-types.js';
import { renderClassDiagram } from './render-class-diagram.js';
import { type DiagramEntry, renderDiagramIndex } from './render-diagram-index.js';
import { renderRequirementDiagram } from './render-requirement-diagram.js';

/** A generated file: its name in the output folder and its text. */
export interface DiagramFile {
  name: string;
  text: string;
}

/** The diagram files of a model: `class-diagram.mmd`, `requirement-diagram.mmd` and `index.md`. */
export function renderSsotDiagrams(model: SysmlModel, sources: readonly string[]): DiagramFile[] {
  const definitions = model.definitions();
  const entries: DiagramEntry[] = [
    { title: 'Class diagram', file: 'class-diagram.mmd', mermaid: renderClassDiagram(definitions) },
    {
      title: 'Requirement diagram',
      file: 'requirement-diagram.mmd',
      mermaid: renderRequirementDiagram({
        requirements: model.requirements(),
        definitions,
        agents: model.agents().map((agent) => agent.qualifiedName),
      }),
    },
  ];
  return [
    ...entries.map((entry) => ({ name: entry.file, text: `${entry.mermaid}\n` })),
    { name: 'index.md', text: renderDiagramIndex(entries, sources) },
  ];
}

/** Writes the diagram files into `outputDir` (created if needed) and returns their paths. */
export async function writeSsotDiagrams(
  model: SysmlModel,
  options: { outputDir: string; sources: readonly string[] },
): Promise<string[]> {
  await mkdir(options.outputDir, { recursive: true });
  const written: string[] = [];
  for (const file of renderSsotDiagrams(model, options.sources)) {
    const path = join(options.outputDir, file.name);
    await writeFile(path, file.text, 'utf8');
    written.push(path);
  }
  return written;
}
