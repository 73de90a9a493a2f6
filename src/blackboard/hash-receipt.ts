import { canonicalJson } from './canonical-json.js';
import { sha256Hex } from './sha256-hex.js';

/**
 * The chain hash of a receipt: lowercase hex sha256 of the canonical JSON of the receipt without
 * its `hash` field. Pass the receipt as parsed from its line (not a schema-cleaned copy), so that a
 * field added by hand is covered by the check too.
 */
export function hashReceipt(receipt: Readonly<Record<string, unknown>>): string {
  const { hash: _ignored, ...rest } = receipt;
  return sha256Hex(canonicalJson(rest));
}
