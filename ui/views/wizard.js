// @ts-check
// The applicant's wizard: the request in plain words, one page at a time.
// Progress is saved as it goes: the answers before the draft exists in
// localStorage, then the draft request itself in the database, so closing
// the window loses nothing; reopening resumes at the same page.
import * as api from '../api.js';
import { h, add, clear, showFieldErrors, liveValidation, toast } from '../dom.js';
import { t } from '../i18n.js';
import { personFields, PERSON_FIELDS } from './person_fields.js';
import { documentsCard } from './documents_card.js';
import * as extras from './wizard_extras.js';

/** The request types in the applicant's words. */
const CHOICES = [
  { jenis: 'penerbitan', key: 'wiz.type.penerbitan' },
  { jenis: 'pencabutan', key: 'wiz.type.pencabutan' },
  { jenis: 'pembaruan', key: 'wiz.type.pembaruan' },
  { jenis: 'perubahan_data', key: 'wiz.type.perubahan_data' },
  { jenis: 'reset_passphrase', key: 'wiz.type.reset_passphrase' },
];

/** @param {string} user */
const storeKey = (user) => `loket.wizard.${user}`;

/** @typedef {{page: string, jenis: string, alasan: string, alasan_teks: string, person: Record<string,string> | null, nomor: string | null}} WizState */

/** @param {string} user @returns {WizState} */
export function loadState(user) {
  try {
    const s = JSON.parse(localStorage.getItem(storeKey(user)) || 'null');
    if (s && typeof s === 'object') return s;
  } catch { /* a broken entry starts over */ }
  return { page: 'jenis', jenis: '', alasan: '', alasan_teks: '', person: null, nomor: null };
}

/** @param {string} user @param {WizState} s */
function saveState(user, s) {
  localStorage.setItem(storeKey(user), JSON.stringify(s));
}

/** @param {string} user */
export function clearState(user) {
  localStorage.removeItem(storeKey(user));
}

