// @ts-check
// The request form: the request and the applicant's data, validated by the
// core as the user types (messages appear next to fields once touched).
import * as api from '../api.js';
import { h, field, showFieldErrors, debounce, toast } from '../dom.js';
import { t } from '../i18n.js';

const PERSON_FIELDS = ['nama', 'nama_tanpa_gelar', 'nik', 'nip', 'jenis_pegawai', 'golongan', 'jabatan', 'unit_kerja', 'email', 'telepon'];

/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const text = (/** @type {string} */ auto = 'off') => h('input', { type: 'text', autocomplete: auto });
  const options = (/** @type {import('../api.js').Choice[]} */ list, /** @type {string} */ placeholder) =>
    [h('option', { value: '' }, placeholder), ...list.map((c) => h('option', { value: c.value }, c.label))];
  const jenis = h('select', null, options(ctx.ref.request_types, t('form.choose')));
  const alasan = h('select', null, options(ctx.ref.reasons, t('form.choose')));
  const alasanTeks = h('textarea', { rows: 2 });
  const kind = h('select', null, options(ctx.ref.staff_kinds, t('form.choose')));
  const golongan = h('select');
  const namaTanpaGelar = text();
  const agency = await api.getAgency().catch(() => ({}));

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
      h('div.grid2', null,
        field('nama', t('person.nama'), text('name'), t('person.nama.hint')),
        field('nama_tanpa_gelar', t('person.nama_tanpa_gelar'), namaTanpaGelar, t('person.nama_tanpa_gelar.hint')),
        field('nik', t('person.nik'), h('input', { type: 'text', inputmode: 'numeric', maxlength: 24, autocomplete: 'off' }), t('person.nik.hint')),
        field('jenis_pegawai', t('person.jenis_pegawai'), kind),
        field('nip', t('person.nip'), h('input', { type: 'text', inputmode: 'numeric', maxlength: 24, autocomplete: 'off' }), t('person.nip.hint')),
        field('golongan', t('person.golongan'), golongan),
        field('jabatan', t('person.jabatan'), text()),
        field('unit_kerja', t('person.unit_kerja'), text()),
        field('email', t('person.email'), h('input', { type: 'email', autocomplete: 'off' }),
          agency.domain_email ? t('person.email.hint', { domain: agency.domain_email }) : undefined),
        field('telepon', t('person.telepon'), h('input', { type: 'tel', autocomplete: 'off' }), t('person.telepon.hint')))),
    h('section.card', null, field('catatan', t('form.catatan'), h('textarea', { rows: 2 }))),
    h('div.form-error', { role: 'alert', id: 'form-error' }),
    h('div.actions', null,
      h('button', { type: 'button', id: 'form-cancel', onclick: () => history.back() }, t('form.cancel')),
      h('button.primary', { type: 'submit', id: 'form-save' }, t('form.save'))));

  root.appendChild(h('div.page', null, h('header.page-head', null, h('h1', null, t('form.title'))), form));

  const input = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.querySelector(`[name="${name}"]`));
  /** @type {Set<string>} */
  const touched = new Set();

  const setGolonganOptions = () => {
    const k = /** @type {HTMLSelectElement} */ (kind).value;
    const current = /** @type {HTMLSelectElement} */ (golongan).value;
    golongan.replaceChildren(...options(k === 'pns' ? ctx.ref.golongan_pns : k === 'pppk' ? ctx.ref.golongan_pppk : [],
      k === 'non_asn' ? t('person.golongan.none') : t('form.choose')));
    /** @type {HTMLSelectElement} */ (golongan).value = current;
    /** @type {HTMLSelectElement} */ (golongan).disabled = k === 'non_asn' || !k;
  };
  const setReasonVisible = () => {
    reasonBox.hidden = /** @type {HTMLSelectElement} */ (jenis).value !== 'pencabutan';
  };

  const read = () => {
    /** @type {Record<string, string>} */
    const person = {};
    for (const f of PERSON_FIELDS) person[f] = input(f).value;
    return {
      jenis: input('jenis').value || null,
      alasan: input('alasan').value || null,
      alasan_teks: input('alasan_teks').value || null,
      catatan: input('catatan').value || null,
      person,
    };
  };

  /** @param {any} p */
  const fill = (p) => {
    for (const f of PERSON_FIELDS) {
      if (f === 'golongan') continue;
      input(f).value = p[f] ?? '';
    }
    setGolonganOptions();
    input('golongan').value = p.golongan ?? '';
    for (const f of PERSON_FIELDS) touched.add(f);
    validate();
  };

  const validate = debounce(async () => {
    const result = await api.checkRequestForm(read());
    showFieldErrors(form, result.fields, touched);
    if (result.valid || !touched.size) {
      /** @type {HTMLElement} */ (form.querySelector('.form-error')).textContent = '';
    }
    const derived = await api.checkPerson(read().person);
    namaTanpaGelar.setAttribute('placeholder', derived.value ? derived.value.nama_tanpa_gelar : '');
  }, 250);

  form.addEventListener('input', (ev) => {
    const name = /** @type {HTMLElement} */ (ev.target).getAttribute('name');
    if (name) touched.add(name);
    validate();
  });
  form.addEventListener('change', (ev) => {
    const name = /** @type {HTMLElement} */ (ev.target).getAttribute('name');
    if (name) touched.add(name);
    if (name === 'jenis_pegawai') setGolonganOptions();
    if (name === 'jenis') setReasonVisible();
    validate();
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

  setGolonganOptions();
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
