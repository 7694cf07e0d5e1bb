// @ts-check
// Surat: verify a letter (a PDF file or the code printed on it), the
// numbering register (buku agenda) with voiding and numbers entered by
// hand, collective recommendation letters, and the most recent letters.
import * as api from '../api.js';
import { h, add, clear, toast, field, showFieldErrors } from '../dom.js';
import { t } from '../i18n.js';
import { lettersTable, verdictBox, uiLang, fmtDate } from './letter_parts.js';

/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const page = h('div.page', { id: 'letters-page' }, h('header.page-head', null, h('div', null, h('h1', null, t('letters.title')), h('p.muted', null, t('letters.lead')))));
  root.appendChild(page);
  page.appendChild(verifySection());
  const office = ['admin', 'verifikator'].includes(ctx.me.role);
  if (office) {
    page.appendChild(collectiveSection());
    page.appendChild(await registerSection(ctx));
  }
  page.appendChild(await recentSection());
}

function verifySection() {
  const result = h('div', { id: 'verify-box' });
  const code = h('input', { type: 'text', id: 'verify-code', placeholder: 'XXXX-XXXX', autocomplete: 'off', class: 'mono' });
  const show = (/** @type {any} */ v) => { clear(result); if (v) add(result, verdictBox(v)); };
  const byCode = async (/** @type {Event} */ ev) => {
    ev.preventDefault();
    const value = /** @type {HTMLInputElement} */ (code).value.trim();
    if (!value) return;
    try { show(await api.verifyLetterCode(value)); } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
  };
  const form = h('form.verify-form', { id: 'verify-form', novalidate: true, onsubmit: byCode },
    h('label', { for: 'verify-code' }, t('verify.code')), code,
    h('button.primary', { type: 'submit', id: 'verify-code-button' }, t('verify.check_code')),
    h('span.muted', null, t('verify.or')),
    h('button', { type: 'button', id: 'verify-file-button', onclick: async () => {
      try { show(await api.verifyLetterDialog()); } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
    } }, t('verify.check_file')));
  return h('section.card', { id: 'verify-section' }, h('h2', null, t('verify.title')), h('p.muted', null, t('verify.lead')), form, result);
}

function collectiveSection() {
  const kind = h('select', { id: 'collective-kind' },
    h('option', { value: 'rekomendasi_penerbitan' }, t('letters.kind.rekomendasi_penerbitan')),
    h('option', { value: 'rekomendasi_pencabutan' }, t('letters.kind.rekomendasi_pencabutan')));
  const list = h('textarea', { id: 'collective-requests', rows: 3, placeholder: 'REQ-2026-00001, REQ-2026-00002 …', class: 'mono' });
  const out = h('div');
  const form = h('form.inline-form', { id: 'collective-form', novalidate: true },
    h('div.grid2', null,
      field('kind', t('letters.collective.kind'), kind),
      field('requests', t('letters.collective.requests'), list, t('letters.collective.hint'))),
    h('div.form-error', { role: 'alert' }),
    h('div.actions', null, h('button.primary', { type: 'submit', id: 'collective-make' }, t('letters.make'))),
    out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errorBox = /** @type {HTMLElement} */ (form.querySelector('.form-error'));
    errorBox.textContent = '';
    const requests = /** @type {HTMLTextAreaElement} */ (list).value.split(/[\s,;]+/).filter(Boolean);
    try {
      const made = await api.generateLetter({ kind: /** @type {HTMLSelectElement} */ (kind).value, requests });
      showFieldErrors(form, []);
      clear(out);
      add(out, h('p.ok-text', null, t('letters.made', { nomor: made.letter.nomor || '-', n: made.letter.requests.length })), lettersTable([made.letter], { requests: true }));
      toast(t('letters.made_short'), 'ok');
    } catch (e) {
      const err = /** @type {any} */ (e);
      const unplaced = showFieldErrors(form, (err.fields || []).map((/** @type {any} */ f) => ({ ...f, field: f.field.startsWith('requests') ? 'requests' : f.field })));
      errorBox.textContent = (err.fields || []).length > 1 ? (err.fields || []).map((/** @type {any} */ f) => f.message).join(' ') : unplaced.join(' ') || err.message;
    }
  });
  return h('section.card', { id: 'collective-section' }, h('h2', null, t('letters.collective.title')), h('p.muted', null, t('letters.collective.lead')), form);
}

