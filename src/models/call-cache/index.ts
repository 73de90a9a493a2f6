export type { CallCache, CallCacheEntry, CallCacheOptions, RecordedToolCall } from './call-cache.js';
export { createCallCache } from './call-cache.js';
export { callCacheKey, canonicalJson } from './call-cache-key.js';
export type { CallCacheMode, WithCallCacheOptions } from './with-call-cache.js';
export { withCallCache } from './with-call-cache.js';
