/**
 * `omneo-pos-kit`: the whole kit. Re-exports the client and the rules; the elements are
 * added here as their layers land.
 */
export * from './client/index.js';
export * from './rules/index.js';
