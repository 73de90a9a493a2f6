/** Where a metric can be recomputed from, parsed from its `source` (decision 0009). */
export type MetricSource =
  | { kind: 'artifact'; path: string; pointer: string; tolerance: Tolerance }
  | { kind: 'span'; name: string; attribute: string; tolerance: Tolerance }
  | { kind: 'command'; command: string; tolerance: Tolerance }
  | { kind: 'bare'; text: string };

/** How far a recomputed value may be from the stated one: absolute, or relative (`±2%`). */
export interface Tolerance {
  amount: number;
  relative: boolean;
}

const TOLERANCE = /\s*(?:±|\+\/-)\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/;

/**
 * Parses a metric's `source`. Recomputable: `file:<path>#<json-pointer>` (an artifact), `span:<name>#<attribute>`
 * (a recorded span), `command: <command>` or `$ <command>` (a command this mission ran and recorded).
 * Any of them may end with a tolerance `±0.5` or `±2%`. Anything else (`git`, `my intuition`) is
 * `bare`: it names no checkable origin and the metric is UNVERIFIABLE.
 */
export function parseMetricSource(source: string): MetricSource {
  const match = TOLERANCE.exec(source);
  const tolerance: Tolerance = {
    amount: match === null ? 0 : Number(match[1]),
    relative: match?.[2] === '%',
  };
  const text = (match === null ? source : source.slice(0, match.index)).trim();
  const artifact = /^file:\s*([^#]+)#(\/.*)?$/.exec(text);
  if (artifact !== null) {
    return { kind: 'artifact', path: (artifact[1] ?? '').trim(), pointer: artifact[2] ?? '', tolerance };
  }
  const span = /^span:\s*([^#]+)#(.+)$/.exec(text);
  if (span !== null) {
    return { kind: 'span', name: (span[1] ?? '').trim(), attribute: (span[2] ?? '').trim(), tolerance };
  }
  const command = /^(?:command:|\$)\s*(.+)$/.exec(text);
  if (command !== null) return { kind: 'command', command: (command[1] ?? '').trim(), tolerance };
  return { kind: 'bare', text };
}

/** Whether `actual` equals `stated` within `tolerance` (strings compare exactly). */
export function withinTolerance(stated: number | string, actual: unknown, tolerance: Tolerance): boolean {
  const statedNumber = typeof stated === 'number' ? stated : Number(stated);
  const actualNumber =
    typeof actual === 'number' ? actual : typeof actual === 'string' ? Number(actual) : NaN;
  if (Number.isFinite(statedNumber) && Number.isFinite(actualNumber)) {
    const allowed = tolerance.relative ? (Math.abs(statedNumber) * tolerance.amount) / 100 : tolerance.amount;
    return Math.abs(statedNumber - actualNumber) <= allowed + 1e-9;
  }
  return String(stated) === String(actual);
}

/** Reads a JSON pointer (RFC 6901) in a parsed document; `undefined` when it points nowhere. */
export function readJsonPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
