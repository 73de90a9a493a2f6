import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJsonTraces, decodeProtobufTraces } from './decode-otlp-traces.js';
import type { ReceivedExport, ReceivedSpan } from './received-span.js';

/** How the receiver answers; change it while running with `answerWith`. */
export interface ReceiverBehaviour {
  /** HTTP status of every answer (default 200). */
  status?: number;
  /** Wait this long before answering (a slow collector). */
  delayMs?: number;
}

/** A real OTLP/HTTP trace receiver on 127.0.0.1. */
export interface OtlpReceiver {
  /** Base URL for `OTEL_EXPORTER_OTLP_ENDPOINT`, e.g. `http://127.0.0.1:43817`. */
  endpoint: string;
  /** `${endpoint}/v1/traces`. */
  tracesUrl: string;
  /** Every request, decoded, in arrival order. */
  exports: ReceivedExport[];
  /** Every span of the requests answered 2xx. */
  spans(): ReceivedSpan[];
  /** Resolves once `predicate(spans())` holds; rejects after `timeoutMs` (default 10 s). */
  waitFor(predicate: (spans: ReceivedSpan[]) => boolean, timeoutMs?: number): Promise<ReceivedSpan[]>;
  answerWith(behaviour: ReceiverBehaviour): void;
  close(): Promise<void>;
}

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Starts an OTLP/HTTP receiver on 127.0.0.1 (port 0) that accepts `POST /v1/traces` in protobuf
 * (`application/x-protobuf`, decoded with the protobufjs classes generated from the official
 * opentelemetry-proto files) and JSON (`application/json`), and records the spans.
 *
 * @example
 * const receiver = await startOtlpReceiver();
 * env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
 * const spans = await receiver.waitFor((all) => all.some((span) => span.name.startsWith('invoke_workflow')));
 */
export async function startOtlpReceiver(initial: ReceiverBehaviour = {}): Promise<OtlpReceiver> {
  let behaviour = initial;
  const exports: ReceivedExport[] = [];
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const contentType = String(request.headers['content-type'] ?? '');
    const encoding = contentType.includes('protobuf')
      ? 'protobuf'
      : contentType.includes('json')
        ? 'json'
        : 'unknown';
    const { status = 200, delayMs = 0 } = behaviour;
    let spans: ReceivedSpan[] = [];
    let answer = status;
    if (request.method !== 'POST' || request.url !== '/v1/traces') answer = 404;
    else {
      try {
        if (encoding === 'protobuf') spans = decodeProtobufTraces(body);
        else if (encoding === 'json') spans = decodeJsonTraces(body);
        else answer = 415;
      } catch {
        answer = 400;
      }
    }
    exports.push({
      path: request.url ?? '',
      contentType,
      encoding,
      headers: request.headers,
      status: answer,
      spans,
    });
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (response.destroyed) return;
    // An empty ExportTraceServiceResponse: zero bytes in protobuf, `{}` in JSON.
    const reply = encoding === 'json' ? '{}' : '';
    response.writeHead(answer, {
      'content-type': encoding === 'json' ? 'application/json' : 'application/x-protobuf',
    });
    response.end(reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const spans = () => exports.filter((entry) => entry.status < 300).flatMap((entry) => entry.spans);
  return {
    endpoint,
    tracesUrl: `${endpoint}/v1/traces`,
    exports,
    spans,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(spans())) {
        if (Date.now() > deadline) throw new Error(`OTLP receiver: condition not met after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return spans();
    },
    answerWith(next) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
