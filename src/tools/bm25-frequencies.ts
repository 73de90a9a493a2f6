/** Each posting's frequency, in the narrowest array that holds them all (most are 1 to 3). */
export type FrequencyArray = Uint8Array | Uint16Array | Uint32Array;

/** An array of `length` frequencies wide enough for `most`, the highest of them. */
export function frequencyArray(length: number, most: number): FrequencyArray {
  if (most < 0x100) return new Uint8Array(length);
  return most < 0x1_0000 ? new Uint16Array(length) : new Uint32Array(length);
}

/** Bytes per frequency of `array` (1, 2 or 4). */
export function frequencyWidth(array: FrequencyArray): number {
  return array.BYTES_PER_ELEMENT;
}