/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const user = ctx.me.username;
  const state = loadState(user);
  const agency = await api.getAgency().catch(() => ({}));
  const page = h('div.page.wizard', { id: 'wizard' });
  root.appendChild(page);

  const pages = () => ['jenis', ...(state.jenis === 'pencabutan' ? ['alasan'] : []), 'data', 'berkas', ...extras.pages(state), 'kirim'];
  const go = (/** @type {string} */ p) => { state.page = p; saveState(user, state); draw(); };
  const next = () => { const ps = pages(); go(ps[Math.min(ps.indexOf(state.page) + 1, ps.length - 1)]); };
  const back = () => { const ps = pages(); go(ps[Math.max(ps.indexOf(state.page) - 1, 0)]); };
  const form = () => ({
    jenis: state.jenis,
    alasan: state.jenis === 'pencabutan' ? state.alasan || null : null,
    alasan_teks: state.jenis === 'pencabutan' ? state.alasan_teks || null : null,
    person: state.person,
  });

  function draw() {
    clear(page);
    const ps = pages();
    if (!ps.includes(state.page)) state.page = ps[0];
    add(page,
      h('header.page-head', null, h('div', null, h('h1', null, t('wiz.title')),
        state.nomor ? h('p.muted', { id: 'wiz-nomor' }, t('wiz.draft_saved', { nomor: state.nomor })) : null)),
      h('ol.wiz-steps', null, ps.map((p, i) => h(`li${p === state.page ? '.current' : ps.indexOf(state.page) > i ? '.done' : ''}`, null, `${i + 1}. ${t(`wiz.page.${p}`)}`))),
      body());
  }

  function nav(/** @type {() => Promise<boolean> | boolean} */ onNext, /** @type {string} */ nextLabel = t('wiz.next')) {
    return h('div.actions', null,
      state.page !== 'jenis' ? h('button', { type: 'button', id: 'wiz-back', onclick: back }, t('wiz.back')) : null,
      h('button.primary', { type: 'submit', id: 'wiz-next', onclick: async (/** @type {Event} */ e) => { e.preventDefault(); if (await onNext()) next(); } }, nextLabel));
  }

  function body() {
    switch (state.page) {
      case 'jenis': {
        const list = h('div.wiz-choices', { role: 'radiogroup' }, CHOICES.map((c) =>
          h('label.wiz-choice', { dataset: { jenis: c.jenis } },
            h('input', { type: 'radio', name: 'jenis', value: c.jenis, checked: state.jenis === c.jenis, disabled: !!state.nomor && state.jenis !== c.jenis }),
            h('div', null, h('strong', null, t(`${c.key}`)), h('div.muted.small', null, t(`${c.key}.hint`))))));
        const err = h('div.form-error', { role: 'alert' });
        return h('form.card', { id: 'wiz-form' }, h('h2', null, t('wiz.q.jenis')), list, err,
          nav(() => {
            const v = /** @type {HTMLInputElement | null} */ (list.querySelector('input:checked'));
            if (!v) { err.textContent = t('wiz.need_choice'); return false; }
            state.jenis = v.value;
            saveState(user, state);
            return true;
          }));
      }
      case 'alasan': {
        const list = h('div.wiz-choices', { role: 'radiogroup' }, ctx.ref.reasons.map((r) =>
          h('label.wiz-choice.compact', { dataset: { alasan: r.value } }, h('input', { type: 'radio', name: 'alasan', value: r.value, checked: state.alasan === r.value }), ' ', r.label)));
        const text = h('textarea', { rows: 3, id: 'wiz-alasan-teks', value: state.alasan_teks || '' });
        const err = h('div.form-error', { role: 'alert' });
        return h('form.card', { id: 'wiz-form' }, h('h2', null, t('wiz.q.alasan')), h('p.muted', null, t('wiz.alasan.hint')), list,
          h('label', { for: 'wiz-alasan-teks' }, t('form.alasan_teks')), text, err,
          nav(() => {
            const v = /** @type {HTMLInputElement | null} */ (list.querySelector('input:checked'));
            if (!v) { err.textContent = t('wiz.need_choice'); return false; }
            state.alasan = v.value;
            state.alasan_teks = /** @type {HTMLTextAreaElement} */ (text).value;
            if (state.alasan === 'lainnya' && !state.alasan_teks.trim()) { err.textContent = t('wiz.need_text'); return false; }
            saveState(user, state);
            return true;
          }));
      }
      case 'data': {
        const fields = personFields(ctx, agency);
        const f = h('form.card', { id: 'wiz-form', novalidate: true }, h('h2', null, t('wiz.q.data')), h('p.muted', null, t('wiz.data.hint')), fields.element,
          h('div.form-error', { role: 'alert', id: 'wiz-error' }));
        const { touched, run: live } = liveValidation(
          f,
          () => {
            state.person = fields.read();
            saveState(user, state);
            return api.checkPerson(state.person);
          },
          (r) => fields.setDerivedName(r.value ? r.value.nama_tanpa_gelar : ''),
        );
        add(f, nav(async () => {
          state.person = fields.read();
          saveState(user, state);
          const err = /** @type {HTMLElement} */ (f.querySelector('#wiz-error'));
          try {
            const req = state.nomor ? await api.updateDraft(state.nomor, form()) : await api.saveDraft(form());
            state.nomor = req.nomor;
            saveState(user, state);
            toast(t('wiz.draft_saved', { nomor: req.nomor }), 'ok');
            return true;
          } catch (e) {
            const x = /** @type {any} */ (e);
            for (const fl of x.fields || []) touched.add(fl.field);
            const unplaced = showFieldErrors(f, x.fields || []);
            err.textContent = (x.fields || []).length ? unplaced.join(' ') : x.message;
            return false;
          }
        }));
        // Resume: the answers typed so far, or the applicant's own record.
        (async () => {
          const own = state.person || (await api.ownPerson());
          if (own) { fields.fill(own); for (const k of PERSON_FIELDS) if (own[k]) touched.add(k); live(); }
        })();
        return f;
      }
      case 'berkas': {
        const box = h('div', { id: 'wiz-docs' });
        (async () => {
          const wanted = await api.applicantDocuments(state.jenis);
          box.appendChild(documentsCard(/** @type {string} */ (state.nomor), ctx, wanted, () => draw()));
        })();
        return h('div', null, h('div.card', null, h('h2', null, t('wiz.q.berkas')), h('p.muted', null, t('wiz.berkas.hint'))), box,
          h('div.card', null, nav(() => true)));
      }
      case 'kirim': {
        const err = h('div.form-error', { role: 'alert', id: 'wiz-error' });
        const p = state.person || {};
        const reason = ctx.ref.reasons.find((r) => r.value === state.alasan)?.label;
        return h('div.card', { id: 'wiz-review' },
          h('h2', null, t('wiz.q.kirim')),
          h('dl.kv', null,
            h('dt', null, t('request.nomor')), h('dd.mono', null, state.nomor || '-'),
            h('dt', null, t('request.jenis')), h('dd', null, ctx.ref.request_types.find((r) => r.value === state.jenis)?.label || state.jenis),
            reason ? [h('dt', null, t('request.alasan')), h('dd', null, `${reason}${state.alasan_teks ? ` — ${state.alasan_teks}` : ''}`)] : null,
            h('dt', null, t('person.nama')), h('dd', null, p.nama || '-'),
            h('dt', null, t('person.nik')), h('dd', null, p.nik || '-'),
            h('dt', null, t('person.unit_kerja')), h('dd', null, p.unit_kerja || '-')),
          h('p.muted', null, t('wiz.kirim.hint')),
          extras.sendOptions(state, ctx),
          err,
          h('div.actions', null,
            h('button', { type: 'button', id: 'wiz-back', onclick: back }, t('wiz.back')),
            h('button', { type: 'button', id: 'wiz-later', onclick: () => ctx.go('#/beranda') }, t('wiz.later')),
            h('button.primary', { type: 'button', id: 'wiz-submit', onclick: async () => {
              try {
                const req = await api.submitDraft(/** @type {string} */ (state.nomor));
                clearState(user);
                toast(t('wiz.submitted', { nomor: req.nomor }), 'ok');
                ctx.go(`#/permohonan/${req.nomor}`);
              } catch (e) { err.textContent = /** @type {any} */ (e).message; }
            } }, t('wiz.submit'))));
      }
      default:
        return extras.page(state, ctx, nav) || h('p', null, '');
    }
  }

  // Esc goes back a page, as the Back button does.
  page.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && state.page !== 'jenis') back();
  });
  draw();
}
