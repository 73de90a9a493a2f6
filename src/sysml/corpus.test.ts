import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import parseRateFloor from './parse-rate-floor.json' with { type: 'json' };
import { parseSysml } from './parse-sysml.js';

const fixturesFolder = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtureFiles = readdirSync(fixturesFolder)
  .filter((name) => name.endsWith('.sysml'))
  .sort();
const parsed = fixtureFiles.map((name) => ({
  name,
  ...parseSysml(readFileSync(join(fixturesFolder, name), 'utf8'), { file: name }),
}));

describe('SysML example corpus', () => {
  it('holds the 42 fixtures', () => {
    expect(fixtureFiles).toHaveLength(42);
  });

  it.each(parsed.map((entry) => [entry.name, entry] as const))(
    '%s parses or has only unsupported constructs',
    (_name, entry) => {
      const unexpected = entry.diagnostics.filter(
        (diagnostic) => diagnostic.code !== 'unsupported-construct',
      );
      expect(unexpected.map(formatDiagnostic)).toEqual([]);
      expect(entry.document.members.length).toBeGreaterThan(0);
    },
  );

  it('keeps the parse rate at or above the recorded floor', () => {
    const clean = parsed.filter((entry) => entry.diagnostics.length === 0).length;
    const rate = clean / parsed.length;
    const unsupported = parsed
      .filter((entry) => entry.diagnostics.length > 0)
      .map((entry) => `${entry.name}: ${entry.diagnostics.map((d) => d.message).join('; ')}`);
    expect(rate, `parse rate ${clean}/${parsed.length}\n${unsupported.join('\n')}`).toBeGreaterThanOrEqual(
      parseRateFloor.parseRate,
    );
  });
});
