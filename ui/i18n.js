// @ts-check
// UI strings. Domain labels (request types, reasons, ranks) come from the
// core through reference_data; these are the window's own words.
import id from './i18n/id.js';
import en from './i18n/en.js';

/** @type {Record<string, Record<string, string>>} */
const tables = { id, en };
let current = localStorage.getItem('loket.lang') === 'en' ? 'en' : 'id';

export function lang() {
  return current;
}

/** @param {string} l */
export function setLang(l) {
  current = l === 'en' ? 'en' : 'id';
  localStorage.setItem('loket.lang', current);
  document.documentElement.lang = current;
}

/**
 * Looks up a string; `{name}` placeholders are filled from `vars`.
 * A missing key shows itself, so a gap is visible rather than blank.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
export function t(key, vars) {
  const s = tables[current][key] ?? tables.id[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? `{${k}}`)) : s;
}
