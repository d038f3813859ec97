/** See find-chromium.mjs. */
export function findChromium(): string;
