// @ts-check
// Pengaturan → Surat: the kop as it will print (an HTML rendering of the
// letterhead; "Cetak contoh surat" makes the real PDF), the regional emblem
// (native file dialog), who signs (the head, or a.n./Plt./Plh.), paper,
// margins, font size, line spacing, numbering patterns; and the wording of
// each kind of letter (templates with placeholders).
import * as api from '../api.js';
import { h, add, clear, toast, field, showFieldErrors } from '../dom.js';
import { t } from '../i18n.js';
import { uiLang } from './letter_parts.js';

/** The letterhead as HTML, mirroring the PDF's layout. @param {any} agency @param {string | null} emblemUrl @param {any} settings */
function kopPreview(agency, emblemUrl, settings) {
  const contact = [['Telepon', agency.telepon], ['Pos-el', agency.email], ['Laman', agency.laman]]
    .filter(([, v]) => v && v.trim()).map(([k, v]) => `${k} ${v.trim()}`).join(', ');
  return h(`div.kop-preview.kop-${settings.ukuran_huruf === 11 ? 11 : 12}`, { id: 'kop-preview', 'aria-label': t('letterset.preview') },
    h('div.kop-row', null,
      emblemUrl ? h('img.kop-emblem', { src: emblemUrl, alt: t('letterset.emblem') }) : h('div.kop-emblem.kop-emblem-missing', null, t('letterset.no_emblem')),
      h('div.kop-text', null,
        h('div.kop-pemda', null, (agency.pemda || '').toUpperCase()),
        h('div.kop-dinas', null, (agency.dinas || '').toUpperCase()),
        agency.alamat ? h('div.kop-address', null, agency.alamat) : null,
        contact ? h('div.kop-address', null, contact) : null)),
    h('div.kop-rule'),
    h('div.kop-date', null, `${agency.kota || '…'}, …`));
}

export async function letterSection() {
  const section = h('section.card', { id: 'letter-settings' }, h('h2', null, t('letterset.title')));
  const body = h('div');
  section.appendChild(body);
  const load = async () => {
    const [page, agency] = await Promise.all([api.letterSettings(), api.getAgency()]);
    clear(body);
    add(body, form(page, agency, load));
  };
  await load();
  return section;
}

