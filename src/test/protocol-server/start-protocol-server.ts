import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProtocolScript, ProtocolServer, RecordedRequest, ScriptedReply } from './protocol-script.js';
import { replyFor } from './protocol-script.js';

/** Writes one answer reply in a protocol (OpenAI chat completions, Anthropic messages). */
export type AnswerWriter = (
  reply: Exclude<ScriptedReply, { kind: 'status' | 'reset' | 'delay' }>,
  request: RecordedRequest,
  response: ServerResponse,
) => void;

/** Routes the server answers itself (no script), e.g. `GET /v1/models`. */
export type StaticRoutes = Record<string, (response: ServerResponse) => void>;

async function readBody(message: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Sends a JSON body with a status. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * A real `node:http` server on 127.0.0.1 (port 0) that records every request and answers scripted
 * POSTs through `writeAnswer`; HTTP faults (status, reset, delay) are handled here, the same for
 * every protocol.
 */
export async function startProtocolServer(options: {
  script: ProtocolScript;
  /** The one scripted route, e.g. `/v1/chat/completions` (POST). */
  answerPath: string;
  writeAnswer: AnswerWriter;
  routes: StaticRoutes;
}): Promise<ProtocolServer> {
  const { script, answerPath, writeAnswer, routes } = options;
  const requests: RecordedRequest[] = [];
  let answered = 0;
  let inFlight = 0;
  let maxConcurrent = 0;

  async function perform(reply: ScriptedReply, request: RecordedRequest, response: ServerResponse) {
    switch (reply.kind) {
      case 'status': {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (reply.retryAfter !== undefined) headers['retry-after'] = reply.retryAfter;
        response.writeHead(reply.status, headers);
        response.end(reply.body ?? JSON.stringify({ error: { message: `scripted ${reply.status}` } }));
        return;
      }
      case 'reset':
        response.socket?.destroy();
        return;
      case 'delay': {
        // A client that gave up closes the socket; the late answer then goes nowhere.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, reply.ms);
          response.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (response.destroyed || response.writableEnded) return;
        await perform(reply.reply, request, response);
        return;
      }
      default:
        writeAnswer(reply, request, response);
    }
  }

  const server = createServer((message, response) => {
    inFlight += 1;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    response.once('close', () => {
      inFlight -= 1;
    });
    void (async () => {
      const request: RecordedRequest = {
        method: message.method ?? 'GET',
        path: (message.url ?? '/').split('?')[0] ?? '/',
        headers: message.headers,
        body: await readBody(message),
      };
      requests.push(request);
      const route = routes[`${request.method} ${request.path}`];
      if (route !== undefined) return route(response);
      if (request.method !== 'POST' || request.path !== answerPath) {
        return sendJson(response, 404, { error: { message: `no route ${request.method} ${request.path}` } });
      }
      const index = answered;
      answered += 1;
      await perform(await replyFor(script, request, index), request, response);
    })().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: String(error) } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxConcurrent() {
      return maxConcurrent;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
