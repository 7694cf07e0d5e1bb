// @ts-check
// The request's documents: attach through the native dialog or by dragging
// files onto the window, preview images, open PDFs in the system viewer, make
// AMS-ready copies, replace or remove (both kept in the history). Also the
// AMS data-entry panel with copy buttons and the core's consistency warnings.
import * as api from '../api.js';
import { h, add, clear, fmtTime, toast } from '../dom.js';
import { t } from '../i18n.js';

/** The drop listener of the request page now shown. @type {null | (() => void)} */
let stopDrop = null;
/** Outcomes of the last attach, shown once by the card drawn after it. @type {any[]} */
let pending = [];

/** Sizes, Indonesian style: 1,4 MB or 86 KB. @param {number} bytes */
function mb(bytes) {
  const en = document.documentElement.lang === 'en';
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  const v = bytes / 1_000_000;
  const s = v >= 10 ? v.toFixed(0) : v.toFixed(1);
  return `${en ? s : s.replace('.', ',')} MB`;
}

/** @param {HTMLElement} box @param {any[]} outcomes */
function showOutcomes(box, outcomes) {
  for (const o of outcomes) {
    if (o.error) box.appendChild(h('p.form-error', null, `${o.file}: ${o.error}`));
    else if (o.attached.already_attached) box.appendChild(h('p.muted', null, t('doc.already', { file: o.file })));
    else box.appendChild(h('p.ok-text', null, t('doc.attached', { file: o.file })));
  }
}

/**
 * @param {string} key the request number
 * @param {import('../main.js').Ctx} ctx
 * @param {string[]} wanted document kinds the current step asks for
 * @param {() => void} onChange called after something was attached or removed
 */
