// @ts-check
// The agency profile fields, shared by the first-run setup and Pengaturan.
import { h, field } from '../dom.js';
import { t } from '../i18n.js';

const TEXT_FIELDS = [
  ['pemda', 'agency.pemda', 'agency.pemda.hint'],
  ['dinas', 'agency.dinas', 'agency.dinas.hint'],
  ['alamat', 'agency.alamat', ''],
  ['telepon', 'agency.telepon', ''],
  ['email', 'agency.email', ''],
  ['laman', 'agency.laman', ''],
  ['domain_email', 'agency.domain_email', 'agency.domain_email.hint'],
  ['kota', 'agency.kota', 'agency.kota.hint'],
];

const KEPALA_FIELDS = [
  ['nama', 'agency.kepala.nama'],
  ['nip', 'agency.kepala.nip'],
  ['pangkat', 'agency.kepala.pangkat'],
  ['jabatan', 'agency.kepala.jabatan'],
];

/**
 * The fields, named `${prefix}pemda`, `${prefix}kepala.nip`, … so that the
 * core's field messages land next to them.
 * @param {string} prefix
 * @param {any} profile
 */
export function agencyFields(prefix, profile) {
  const p = profile || {};
  const input = (/** @type {string} */ v) => h('input', { type: 'text', value: v || '', autocomplete: 'off' });
  const paper = h(
    'select',
    null,
    h('option', { value: 'A4', selected: p.kertas !== 'F4' }, 'A4 (210 × 297 mm)'),
    h('option', { value: 'F4', selected: p.kertas === 'F4' }, 'F4 (215 × 330 mm)'),
  );
  return h(
    'div',
    null,
    h(
      'div.grid2',
      null,
      TEXT_FIELDS.map(([name, label, hint]) => field(prefix + name, t(label), input(p[name]), hint ? t(hint) : undefined)),
      field(prefix + 'kertas', t('agency.kertas'), paper),
    ),
    h('h3', null, t('agency.kepala')),
    h(
      'div.grid2',
      null,
      KEPALA_FIELDS.map(([name, label]) => field(`${prefix}kepala.${name}`, t(label), input((p.kepala || {})[name]))),
    ),
  );
}

/**
 * Reads the profile back from a form built with agencyFields.
 * @param {HTMLElement} form @param {string} prefix
 */
export function readAgency(form, prefix) {
  const v = (/** @type {string} */ name) =>
    /** @type {HTMLInputElement} */ (form.querySelector(`[name="${prefix}${name}"]`))?.value ?? '';
  /** @type {Record<string, any>} */
  const out = {};
  for (const [name] of TEXT_FIELDS) out[name] = v(name);
  out.kertas = v('kertas') || 'A4';
  out.kepala = {};
  for (const [name] of KEPALA_FIELDS) out.kepala[name] = v(`kepala.${name}`);
  return out;
}
