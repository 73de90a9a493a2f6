import * as incubating from '@opentelemetry/semantic-conventions/incubating';
import { describe, expect, it } from 'vitest';
import * as ours from './gen-ai-semconv.js';

describe('gen-ai-semconv', () => {
  it('holds the same names as the semantic-conventions package', () => {
    const entries = Object.entries(ours);
    expect(entries.length).toBe(25);
    for (const [name, value] of entries) {
      expect({ name, value }).toEqual({ name, value: (incubating as Record<string, unknown>)[name] });
    }
  });
});
