// @ts-check
// The request form: the request and the applicant's data, validated by the
// core as the user types (messages appear next to fields once touched).
import * as api from '../api.js';
import { h, field, showFieldErrors, debounce, liveValidation, toast } from '../dom.js';
import { t } from '../i18n.js';
import { personFields, PERSON_FIELDS } from './person_fields.js';


/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const options = (/** @type {import('../api.js').Choice[]} */ list, /** @type {string} */ placeholder) =>
    [h('option', { value: '' }, placeholder), ...list.map((c) => h('option', { value: c.value }, c.label))];
  const jenis = h('select', null, options(ctx.ref.request_types, t('form.choose')));
  const alasan = h('select', null, options(ctx.ref.reasons, t('form.choose')));
  const alasanTeks = h('textarea', { rows: 2 });
  const agency = await api.getAgency().catch(() => ({}));
  const person = personFields(ctx, agency);

  const reasonBox = h('div.reason-box', null,
    field('alasan', t('form.alasan'), alasan, t('form.alasan.hint')),
    field('alasan_teks', t('form.alasan_teks'), alasanTeks));
  const form = h('form.request-form', { id: 'request-form', novalidate: true },
    h('section.card', null,
      h('h2', null, t('form.section.request')),
      h('div.grid2', null, field('jenis', t('form.jenis'), jenis)),
      reasonBox),
    h('section.card', null,
      h('h2', null, t('form.section.person')),
      ctx.me.role !== 'pemohon' ? personPicker(ctx, (p) => fill(p)) : null,
      person.element),
    h('section.card', null, field('catatan', t('form.catatan'), h('textarea', { rows: 2 }))),
    h('div.form-error', { role: 'alert', id: 'form-error' }),
    h('div.actions', null,
      h('button', { type: 'button', id: 'form-cancel', onclick: () => history.back() }, t('form.cancel')),
      h('button.primary', { type: 'submit', id: 'form-save' }, t('form.save'))));

  root.appendChild(h('div.page', null, h('header.page-head', null, h('h1', null, t('form.title'))), form));

  const input = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.querySelector(`[name="${name}"]`));
  const setReasonVisible = () => {
    reasonBox.hidden = /** @type {HTMLSelectElement} */ (jenis).value !== 'pencabutan';
  };

  const read = () => {
    return {
      jenis: input('jenis').value || null,
      alasan: input('alasan').value || null,
      alasan_teks: input('alasan_teks').value || null,
      catatan: input('catatan').value || null,
      person: person.read(),
    };
  };

  const { touched, run: validate } = liveValidation(
    form,
    () => api.checkRequestForm(read()),
    async (result) => {
      if (result.valid || !touched.size) {
        /** @type {HTMLElement} */ (form.querySelector('.form-error')).textContent = '';
      }
      const derived = await api.checkPerson(read().person);
      person.setDerivedName(derived.value ? derived.value.nama_tanpa_gelar : '');
    },
  );

  /** @param {any} p */
  const fill = (p) => {
    person.fill(p);
    for (const f of PERSON_FIELDS) touched.add(f);
    validate();
  };

  form.addEventListener('change', (ev) => {
    if (/** @type {HTMLElement} */ (ev.target).getAttribute('name') === 'jenis') setReasonVisible();
  });
  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') history.back();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errorBox = /** @type {HTMLElement} */ (form.querySelector('.form-error'));
    errorBox.textContent = '';
    try {
      const req = await api.submitRequest(read());
      toast(t('form.saved', { nomor: req.nomor }), 'ok');
      ctx.go(`#/permohonan/${req.nomor}`);
    } catch (e) {
      const err = /** @type {any} */ (e);
      for (const f of err.fields || []) touched.add(f.field);
      showFieldErrors(form, err.fields || []);
      errorBox.textContent = err.message;
      const first = /** @type {HTMLElement | null} */ (form.querySelector('.field.invalid input, .field.invalid select, .field.invalid textarea'));
      first?.focus();
    }
  });

  setReasonVisible();
  if (ctx.me.role === 'pemohon') {
    const own = await api.ownPerson();
    if (own) fill(own);
  }
  jenis.focus();
}

/**
 * A search box for verifiers to fill the form from a stored person.
 * @param {import('../main.js').Ctx} _ctx @param {(p: any) => void} onPick
 */
function personPicker(_ctx, onPick) {
  const box = h('input', { type: 'search', id: 'person-search', placeholder: t('form.person_search'), 'aria-label': t('form.person_search') });
  const list = h('ul.picker', { role: 'listbox' });
  const search = debounce(async () => {
    const q = /** @type {HTMLInputElement} */ (box).value.trim();
    list.replaceChildren();
    if (q.length < 3) return;
    const people = await api.listPeople(q);
    for (const p of people.slice(0, 8)) {
      list.appendChild(h('li', null, h('button', { type: 'button', onclick: () => { onPick(p); list.replaceChildren(); /** @type {HTMLInputElement} */ (box).value = ''; } },
        `${p.nama} — ${p.nik} — ${p.unit_kerja}`)));
    }
  }, 250);
  box.addEventListener('input', search);
  box.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') ev.preventDefault(); });
  return h('div.picker-box', null, box, list);
}
