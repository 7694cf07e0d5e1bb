// @ts-check
// The wizard's pages that come from other parts of the product: the letter
// the applicant signs (Surat Permohonan, Surat Keterangan alasan
// pencabutan) and, for an applicant on their own laptop, the bundle to take
// to the office on a USB stick.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { lettersCard } from './request_letters.js';

/** Extra pages before "kirim": the letter, once the draft exists. @param {any} state @returns {string[]} */
export function pages(state) {
  return state.nomor ? ['surat'] : [];
}

/**
 * An extra page's body, or null.
 * @param {any} state @param {import('../main.js').Ctx} _ctx
 * @param {(onNext: () => boolean, label?: string) => HTMLElement} nav
 */
export function page(state, _ctx, nav) {
  if (state.page !== 'surat' || !state.nomor) return null;
  return h('div', { id: 'wiz-letters' },
    h('div.card', null, h('h2', null, t('wiz.q.surat')), h('p.muted', null, t('wiz.surat.hint'))),
    lettersCard(state.nomor),
    h('div.card', null, nav(() => true)));
}

/**
 * Besides submitting here: a bundle for the office, when the applicant
 * works on their own laptop.
 * @param {any} state @param {import('../main.js').Ctx} ctx
 */
export function sendOptions(state, ctx) {
  if (ctx.me.role !== 'pemohon' || !state.nomor) return h('div');
  const result = h('div', { id: 'wiz-bundle-result', role: 'status' });
  return h('div.card.send-option', null,
    h('h3', null, t('wiz.bundle.title')),
    h('p.muted.small', null, t('wiz.bundle.hint')),
    h('button', { type: 'button', id: 'wiz-bundle', onclick: async () => {
      clear(result);
      try {
        const s = await api.bundleExportDialog(state.nomor, 'request');
        if (s) result.appendChild(h('p.ok-text', null, t('wiz.bundle.done', { path: s.path })));
      } catch (e) { result.appendChild(h('p.form-error', null, /** @type {any} */ (e).message)); }
    } }, t('wiz.bundle.export')),
    result);
}
