import { z } from 'zod';
import { createAiSdkModel, type ModelRequest } from '../models/index.js';
import { startOpenAiProtocolServer } from '../test/protocol-server/index.js';
import { formatTable, medianMilliseconds } from './measure.js';

const Answer = z.object({ summary: z.string(), notes: z.array(z.string()) });

/**
 * Overhead per model call of the AI SDK adapter (rendering, SDK, structured output, retrying fetch,
 * endpoint limiter) against a plain `fetch` of the same request to the same local server, which
 * answers instantly; the difference is what the adapter costs beyond HTTP.
 */
export async function benchAdapter(callCounts: readonly number[], runs: number): Promise<string> {
  const answer = { summary: 'instant', notes: ['a', 'b'] };
  const server = await startOpenAiProtocolServer([{ kind: 'json', value: answer }]);
  try {
    const model = createAiSdkModel({
      provider: 'openai-compatible',
      kind: 'openai-compatible',
      modelId: 'bench-model',
      baseURL: `${server.url}/v1`,
    });
    const request: ModelRequest<z.infer<typeof Answer>> = {
      task: 'claims',
      system: 'You are the assimilator.',
      prompt: 'Summarise.',
      context: [],
      input: { objective: 'bench' },
      schema: Answer,
    };
    const body = JSON.stringify({
      model: 'bench-model',
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: request.prompt },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'response', schema: z.toJSONSchema(Answer) },
      },
    });
    const plainCall = async () => {
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const parsed = (await response.json()) as { choices: { message: { content: string } }[] };
      return Answer.parse(JSON.parse(parsed.choices[0]?.message.content ?? '{}'));
    };
    const rows: string[][] = [['calls', 'plain fetch ms', 'adapter ms', 'ratio', 'overhead µs/call']];
    for (const calls of callCounts) {
      // Sequential, so the figure is per-call latency, not the limiter's queueing.
      const repeat = (call: () => Promise<unknown>) => async () => {
        for (let index = 0; index < calls; index += 1) await call();
      };
      const baseline = await medianMilliseconds(repeat(plainCall), runs);
      const adapter = await medianMilliseconds(
        repeat(() => model.generate(request)),
        runs,
      );
      rows.push([
        String(calls),
        baseline.toFixed(2),
        adapter.toFixed(2),
        `${(adapter / Math.max(baseline, 1e-6)).toFixed(1)}×`,
        (((adapter - baseline) / calls) * 1000).toFixed(1),
      ]);
    }
    return formatTable(rows);
  } finally {
    await server.close();
  }
}
