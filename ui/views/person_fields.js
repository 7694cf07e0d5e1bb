// @ts-check
// The applicant's identity fields, shared by the request form and the
// applicant's wizard. Names match the core's field names, so the core's
// validation messages land next to their fields.
import { h, field } from '../dom.js';
import { t } from '../i18n.js';

export const PERSON_FIELDS = ['nama', 'nama_tanpa_gelar', 'nik', 'nip', 'jenis_pegawai', 'golongan', 'jabatan', 'unit_kerja', 'email', 'telepon'];

/**
 * @param {import('../main.js').Ctx} ctx
 * @param {any} agency the agency profile (for the email domain hint)
 */
export function personFields(ctx, agency) {
  const text = (/** @type {string} */ auto = 'off') => h('input', { type: 'text', autocomplete: auto });
  const options = (/** @type {import('../api.js').Choice[]} */ list, /** @type {string} */ placeholder) =>
    [h('option', { value: '' }, placeholder), ...list.map((c) => h('option', { value: c.value }, c.label))];
  const kind = h('select', null, options(ctx.ref.staff_kinds, t('form.choose')));
  const golongan = h('select');
  const namaTanpaGelar = text();
  const element = h('div.grid2', null,
    field('nama', t('person.nama'), text('name'), t('person.nama.hint')),
    field('nama_tanpa_gelar', t('person.nama_tanpa_gelar'), namaTanpaGelar, t('person.nama_tanpa_gelar.hint')),
    field('nik', t('person.nik'), h('input', { type: 'text', inputmode: 'numeric', maxlength: 24, autocomplete: 'off' }), t('person.nik.hint')),
    field('jenis_pegawai', t('person.jenis_pegawai'), kind),
    field('nip', t('person.nip'), h('input', { type: 'text', inputmode: 'numeric', maxlength: 24, autocomplete: 'off' }), t('person.nip.hint')),
    field('golongan', t('person.golongan'), golongan),
    field('jabatan', t('person.jabatan'), text()),
    field('unit_kerja', t('person.unit_kerja'), text()),
    field('email', t('person.email'), h('input', { type: 'email', autocomplete: 'off' }),
      agency && agency.domain_email ? t('person.email.hint', { domain: agency.domain_email }) : undefined),
    field('telepon', t('person.telepon'), h('input', { type: 'tel', autocomplete: 'off' }), t('person.telepon.hint')));
  const input = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (element.querySelector(`[name="${name}"]`));

  /** Offers the ranks of the chosen staff kind. */
  const setGolonganOptions = () => {
    const k = /** @type {HTMLSelectElement} */ (kind).value;
    const current = /** @type {HTMLSelectElement} */ (golongan).value;
    golongan.replaceChildren(...options(k === 'pns' ? ctx.ref.golongan_pns : k === 'pppk' ? ctx.ref.golongan_pppk : [],
      k === 'non_asn' ? t('person.golongan.none') : t('form.choose')));
    /** @type {HTMLSelectElement} */ (golongan).value = current;
    /** @type {HTMLSelectElement} */ (golongan).disabled = k === 'non_asn' || !k;
  };
  kind.addEventListener('change', setGolonganOptions);
  setGolonganOptions();

  return {
    element,
    /** @returns {Record<string, string>} */
    read() {
      /** @type {Record<string, string>} */
      const person = {};
      for (const f of PERSON_FIELDS) person[f] = input(f).value;
      return person;
    },
    /** @param {any} p */
    fill(p) {
      for (const f of PERSON_FIELDS) if (f !== 'golongan') input(f).value = p[f] ?? '';
      setGolonganOptions();
      input('golongan').value = p.golongan ?? '';
    },
    /** Shows the name the core derives when the field is left empty. @param {string} derived */
    setDerivedName(derived) {
      namaTanpaGelar.setAttribute('placeholder', derived || '');
    },
  };
}
