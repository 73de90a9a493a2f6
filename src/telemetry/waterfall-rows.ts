import type { TraceFile, TraceSpan } from './trace-file.js';

/** One span placed in the waterfall: depth in the tree, offsets from the trace start, critical or not. */
export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  /** Milliseconds from the trace's first start. */
  offsetMs: number;
  durationMs: number;
  /** On the critical path: the chain of spans that, each ending last among its siblings, set the end. */
  critical: boolean;
}

function ms(iso: string): number {
  return Date.parse(iso);
}

/**
 * The spans of a trace file in tree order (children by start time under their parent), with the
 * critical path marked: from each root, the child that ends last, then its child that ends last, …
 * Spans whose parent is missing from the file are shown as roots rather than dropped.
 */
export function waterfallRows(file: TraceFile): WaterfallRow[] {
  const ids = new Set(file.spans.map((span) => span.span_id));
  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const span of file.spans) {
    const parent = span.parent_span_id;
    if (parent === undefined || !ids.has(parent)) roots.push(span);
    else children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const byStart = (a: TraceSpan, b: TraceSpan) =>
    ms(a.start_time) - ms(b.start_time) || ms(b.end_time) - ms(a.end_time);
  roots.sort(byStart);
  for (const list of children.values()) list.sort(byStart);

  const critical = new Set<string>();
  const markCritical = (span: TraceSpan) => {
    critical.add(span.span_id);
    const kids = children.get(span.span_id) ?? [];
    const last = kids.reduce<TraceSpan | undefined>(
      (best, kid) => (best === undefined || ms(kid.end_time) > ms(best.end_time) ? kid : best),
      undefined,
    );
    if (last !== undefined) markCritical(last);
  };
  for (const root of roots) markCritical(root);

  const origin = Math.min(...file.spans.map((span) => ms(span.start_time)));
  const rows: WaterfallRow[] = [];
  const visit = (span: TraceSpan, depth: number) => {
    rows.push({
      span,
      depth,
      offsetMs: ms(span.start_time) - origin,
      durationMs: Math.max(0, ms(span.end_time) - ms(span.start_time)),
      critical: critical.has(span.span_id),
    });
    for (const kid of children.get(span.span_id) ?? []) visit(kid, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return rows;
}
