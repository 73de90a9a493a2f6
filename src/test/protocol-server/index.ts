export { startAnthropicProtocolServer } from './anthropic-protocol-server.js';
export { startOpenAiProtocolServer } from './openai-protocol-server.js';
export type {
  ProtocolScript,
  ProtocolServer,
  RecordedRequest,
  ScriptedReply,
  ScriptedToolCall,
  ScriptedUsage,
} from './protocol-script.js';
