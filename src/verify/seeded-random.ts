import { sha256Hex } from '../contracts/index.js';

/** A deterministic pseudo-random source: the same seed gives the same sequence on every run. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  nextInt(bound: number): number;
  /** `count` hex characters. */
  nextHex(count: number): string;
}

/** Derives a 32-bit seed from text (e.g. the bundle's claim ids), so a bundle always gets the same canaries. */
export function seedFromText(text: string): number {
  return Number.parseInt(sha256Hex(text).slice(0, 8), 16);
}

/** mulberry32: tiny, fast, good enough to vary canaries; not for anything secret. */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  function nextInt(bound: number): number {
    return Math.floor(next() * bound);
  }
  function nextHex(count: number): string {
    let hex = '';
    while (hex.length < count) hex += nextInt(16).toString(16);
    return hex;
  }
  return { next, nextInt, nextHex };
}
