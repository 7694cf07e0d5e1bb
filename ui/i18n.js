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

/**
 * Minutes in short words: "1 hr 23 j 5 mnt" / "1 d 23 h 5 min".
 * @param {number} m
 */
export function minutesText(m) {
  if (m < 60) return t('time.min', { n: m });
  const d = Math.floor(m / 1440), hh = Math.floor((m % 1440) / 60), mm = m % 60;
  return [d ? t('time.day', { n: d }) : '', hh ? t('time.hour', { n: hh }) : '', mm ? t('time.min', { n: mm }) : ''].filter(Boolean).join(' ');
}
