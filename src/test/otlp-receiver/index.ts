export { decodeJsonTraces, decodeProtobufTraces } from './decode-otlp-traces.js';
export type { ReceivedExport, ReceivedSpan, ReceivedSpanEvent, ReceivedValue } from './received-span.js';
export type { OtlpReceiver, ReceiverBehaviour } from './start-otlp-receiver.js';
export { startOtlpReceiver } from './start-otlp-receiver.js';
