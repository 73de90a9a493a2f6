import type { ProtocolScript, ProtocolServer, RecordedRequest, ScriptedUsage } from './protocol-script.js';
import { type AnswerWriter, sendJson, startProtocolServer } from './start-protocol-server.js';

let sequence = 0;

function usageOf(usage: ScriptedUsage | undefined) {
  const cached = usage?.cached ?? 0;
  // Anthropic counts cached prompt tokens apart from `input_tokens`.
  return {
    input_tokens: (usage?.input ?? 10) - cached,
    output_tokens: usage?.output ?? 5,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: 0,
  };
}

/** True when the client asked for JSON through the SDK's `json` tool rather than `output_config`. */
function wantsJsonTool(request: RecordedRequest): boolean {
  const body = request.body as { tools?: { name?: string }[] } | undefined;
  return body?.tools?.some((tool) => tool.name === 'json') ?? false;
}

const writeAnthropicAnswer: AnswerWriter = (reply, request, response) => {
  sequence += 1;
  const body = request.body as { model?: string } | undefined;
  let content: unknown[] = [];
  let stopReason = 'end_turn';
  let usage = usageOf(undefined);
  switch (reply.kind) {
    case 'json':
      usage = usageOf(reply.usage);
      if (wantsJsonTool(request)) {
        content = [{ type: 'tool_use', id: `toolu_${sequence}`, name: 'json', input: reply.value }];
        stopReason = 'tool_use';
      } else content = [{ type: 'text', text: JSON.stringify(reply.value) }];
      break;
    case 'text':
      usage = usageOf(reply.usage);
      content = [{ type: 'text', text: reply.text }];
      break;
    case 'tool-calls':
      usage = usageOf(reply.usage);
      content = reply.calls.map((call, index) => ({
        type: 'tool_use',
        id: `toolu_${sequence}_${index}`,
        name: call.name,
        input: call.input,
      }));
      stopReason = 'tool_use';
      break;
    case 'refusal':
      content = [{ type: 'text', text: reply.text }];
      stopReason = 'refusal';
      break;
    case 'empty':
      break;
    case 'length':
      content = [{ type: 'text', text: reply.text }];
      stopReason = 'max_tokens';
      break;
  }
  sendJson(response, 200, {
    id: `msg_${sequence}`,
    type: 'message',
    role: 'assistant',
    model: body?.model ?? 'scripted-model',
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  });
};

/**
 * A local server speaking Anthropic messages (`POST /v1/messages`, text or tool_use content,
 * `stop_reason`, usage with `cache_read_input_tokens`), answering from `script`. Clients use base
 * URL `${url}/v1`.
 */
export function startAnthropicProtocolServer(script: ProtocolScript): Promise<ProtocolServer> {
  return startProtocolServer({
    script,
    answerPath: '/v1/messages',
    writeAnswer: writeAnthropicAnswer,
    routes: {
      'GET /v1/models': (response) =>
        sendJson(response, 200, { data: [{ id: 'scripted-model', type: 'model' }], has_more: false }),
    },
  });
}
