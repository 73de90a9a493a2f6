/** Token counts a scripted answer reports. */
export interface ScriptedUsage {
  input?: number;
  output?: number;
  /** Prompt tokens served from the provider's cache. */
  cached?: number;
}

/** One tool call a scripted model makes. */
export interface ScriptedToolCall {
  name: string;
  input: unknown;
}

/**
 * What the server does with one request. Answers (`json`, `text`, `tool-calls`, `refusal`, `empty`,
 * `length`) are encoded in the protocol the server speaks; faults (`status`, `reset`) happen at the
 * HTTP level; `delay` answers late (past a client's timeout).
 */
export type ScriptedReply =
  | { kind: 'json'; value: unknown; usage?: ScriptedUsage }
  /** Raw answer text: malformed or truncated JSON, prose. */
  | { kind: 'text'; text: string; usage?: ScriptedUsage }
  | { kind: 'tool-calls'; calls: ScriptedToolCall[]; usage?: ScriptedUsage }
  | { kind: 'refusal'; text: string }
  | { kind: 'empty' }
  /** Text cut at the token limit (finish reason `length` / `max_tokens`). */
  | { kind: 'length'; text: string }
  /** An HTTP error status, optionally with a `Retry-After` header (seconds or HTTP-date). */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** The server destroys the socket without answering. */
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number; reply: ScriptedReply };

/** A request the server received, parsed. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (undefined for bodiless requests). */
  body: unknown;
}

/**
 * The script of a test: a function of the parsed request and its position (0-based, over answered
 * POSTs), or a list of replies used in order (the last one repeats).
 */
export type ProtocolScript =
  | ((request: RecordedRequest, index: number) => ScriptedReply | Promise<ScriptedReply>)
  | readonly ScriptedReply[];

/** A running protocol server. */
export interface ProtocolServer {
  /** `http://127.0.0.1:<port>` (no trailing slash, no `/v1`). */
  readonly url: string;
  /** Every request received, in arrival order (including `GET /v1/models`). */
  readonly requests: readonly RecordedRequest[];
  /** Most requests in flight at the same time. */
  readonly maxConcurrent: number;
  close(): Promise<void>;
}

/** Picks the reply for the `index`-th request. */
export async function replyFor(
  script: ProtocolScript,
  request: RecordedRequest,
  index: number,
): Promise<ScriptedReply> {
  if (typeof script === 'function') return script(request, index);
  const list = script as readonly ScriptedReply[];
  const reply = list[Math.min(index, list.length - 1)];
  if (reply === undefined) throw new Error('protocol script is empty');
  return reply;
}
