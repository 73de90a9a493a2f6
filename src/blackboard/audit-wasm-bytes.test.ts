import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCANNER_WASM } from './audit-wasm-bytes.js';
import { scannerModule } from './audit-wasm-module.js';
import { RECEIPT_FIELDS } from './scan-receipt-line.js';

/** The parameters the scanner is built for, from the receipt schema's field table. */
function parameters() {
  const fields = Object.keys(RECEIPT_FIELDS).sort();
  let required = 0;
  fields.forEach((name, rank) => {
    if (RECEIPT_FIELDS[name as keyof typeof RECEIPT_FIELDS].required) required |= 1 << rank;
  });
  return {
    fields: fields.length,
    required,
    missionRank: fields.indexOf('mission_id'),
    hashRank: fields.indexOf('hash'),
  };
}

const file = fileURLToPath(new URL('./audit-wasm-bytes.ts', import.meta.url));

describe('audit-wasm-bytes', () => {
  it('holds the bytes audit-wasm-module.ts encodes for the current field table (SWARMLORD_WRITE_WASM=1 rewrites it)', () => {
    const { fields, required, missionRank, hashRank } = parameters();
    const base64 = Buffer.from(scannerModule(fields, required, missionRank, hashRank)).toString('base64');
    const expected = { fields, required, missionRank, hashRank, base64 };
    if (process.env.SWARMLORD_WRITE_WASM === '1') {
      const source = readFileSync(file, 'utf8');
      const start = source.indexOf('export const SCANNER_WASM');
      // As the formatter writes it.
      const body = [`fields: ${fields},`, `required: ${required},`, `missionRank: ${missionRank},`]
        .concat([`hashRank: ${hashRank},`, 'base64:', `  '${base64}',`])
        .map((line) => `  ${line}\n`)
        .join('');
      writeFileSync(file, `${source.slice(0, start)}export const SCANNER_WASM = {\n${body}};\n`);
      return;
    }
    expect(SCANNER_WASM).toEqual(expected);
  });
});