/** @param {any} page @param {any} agency @param {() => Promise<void>} reload */
function form(page, agency, reload) {
  const s = page.settings;
  const num = (/** @type {number} */ v, /** @type {string} */ step, /** @type {string} */ min, /** @type {string} */ max) =>
    h('input', { type: 'number', value: String(v), step, min, max });
  const text = (/** @type {string} */ v) => h('input', { type: 'text', value: v || '', autocomplete: 'off' });
  const mode = h('select', null, page.modes.map((/** @type {any} */ m) => h('option', { value: m.value, selected: m.value === s.penandatangan }, m.label)));
  const paper = h('select', null,
    h('option', { value: 'A4', selected: agency.kertas !== 'F4' }, 'A4 (210 × 297 mm)'),
    h('option', { value: 'F4', selected: agency.kertas === 'F4' }, 'F4 (215 × 330 mm)'));
  const size = h('select', null, [11, 12].map((n) => h('option', { value: String(n), selected: s.ukuran_huruf === n }, `${n} pt`)));
  const numbered = page.kinds.filter((/** @type {any} */ k) => k.numbered);
  const delegate = h('div.grid2', { id: 'delegate-fields' },
    field('wakil.nama', t('letterset.delegate.nama'), text(s.wakil.nama)),
    field('wakil.nip', t('agency.kepala.nip'), text(s.wakil.nip)),
    field('wakil.pangkat', t('agency.kepala.pangkat'), text(s.wakil.pangkat)),
    field('wakil.jabatan', t('letterset.delegate.jabatan'), text(s.wakil.jabatan), t('letterset.delegate.jabatan_hint')));
  const toggleDelegate = () => { delegate.hidden = /** @type {HTMLSelectElement} */ (mode).value === 'kepala'; };
  mode.addEventListener('change', toggleDelegate);
  toggleDelegate();

  const f = h('form', { id: 'letter-settings-form', novalidate: true },
    kopPreview(agency, page.emblem_url, s),
    h('div.actions.left', null,
      h('button', { type: 'button', id: 'emblem-upload', onclick: async () => {
        try {
          const next = await api.emblemUploadDialog();
          if (next) { toast(t('letterset.emblem_saved'), 'ok'); await reload(); }
        } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
      } }, page.emblem ? t('letterset.emblem_change') : t('letterset.emblem_upload')),
      page.emblem ? h('span.small.muted', null, t('letterset.emblem_info', { w: page.emblem.width_px, h: page.emblem.height_px })) : null,
      samplePicker(page)),
    h('p.small.muted', null, t('letterset.preview_note')),
    h('h3', null, t('letterset.signatory')),
    h('div.grid2', null, field('penandatangan', t('letterset.mode'), mode, t('letterset.mode_hint'))),
    delegate,
    h('h3', null, t('letterset.page')),
    h('div.grid4', null,
      field('kertas', t('agency.kertas'), paper),
      field('ukuran_huruf', t('letterset.font'), size),
      field('spasi', t('letterset.spacing'), num(s.spasi, '0.05', '1', '1.5'), t('letterset.spacing_hint')),
      field('tinggi_lambang_mm', t('letterset.emblem_height'), num(s.tinggi_lambang_mm, '1', '10', '40'))),
    h('div.grid4', null,
      field('margin_mm.top', t('letterset.margin.top'), num(s.margin_mm.top, '1', '5', '60')),
      field('margin_mm.right', t('letterset.margin.right'), num(s.margin_mm.right, '1', '5', '60')),
      field('margin_mm.bottom', t('letterset.margin.bottom'), num(s.margin_mm.bottom, '1', '5', '60')),
      field('margin_mm.left', t('letterset.margin.left'), num(s.margin_mm.left, '1', '5', '60'))),
    h('h3', null, t('letterset.numbering')),
    h('p.small.muted', null, t('letterset.numbering_hint', { tokens: page.tokens.join(' ') })),
    h('div.grid2', null,
      field('unit', t('letterset.unit'), text(s.unit), t('letterset.unit_hint')),
      field('tautan_verifikasi', t('letterset.link'), text(s.tautan_verifikasi), t('letterset.link_hint'))),
    h('table.data.compact', { id: 'numbering-table' },
      h('thead', null, h('tr', null, [t('letters.col.kind'), t('letterset.pattern'), t('letterset.code'), t('letterset.sequence')].map((c) => h('th', null, c)))),
      h('tbody', null, numbered.map((/** @type {any} */ k) => {
        const rule = s.penomoran[k.value] || { pola: '', kode: '', urutan: '' };
        const cell = (/** @type {string} */ part, /** @type {string} */ v) => h('td', null,
          h('div.field', { dataset: { field: `penomoran.${k.value}.${part}` } },
            h('input', { type: 'text', value: v, name: `penomoran.${k.value}.${part}`, class: part === 'pola' ? 'mono' : '', 'aria-label': `${k.label} ${part}` }),
            h('div.field-error', { role: 'alert' })));
        return h('tr', null, h('td', null, k.label), cell('pola', rule.pola), cell('kode', rule.kode), cell('urutan', rule.urutan));
      }))),
    h('div.form-error', { role: 'alert' }),
    h('div.actions', null, h('button.primary', { type: 'submit', id: 'letter-settings-save' }, t('form.save'))));

  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errorBox = /** @type {HTMLElement} */ (f.querySelector('.form-error'));
    errorBox.textContent = '';
    const v = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (f.querySelector(`[name="${name}"]`))?.value ?? '';
    /** @type {Record<string, any>} */
    const penomoran = {};
    for (const k of numbered) {
      penomoran[k.value] = { pola: v(`penomoran.${k.value}.pola`), kode: v(`penomoran.${k.value}.kode`), urutan: v(`penomoran.${k.value}.urutan`) };
    }
    const settings = {
      penandatangan: v('penandatangan'),
      wakil: { nama: v('wakil.nama'), nip: v('wakil.nip'), pangkat: v('wakil.pangkat'), jabatan: v('wakil.jabatan') },
      margin_mm: { top: Number(v('margin_mm.top')), right: Number(v('margin_mm.right')), bottom: Number(v('margin_mm.bottom')), left: Number(v('margin_mm.left')) },
      ukuran_huruf: Number(v('ukuran_huruf')),
      spasi: Number(v('spasi')),
      tinggi_lambang_mm: Number(v('tinggi_lambang_mm')),
      unit: v('unit'),
      penomoran,
      tautan_verifikasi: v('tautan_verifikasi'),
    };
    try {
      await api.saveLetterSettings(settings);
      // The paper size belongs to the agency profile (the kop data).
      if (v('kertas') !== agency.kertas) {
        await api.saveAgency({ ...agency, kertas: v('kertas') });
        // The agency form above shows the same field: keep it in step.
        const other = /** @type {HTMLSelectElement | null} */ (document.querySelector('#agency-form [name="kertas"]'));
        if (other) other.value = v('kertas');
      }
      showFieldErrors(f, []);
      toast(t('settings.saved'), 'ok');
      await reload();
    } catch (e) {
      const err = /** @type {any} */ (e);
      const unplaced = showFieldErrors(f, err.fields || []);
      errorBox.textContent = (err.fields || []).length ? unplaced.join(' ') : err.message;
    }
  });
  return f;
}

