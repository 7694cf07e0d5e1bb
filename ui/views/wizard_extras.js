// @ts-check
// Wizard pages that other parts of the product add (the generated letter,
// the bundle for the office). Kept apart so the wizard's core stays small.
import { h } from '../dom.js';

/** Extra pages before "kirim", by name. @param {any} _state @returns {string[]} */
export function pages(_state) {
  return [];
}

/** An extra page's body, or null. @param {any} _state @param {any} _ctx @param {any} _nav */
export function page(_state, _ctx, _nav) {
  return null;
}

/** Other ways to send, beside "submit" (e.g. a bundle on a USB stick). @param {any} _state @param {any} _ctx */
export function sendOptions(_state, _ctx) {
  return h('div');
}
