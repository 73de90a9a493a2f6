export type { AxeViolation } from './accessibility-violations.js';
export { accessibilityViolations } from './accessibility-violations.js';
export type { TestBrowser } from './launch-chromium.js';
export { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, launchChromium } from './launch-chromium.js';
