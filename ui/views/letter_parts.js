// @ts-check
// Pieces shared by the Surat page and the request page: a letter's row with
// its versions (open in the system viewer, save a copy), and the answer of
// a verification.
import * as api from '../api.js';
import { h, toast } from '../dom.js';
import { t } from '../i18n.js';

/** The UI language, for core texts that carry both ({id, en}). */
export function uiLang() {
  return document.documentElement.lang === 'en' ? 'en' : 'id';
}

/** @param {string} s  YYYY-MM-DD */
export function fmtDate(s) {
  const [y, m, d] = (s || '').split('-');
  return y && m && d ? `${d}-${m}-${y}` : s || '-';
}

/** A file name for a copy: the number, or the kind and request. @param {any} letter @param {any} version */
function copyName(letter, version) {
  const base = letter.nomor ? letter.nomor.replace(/[^A-Za-z0-9.-]+/g, '_') : `${letter.kind}-${(letter.requests[0] || {}).nomor || letter.id}`;
  return `${base}-v${version.version}.pdf`;
}

/** Buttons that open a version or save a copy of it. @param {any} letter @param {any} version */
export function versionButtons(letter, version) {
  return h('span.letter-buttons', null,
    h('button', { type: 'button', class: 'small-button', dataset: { open: String(version.id) }, onclick: async () => {
      try {
        await api.openLetter(version.id);
        toast(t('letters.opened'), 'ok');
      } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
    } }, t('letters.open')),
    h('button', { type: 'button', class: 'small-button', onclick: async () => {
      try {
        const path = await api.saveLetterDialog(version.id, copyName(letter, version));
        if (path) toast(t('letters.saved_copy', { path }), 'ok');
      } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
    } }, t('letters.save_copy')));
}

/** A status badge for a letter's number. @param {any} letter */
export function numberBadge(letter) {
  if (letter.number_status === 'batal') return h('span.badge.bad', { title: letter.void_reason || '' }, t('letters.voided'));
  if (!letter.numbered_by_office) return h('span.badge.muted-badge', null, t('letters.unit_number'));
  return null;
}

/**
 * A table of letters with their newest version's buttons; older versions in
 * a details row.
 * @param {any[]} letters @param {{requests?: boolean}} [opts]
 */
export function lettersTable(letters, opts = {}) {
  const lang = uiLang();
  return h('table.data.compact', { class: 'letters-table' },
    h('thead', null, h('tr', null,
      [t('letters.col.kind'), t('letters.col.nomor'), t('letters.col.date'), opts.requests ? t('letters.col.requests') : null, t('letters.col.version'), ''].filter(Boolean).map((c) => h('th', null, c)))),
    h('tbody', null, letters.map((l) => {
      const latest = l.versions[l.versions.length - 1];
      const older = l.versions.slice(0, -1);
      return h('tr', { dataset: { kind: l.kind, letter: String(l.id) } },
        h('td', null, l.kind_label[lang], ' ', numberBadge(l)),
        h('td.mono', null, l.nomor || '-'),
        h('td', null, fmtDate(l.tanggal)),
        opts.requests ? h('td', null, l.requests.length > 2 ? `${l.requests[0].nomor} … (${l.requests.length})` : l.requests.map((/** @type {any} */ r) => r.nomor).join(', ')) : null,
        h('td', null, `v${latest.version}`, h('div.small.muted.mono', null, latest.code),
          older.length ? h('details', null, h('summary', null, t('letters.older', { n: older.length })),
            older.map((/** @type {any} */ v) => h('div.small', null, `v${v.version} · ${v.code} `, versionButtons(l, v)))) : null),
        h('td', null, versionButtons(l, latest)));
    })));
}

/**
 * The same letters as a narrow list, for the request page's side column.
 * @param {any[]} letters
 */
export function lettersList(letters) {
  const lang = uiLang();
  return h('ul.letter-list', null, letters.map((l) => {
    const latest = l.versions[l.versions.length - 1];
    const older = l.versions.slice(0, -1);
    return h('li.letter-item', { dataset: { kind: l.kind, letter: String(l.id) } },
      h('div.letter-title', null, l.kind_label[lang], ' ', numberBadge(l)),
      h('div.mono.letter-number', null, l.nomor || '-'),
      h('div.small.muted', null, `${fmtDate(l.tanggal)} · v${latest.version} · ${latest.code}`),
      versionButtons(l, latest),
      older.length ? h('details', null, h('summary', null, t('letters.older', { n: older.length })),
        older.map((/** @type {any} */ v) => h('div.small', null, `v${v.version} · ${v.code} `, versionButtons(l, v)))) : null);
  }));
}

/** The answer of a verification. @param {any} v */
export function verdictBox(v) {
  const lang = uiLang();
  const cls = { genuine: 'verdict-ok', voided: 'verdict-bad', altered: 'verdict-bad', unknown: 'verdict-warn' }[/** @type {string} */ (v.verdict)] || 'verdict-warn';
  const l = v.letter;
  return h(`div.verdict.${cls}`, { id: 'verify-result', dataset: { verdict: v.verdict } },
    h('strong', null, t(`verify.${v.verdict}`)),
    h('p', null, v.message[lang]),
    l ? h('dl.kv', null,
      h('dt', null, t('letters.col.kind')), h('dd', null, l.kind_label[lang]),
      h('dt', null, t('letters.col.nomor')), h('dd.mono', null, l.nomor || '-'),
      h('dt', null, t('letters.col.date')), h('dd', null, fmtDate(l.tanggal)),
      h('dt', null, t('letters.col.requests')), h('dd', null, l.requests.map((/** @type {any} */ r) =>
        h('div', null, h('a', { href: `#/permohonan/${encodeURIComponent(r.nomor)}` }, r.nomor), ` ${r.nama}`)))) : null);
}