export function documentsCard(key, ctx, wanted, onChange) {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  const mayAttach = ['admin', 'verifikator', 'pemohon'].includes(ctx.me.role);
  const kind = h('select', { id: 'doc-kind', 'aria-label': t('doc.kind') },
    ctx.ref.doc_kinds.map((k) => h('option', { value: k.value, selected: k.value === (wanted[0] || 'ktp') }, k.label)));
  const list = h('div', { id: 'documents' });
  const results = h('div', { id: 'attach-results', role: 'status' });
  const history = h('input', { type: 'checkbox', id: 'doc-history' });
  const zone = h('div.drop-zone', { id: 'drop-zone' },
    mayAttach ? [h('div.attach-row', null, kind,
      h('button.primary', { type: 'button', id: 'attach-button', onclick: () => run(() => api.attachDialog(key, /** @type {HTMLSelectElement} */ (kind).value)) }, t('doc.attach'))),
      h('div.muted.small', null, t('doc.drop_hint'))] : null);
  const preview = h('div.preview', { id: 'doc-preview', hidden: true });

  /** @param {() => Promise<any[]>} job */
  async function run(job) {
    clear(results);
    try {
      const outcomes = await job();
      if (outcomes.some((o) => o.attached && !o.attached.already_attached)) {
        // The page is drawn again (the step's checklist changes); the new
        // card shows these outcomes.
        pending = outcomes;
        onChange();
      } else {
        showOutcomes(results, outcomes);
      }
    } catch (e) { results.appendChild(h('p.form-error', null, /** @type {any} */ (e).message)); }
  }

  async function load() {
    const docs = await api.listDocuments(key, /** @type {HTMLInputElement} */ (history).checked);
    clear(list);
    if (!docs.length) { list.appendChild(h('p.muted', null, t('doc.none'))); return; }
    list.appendChild(h('table.data.compact', { id: 'documents-table' },
      h('thead', null, h('tr', null, [t('doc.kind'), t('doc.name'), t('doc.size'), t('doc.by'), ''].map((c) => h('th', null, c)))),
      h('tbody', null, docs.map((/** @type {any} */ d) => h(`tr.doc-${d.status}`, { dataset: { doc: String(d.id), kind: d.kind } },
        h('td', null, d.kind_label[lang], d.status !== 'berlaku' ? h('div.small.muted', null, t(`doc.status.${d.status}`), d.ended && d.ended.reason ? `: ${d.ended.reason}` : '') : null),
        h('td', null, d.original_name, d.ams_warning ? h('div.small.warn-text', null, d.ams_warning[lang]) : null),
        h('td', null, mb(d.size), d.width ? h('div.small.muted', null, `${d.width}×${d.height}`) : null),
        h('td', null, d.attached.display_name || d.attached.username, h('div.small.muted', null, fmtTime(d.attached.at))),
        h('td.doc-actions', null, d.status === 'berlaku' ? actions(d) : null))))));
  }

  /** @param {any} d */
  function actions(d) {
    const image = d.mime.startsWith('image/');
    return [
      h('button', { type: 'button', class: 'small-btn', onclick: async () => {
        try {
          if (!image) { await api.openDocument(d.id); return; }
          const url = await api.documentPreview(d.id);
          clear(preview);
          add(preview, h('div.preview-head', null, h('strong', null, d.original_name), h('button', { type: 'button', onclick: () => { preview.hidden = true; } }, t('doc.close'))),
            h('img', { src: url, alt: d.original_name }));
          preview.hidden = false;
        } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
      } }, image ? t('doc.view') : t('doc.open')),
      image && mayAttach ? h('button', { type: 'button', class: 'small-btn', onclick: async () => {
        try {
          const c = await api.amsCopyDialog(d.id);
          if (c) toast(t('doc.ams_done', { size: mb(c.bytes), w: c.width, h: c.height }), 'ok');
        } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
      } }, t('doc.ams_copy')) : null,
      mayAttach ? h('button', { type: 'button', class: 'small-btn', onclick: async () => {
        try { if (await api.replaceDocumentDialog(d.id)) { await load(); onChange(); } } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
      } }, t('doc.replace')) : null,
      mayAttach ? h('button', { type: 'button', class: 'small-btn danger', onclick: async () => {
        const reason = prompt(t('doc.remove_reason'));
        if (reason === null) return;
        try { await api.removeDocument(d.id, reason); await load(); onChange(); } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
      } }, t('doc.remove')) : null,
    ];
  }

  showOutcomes(results, pending);
  pending = [];
  history.addEventListener('change', load);
  // Files dragged onto the window attach to this request with the chosen kind.
  if (stopDrop) stopDrop();
  stopDrop = null;
  if (mayAttach) {
    api.onFileDrop({
      enter: () => zone.classList.add('dragging'),
      leave: () => zone.classList.remove('dragging'),
      drop: (paths) => {
        zone.classList.remove('dragging');
        if (!document.body.contains(zone) || !paths.length) return;
        run(() => api.attachPaths(key, /** @type {HTMLSelectElement} */ (kind).value, paths));
      },
    }).then((stop) => { stopDrop = stop; });
  }
  const card = h('section.card', { id: 'documents-card' },
    h('div.card-head', null, h('h2', null, t('doc.title')), h('label.small', null, history, ' ', t('doc.history'))),
    wanted.length ? h('p.warn-text.small', null, t('doc.wanted', { kinds: wanted.map((w) => ctx.ref.doc_kinds.find((k) => k.value === w)?.label || w).join(', ') })) : null,
    zone, results, list, preview);
  load();
  return card;
}

/**
 * The applicant's data in the order AMS asks for it, each with a copy
 * button, and the inconsistencies to fix before going online.
 * @param {string} key
 */
export async function amsPanelCard(key) {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  const panel = await api.amsPanel(key);
  return h('section.card', { id: 'ams-panel' },
    h('h2', null, t('ams.title')),
    panel.warnings.length
      ? h('ul.warnings', { id: 'ams-warnings' }, panel.warnings.map((/** @type {any} */ w) => h('li.warn-text', null, w[lang])))
      : h('p.ok-text.small', null, t('ams.ok')),
    h('dl.kv.ams', null, panel.fields.map((/** @type {any} */ f) => [
      h('dt', null, f.label[lang]),
      h('dd', null, h('span.mono', null, f.value || '-'), ' ',
        h('button', { type: 'button', class: 'small-btn', dataset: { copy: f.key }, onclick: () => copy(f.value) }, t('ams.copy'))),
    ])));
}

/** Copies text, with a fallback where the clipboard API is not offered. @param {string} text */
async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h('textarea', { value: text });
    document.body.appendChild(area);
    /** @type {HTMLTextAreaElement} */ (area).select();
    document.execCommand('copy');
    area.remove();
  }
  toast(t('ams.copied', { text }), 'ok');
}
