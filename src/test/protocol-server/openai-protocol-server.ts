import type { ServerResponse } from 'node:http';
import type { ProtocolScript, ProtocolServer, RecordedRequest, ScriptedUsage } from './protocol-script.js';
import { type AnswerWriter, sendJson, startProtocolServer } from './start-protocol-server.js';

let sequence = 0;

function usageOf(usage: ScriptedUsage | undefined) {
  const input = usage?.input ?? 10;
  const output = usage?.output ?? 5;
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: input + output,
    prompt_tokens_details: { cached_tokens: usage?.cached ?? 0 },
  };
}

type Message = {
  role: 'assistant';
  content: string | null;
  refusal?: string;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
};

function modelOf(request: RecordedRequest): string {
  const body = request.body as { model?: unknown } | undefined;
  return typeof body?.model === 'string' ? body.model : 'scripted-model';
}

/** Streams a completion as server-sent events: one delta chunk, then finish + usage, then `[DONE]`. */
function writeStream(
  response: ServerResponse,
  base: { id: string; created: number; model: string },
  message: Message,
  finishReason: string,
  usage: ReturnType<typeof usageOf>,
): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: unknown, finish: string | null, extra: object = {}) =>
    `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  const toolDeltas = message.tool_calls?.map((call, index) => ({ index, ...call }));
  response.write(chunk({ role: 'assistant', content: '' }, null));
  if (message.content) response.write(chunk({ content: message.content }, null));
  if (message.refusal) response.write(chunk({ refusal: message.refusal }, null));
  if (toolDeltas) response.write(chunk({ tool_calls: toolDeltas }, null));
  response.write(chunk({}, finishReason, { usage }));
  response.end('data: [DONE]\n\n');
}

const writeOpenAiAnswer: AnswerWriter = (reply, request, response) => {
  sequence += 1;
  const base = {
    id: `chatcmpl-${sequence}`,
    created: Math.floor(Date.now() / 1000),
    model: modelOf(request),
  };
  let message: Message = { role: 'assistant', content: null };
  let finishReason = 'stop';
  let usage = usageOf(undefined);
  switch (reply.kind) {
    case 'json':
      message.content = JSON.stringify(reply.value);
      usage = usageOf(reply.usage);
      break;
    case 'text':
      message.content = reply.text;
      usage = usageOf(reply.usage);
      break;
    case 'tool-calls':
      message = {
        role: 'assistant',
        content: null,
        tool_calls: reply.calls.map((call, index) => ({
          id: `call_${sequence}_${index}`,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.input) },
        })),
      };
      finishReason = 'tool_calls';
      usage = usageOf(reply.usage);
      break;
    case 'refusal':
      message.refusal = reply.text;
      break;
    case 'empty':
      message.content = '';
      break;
    case 'length':
      message.content = reply.text;
      finishReason = 'length';
      break;
  }
  if ((request.body as { stream?: unknown } | undefined)?.stream === true) {
    writeStream(response, base, message, finishReason, usage);
    return;
  }
  sendJson(response, 200, {
    ...base,
    object: 'chat.completion',
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    usage,
  });
};

/**
 * A local server speaking OpenAI chat completions (`POST /v1/chat/completions`, JSON or SSE when
 * `stream: true`, tool calls, usage with `prompt_tokens_details.cached_tokens`) and
 * `GET /v1/models`, answering from `script`. OpenAI-compatible clients (Ollama, vLLM, OpenRouter
 * presets) use it with base URL `${url}/v1`.
 */
export function startOpenAiProtocolServer(script: ProtocolScript): Promise<ProtocolServer> {
  return startProtocolServer({
    script,
    answerPath: '/v1/chat/completions',
    writeAnswer: writeOpenAiAnswer,
    routes: {
      'GET /v1/models': (response) =>
        sendJson(response, 200, { object: 'list', data: [{ id: 'scripted-model', object: 'model' }] }),
    },
  });
}