/** @param {import('../main.js').Ctx} ctx */
async function registerSection(ctx) {
  const lang = uiLang();
  const thisYear = new Date().getFullYear();
  const year = h('select', { id: 'register-year' },
    h('option', { value: '' }, t('register.all_years')),
    [0, 1, 2, 3].map((d) => h('option', { value: String(thisYear - d), selected: d === 0 }, String(thisYear - d))));
  const body = h('div', { id: 'register-body' });
  const load = async () => {
    const y = /** @type {HTMLSelectElement} */ (year).value;
    const entries = await api.letterRegister(y ? Number(y) : null);
    clear(body);
    if (!entries.length) { add(body, h('p.empty', null, t('register.empty'))); return; }
    add(body, h('table.data.compact', { id: 'register-table' },
      h('thead', null, h('tr', null, [t('letters.col.nomor'), t('letters.col.date'), t('letters.col.kind'), t('register.subject'), t('letters.col.requests'), t('register.status'), ''].map((c) => h('th', null, c)))),
      h('tbody', null, entries.map((/** @type {any} */ e) => h('tr', { dataset: { nomor: e.nomor, status: e.status } },
        h('td.mono', null, e.nomor, e.manual ? h('div.small.muted', null, t('register.manual')) : null),
        h('td', null, fmtDate(e.tanggal)),
        h('td', null, e.kind_label[lang]),
        h('td', null, e.hal),
        h('td', null, e.requests.length > 3 ? `${e.requests.slice(0, 2).map((/** @type {any} */ r) => r.nomor).join(', ')} … (${e.requests.length})` : e.requests.map((/** @type {any} */ r) => r.nomor).join(', ') || '-'),
        h('td', null, e.status === 'batal'
          ? [h('span.badge.bad', null, t('letters.voided')), h('div.small.muted', null, e.void_reason || '')]
          : h('span.badge', null, t('register.active'))),
        h('td', null, e.status === 'aktif' ? voidBox(e, load) : null))))));
  };
  year.addEventListener('change', load);
  await load();
  return h('section.card', { id: 'register-section' },
    h('div.card-head', null, h('h2', null, t('register.title')), year),
    h('p.muted', null, t('register.lead')),
    body,
    await manualForm(ctx, load));
}

/** @param {any} e @param {() => Promise<void>} reload */
function voidBox(e, reload) {
  const reason = h('input', { type: 'text', placeholder: t('register.void_reason'), class: 'void-reason' });
  return h('details.void-box', null, h('summary', null, t('register.void')),
    reason,
    h('button.danger', { type: 'button', class: 'void-confirm', onclick: async () => {
      try {
        await api.voidLetterNumber(e.nomor, /** @type {HTMLInputElement} */ (reason).value);
        toast(t('register.voided', { nomor: e.nomor }), 'ok');
        await reload();
      } catch (err) { toast(/** @type {any} */ (err).message, 'error'); }
    } }, t('register.void_confirm')));
}

/** @param {import('../main.js').Ctx} _ctx @param {() => Promise<void>} reload */
async function manualForm(_ctx, reload) {
  const page = await api.letterSettings();
  const kind = h('select', null, page.kinds.filter((/** @type {any} */ k) => k.numbered).map((/** @type {any} */ k) => h('option', { value: k.value }, k.label)));
  const nomor = h('input', { type: 'text', autocomplete: 'off', class: 'mono' });
  const hal = h('input', { type: 'text', autocomplete: 'off' });
  const tanggal = h('input', { type: 'date' });
  const form = h('form.inline-form', { id: 'manual-number-form', novalidate: true },
    h('h3', null, t('register.manual_title')),
    h('p.muted.small', null, t('register.manual_lead')),
    h('div.grid4', null,
      field('kind', t('letters.col.kind'), kind),
      field('nomor', t('letters.col.nomor'), nomor),
      field('hal', t('register.subject'), hal),
      field('tanggal', t('letters.col.date'), tanggal)),
    h('div.actions', null, h('button.primary', { type: 'submit' }, t('register.manual_save'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = (/** @type {HTMLElement} */ el) => /** @type {HTMLInputElement} */ (el).value;
    try {
      await api.enterLetterNumber({ kind: v(kind), nomor: v(nomor), hal: v(hal), tanggal: v(tanggal) || null });
      /** @type {HTMLFormElement} */ (form).reset();
      showFieldErrors(form, []);
      toast(t('register.manual_saved'), 'ok');
      await reload();
    } catch (e) {
      const err = /** @type {any} */ (e);
      const unplaced = showFieldErrors(form, err.fields || []);
      if (!(err.fields || []).length || unplaced.length) toast(unplaced.join(' ') || err.message, 'error');
    }
  });
  return form;
}

async function recentSection() {
  const letters = await api.recentLetters();
  return h('section.card', { id: 'recent-letters' }, h('h2', null, t('letters.recent')),
    letters.length ? lettersTable(letters, { requests: true }) : h('p.empty', null, t('letters.empty')));
}