/** "Cetak contoh surat": a kind and a button that opens the sample PDF. @param {any} page */
function samplePicker(page) {
  const kind = h('select', { id: 'sample-kind', 'aria-label': t('letterset.sample_kind') },
    page.kinds.map((/** @type {any} */ k) => h('option', { value: k.value, selected: k.value === 'rekomendasi_penerbitan' }, k.label)));
  return h('span.sample-picker', null, kind,
    h('button', { type: 'button', id: 'sample-open', onclick: async () => {
      try {
        await api.openSampleLetter(/** @type {HTMLSelectElement} */ (kind).value);
        toast(t('letters.opened'), 'ok');
      } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
    } }, t('letterset.sample')));
}

export async function templateSection() {
  const templates = await api.letterTemplates();
  const lang = uiLang();
  const kind = h('select', { id: 'template-kind' }, templates.map((/** @type {any} */ tp) => h('option', { value: tp.kind }, tp.label[lang])));
  const body = h('div');
  const show = (/** @type {any} */ tp) => {
    clear(body);
    const f = h('form', { id: 'template-form', novalidate: true },
      tp.slots.map((/** @type {any} */ s) => {
        const rows = Math.min(8, Math.max(s.lines ? 3 : 1, Math.ceil(s.text.length / 90)));
        const input = h('textarea', { rows, class: s.changed ? 'changed' : '' });
        /** @type {HTMLTextAreaElement} */ (input).value = s.text;
        return field(s.key, `${s.label[lang]}${s.changed ? ` (${t('letterset.changed')})` : ''}`, input, s.placeholders.join(' '));
      }),
      h('div.form-error', { role: 'alert' }),
      h('div.actions', null,
        h('button', { type: 'button', id: 'template-reset', onclick: async () => {
          try { show(await api.resetLetterTemplate(tp.kind)); toast(t('letterset.template_reset'), 'ok'); } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
        } }, t('letterset.template_reset_button')),
        h('button', { type: 'button', onclick: async () => {
          try { await api.openSampleLetter(tp.kind); } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
        } }, t('letterset.sample')),
        h('button.primary', { type: 'submit', id: 'template-save' }, t('form.save'))));
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const errorBox = /** @type {HTMLElement} */ (f.querySelector('.form-error'));
      errorBox.textContent = '';
      /** @type {Record<string, string>} */
      const texts = {};
      for (const s of tp.slots) texts[s.key] = /** @type {HTMLTextAreaElement} */ (f.querySelector(`[name="${s.key}"]`)).value;
      try {
        const saved = await api.saveLetterTemplate(tp.kind, texts);
        const i = templates.findIndex((/** @type {any} */ x) => x.kind === tp.kind);
        templates[i] = saved;
        show(saved);
        toast(t('settings.saved'), 'ok');
      } catch (e) {
        const err = /** @type {any} */ (e);
        const unplaced = showFieldErrors(f, err.fields || []);
        errorBox.textContent = (err.fields || []).length ? unplaced.join(' ') : err.message;
      }
    });
    add(body, f);
  };
  kind.addEventListener('change', () => show(templates.find((/** @type {any} */ x) => x.kind === /** @type {HTMLSelectElement} */ (kind).value)));
  show(templates[0]);
  return h('section.card', { id: 'template-section' },
    h('div.card-head', null, h('h2', null, t('letterset.templates')), kind),
    h('p.muted', null, t('letterset.templates_lead')),
    body);
}
