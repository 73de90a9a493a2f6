/**
 * Gives the memory of `buffer` back now, not at the next full collection: the buffer is detached
 * (its length and every view's become 0) and its bytes are freed once no other buffer shares them.
 * Only for buffers nothing reads again (scratch of a build, an earlier entry read to be reused):
 * a large array that outlived a few young collections is otherwise freed only by a full collection,
 * which a mission often never reaches, so its pages stay in the process's resident memory.
 *
 * `ArrayBuffer.prototype.transfer` (V8 11.4+) hands the bytes to a buffer of length 0; before it
 * (Node 20), the buffer is transferred into a message on a channel closed at once, whose queued
 * message is dropped with its bytes when the channel has closed (its `close` event, within a turn:
 * `buffersReleased` waits for it). A buffer that cannot be transferred (a pooled `Buffer`'s, a
 * shared one) is left as it is, for the collector. (`MessageChannel` is Node's global one: no
 * module is loaded for it.)
 */
export function releaseBuffer(buffer: ArrayBufferLike): void {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) return;
  const transfer = (buffer as { transfer?: (length: number) => ArrayBuffer }).transfer;
  try {
    if (typeof transfer === 'function') {
      transfer.call(buffer, 0);
      return;
    }
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(null, [buffer]);
    // Node's MessagePort is also an event emitter: `close` once both ends are closed.
    const closing = port2 as unknown as { once(event: 'close', listener: () => void): void };
    pending.push(new Promise((resolve) => closing.once('close', () => resolve())));
    port1.close();
    port2.close();
  } catch {
    // Not transferable: the collector frees it as before.
  }
}

let pending: Promise<void>[] = [];

/**
 * Resolves once the bytes of every buffer released so far are freed: a step about to allocate
 * much (the entry's encoding) waits for it, so the memory it frees is not still held meanwhile.
 */
export async function buffersReleased(): Promise<void> {
  const waiting = pending;
  pending = [];
  await Promise.all(waiting);
}
