// @ts-check
// The request page's "Surat" card: the request's letters (open in the
// system viewer, save a copy) and buttons to make the letters its SOP steps
// name; other kinds that fit the request under "Surat lain". The core says
// which kinds the caller may make and why not.
import * as api from '../api.js';
import { h, add, clear, toast } from '../dom.js';
import { t } from '../i18n.js';
import { lettersList, uiLang } from './letter_parts.js';

/** Kinds whose number the applicant's unit gives (typed here, or dots). */
const APPLICANT_KINDS = ['permohonan_penerbitan', 'permohonan_pencabutan', 'keterangan_pencabutan'];

/** @param {string} key */
export function lettersCard(key) {
  const card = h('section.card', { id: 'letters-card' }, h('h2', null, t('letters.card')), h('p.muted', null, t('letters.loading')));
  const draw = async () => {
    let options, letters;
    try {
      [options, letters] = await Promise.all([api.letterOptions(key), api.requestLetters(key)]);
    } catch (e) {
      clear(card);
      add(card, h('h2', null, t('letters.card')), h('p.form-error', null, /** @type {any} */ (e).message));
      return;
    }
    clear(card);
    add(card, h('h2', null, t('letters.card')),
      letters.length ? lettersList(letters) : h('p.muted', null, t('letters.none')),
      makeForm(key, options, draw));
  };
  draw();
  return card;
}

/** @param {string} key @param {any[]} options @param {() => Promise<void>} redraw */
function makeForm(key, options, redraw) {
  const lang = uiLang();
  const allowed = options.filter((o) => o.allowed);
  if (!allowed.length) {
    const why = options.find((o) => o.refusal);
    return why ? h('p.small.muted', null, why.refusal[lang]) : null;
  }
  const nomor = h('input', { type: 'text', id: 'letter-nomor', autocomplete: 'off', class: 'mono' });
  const atasanNama = h('input', { type: 'text', id: 'atasan-nama', autocomplete: 'off' });
  const atasanNip = h('input', { type: 'text', id: 'atasan-nip', autocomplete: 'off' });
  const atasanJabatan = h('input', { type: 'text', id: 'atasan-jabatan', autocomplete: 'off' });
  const error = h('div.form-error', { role: 'alert', id: 'letter-error' });
  const v = (/** @type {HTMLElement} */ el) => /** @type {HTMLInputElement} */ (el).value.trim();

  /** @param {string} kind */
  const make = async (kind) => {
    error.textContent = '';
    const applicant = APPLICANT_KINDS.includes(kind);
    const atasan = kind === 'keterangan_pencabutan' && (v(atasanNama) || v(atasanNip) || v(atasanJabatan))
      ? { nama: v(atasanNama), nip: v(atasanNip), jabatan: v(atasanJabatan) } : null;
    try {
      const made = await api.generateLetter({ kind, requests: [key], nomor: applicant ? v(nomor) || null : null, atasan });
      toast(made.letter.nomor ? t('letters.made', { nomor: made.letter.nomor, n: 1 }) : t('letters.made_short'), 'ok');
      await api.openLetter(made.version.id).catch(() => {});
      await redraw();
    } catch (e) {
      const err = /** @type {any} */ (e);
      error.textContent = (err.fields || []).length ? err.fields.map((/** @type {any} */ f) => f.message).join(' ') : err.message;
    }
  };
  const button = (/** @type {any} */ o, /** @type {boolean} */ primary) => h(primary ? 'button.primary' : 'button', {
    type: 'button', dataset: { make: o.kind }, class: 'make-letter',
    title: o.steps.length ? t('letters.from_steps', { steps: o.steps.join(', ') }) : '',
    onclick: () => make(o.kind),
  }, o.existing ? t('letters.remake', { kind: o.label[lang] }) : o.label[lang]);

  const named = allowed.filter((o) => o.steps.length);
  const others = allowed.filter((o) => !o.steps.length);
  const other = h('select', { id: 'letter-other' }, others.map((o) => h('option', { value: o.kind }, o.label[lang])));
  const hasApplicant = allowed.some((o) => APPLICANT_KINDS.includes(o.kind));
  const hasKeterangan = allowed.some((o) => o.kind === 'keterangan_pencabutan');
  return h('div.letter-make', null,
    h('h3', null, t('letters.make_title')),
    named.length ? h('div.letter-buttons.wrap', null, named.map((o) => button(o, true))) : null,
    others.length ? h('div.letter-other', null,
      h('label', { for: 'letter-other' }, t('letters.other')), other,
      h('button', { type: 'button', id: 'letter-other-make', onclick: () => make(/** @type {HTMLSelectElement} */ (other).value) }, t('letters.make'))) : null,
    hasApplicant ? h('details', null, h('summary', null, t('letters.typed_number')),
      h('label', { for: 'letter-nomor' }, t('letters.typed_number_hint')), nomor) : null,
    hasKeterangan ? h('details', null, h('summary', null, t('letters.superior')),
      h('p.small.muted', null, t('letters.superior_hint')),
      h('label', { for: 'atasan-nama' }, t('letters.superior_name')), atasanNama,
      h('label', { for: 'atasan-nip' }, t('letters.superior_nip')), atasanNip,
      h('label', { for: 'atasan-jabatan' }, t('letters.superior_position')), atasanJabatan) : null,
    error);
}
