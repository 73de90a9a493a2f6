// The modules that touch the AI SDK and its provider packages at run time, in one place so the
// adapter loads them with one dynamic `import()` on its first call (issue 19: a run on the offline
// engine never loads the SDK; `provider-imports.test.ts` keeps it that way).
export { createLanguageModel } from './language-model.js';
export { mapCallError } from './map-call-error.js';
export { toSdkTools } from './sdk-tools.js';
export { runStructuredTurn } from './structured-turn.js';
