import type { ModelMessage } from 'ai';
import { z } from 'zod';
import type { ContextExcerpt, ModelRequest } from '../model-port.js';

/** `[E3] src/app.ts:10-22` then the text: the model cites the excerpt by the id in brackets. */
export function renderExcerpt(excerpt: ContextExcerpt, position: number): string {
  const id = excerpt.id ?? `E${position + 1}`;
  const [start, end] = excerpt.ref.lines;
  return `[${id}] ${excerpt.ref.path}:${start}-${end}\n${excerpt.text}`;
}

/** The system text: the role's instructions, plus the schema when the endpoint cannot take it natively. */
export function renderSystem(request: ModelRequest<unknown>, schemaInPrompt: boolean): string {
  const parts = [request.system.trim()];
  parts.push('Answer with one JSON object only, no prose and no code fences.');
  if (schemaInPrompt) {
    parts.push(
      `The JSON object must satisfy this JSON Schema:\n${JSON.stringify(z.toJSONSchema(request.schema))}`,
    );
  }
  return parts.filter((part) => part !== '').join('\n\n');
}

/** The user turn: the prompt, the excerpts (each headed by its id and ref), then the structured input. */
export function renderMessages(request: ModelRequest<unknown>): ModelMessage[] {
  const sections = [request.prompt.trim()];
  if (request.context.length > 0) {
    sections.push(`Workspace excerpts:\n\n${request.context.map(renderExcerpt).join('\n\n')}`);
  }
  if (request.input !== undefined) sections.push(`Input (JSON):\n${JSON.stringify(request.input, null, 2)}`);
  return [{ role: 'user', content: sections.filter((section) => section !== '').join('\n\n') }];
}
