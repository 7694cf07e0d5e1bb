// @ts-check
// One SOP as the office reads it on paper: the header (number, dates, legal
// basis, qualifications, related SOPs, equipment, warning, records) and the
// step table with its Mutu Baku. Printable.
import * as api from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** @param {HTMLElement} root @param {{id: string}} params @param {import('../main.js').Ctx} ctx */
export async function render(root, params, ctx) {
  const id = decodeURIComponent(params.id);
  const sop = await api.getSop(id);
  const m = sop.meta;
  const actorName = (/** @type {string} */ a) => sop.actors.find((/** @type {any} */ x) => x.id === a)?.name || a;
  const docLabel = (/** @type {string} */ d) => ctx.ref.doc_kinds.find((x) => x.value === d)?.label || d;
  const list = (/** @type {string[]} */ items) => (items && items.length ? h('ol', null, items.map((i) => h('li', null, i))) : h('span.muted', null, '-'));
  const totalMin = sop.steps.reduce((/** @type {number} */ a, /** @type {any} */ s) => a + (s.time ? s.time.min_minutes : 0), 0);
  const totalMax = sop.steps.reduce((/** @type {number} */ a, /** @type {any} */ s) => a + (s.time ? s.time.max_minutes : 0), 0);
  root.appendChild(
    h('div.page.sop-page', { id: 'sop-page', dataset: { sop: m.id } },
      h('header.page-head', null,
        h('div', null, h('h1', null, m.title), h('p.muted', null, `${m.pemda}${m.dinas ? ` — ${m.dinas}` : ''} · ${m.id} v${m.version}`)),
        h('div.actions', null,
          h('button', { type: 'button', onclick: () => history.back() }, t('form.back')),
          h('button', { type: 'button', id: 'sop-export', onclick: async () => { const p = await api.exportSopDialog(m.id); if (p) alert(t('sop.saved_to', { path: p })); } }, t('sop.export')),
          h('button.primary', { type: 'button', onclick: () => window.print() }, t('sop.print')))),
      h('section.card.sop-header', null,
        h('dl.kv', null,
          h('dt', null, t('sop.number')), h('dd', null, m.number || '-'),
          h('dt', null, t('sop.made')), h('dd', null, m.made || '-'),
          h('dt', null, t('sop.revised')), h('dd', null, m.revised || '-'),
          h('dt', null, t('sop.effective')), h('dd', null, m.effective || '-'),
          h('dt', null, t('sop.approved_by')), h('dd', null, m.approved_by || '-'),
          h('dt', null, t('sop.request_types')), h('dd', null, m.request_types.map((/** @type {string} */ r) => ctx.ref.request_types.find((x) => x.value === r)?.label || r).join(', '))),
        h('div.grid2', null,
          h('div', null, h('h3', null, t('sop.legal_basis')), list(m.legal_basis)),
          h('div', null, h('h3', null, t('sop.qualifications')), list(m.qualifications)),
          h('div', null, h('h3', null, t('sop.related')), list(m.related)),
          h('div', null, h('h3', null, t('sop.equipment')), list(m.equipment)),
          h('div', null, h('h3', null, t('sop.warning')), list(m.warning)),
          h('div', null, h('h3', null, t('sop.records')), list(m.records)))),
      h('table.data.sop-table', { id: 'sop-table' },
        h('thead', null, h('tr', null, [t('sop.col.no'), t('sop.col.activity'), t('sop.col.actor'), t('sop.col.requirements'), t('sop.col.time'), t('sop.col.output'), t('sop.col.note')].map((c) => h('th', null, c)))),
        h('tbody', null, sop.steps.map((/** @type {any} */ s) => h('tr', null,
          h('td', null, String(s.no)),
          h('td', null, s.activity, s.condition ? h('div.small.muted', null, `${t('step.condition')}: ${s.condition}`) : null,
            s.on_fail ? h('div.small.muted', null, t('sop.on_fail', { no: s.on_fail })) : null),
          h('td', null, actorName(s.actor)),
          h('td', null, s.requirements.join('; ') || '-', s.documents.length ? h('div.small.muted', null, `${t('step.documents')}: ${s.documents.map(docLabel).join(', ')}`) : null),
          h('td', null, s.time ? s.time.text : '-'),
          h('td', null, s.output || '-'),
          h('td', null, s.note || '', s.link_valid ? h('div.small.muted', null, `${t('sop.link_valid')}: ${s.link_valid.text}`) : null)))),
        h('tfoot', null, h('tr', null, h('td', { colspan: '4' }, t('sop.total')),
          h('td', { colspan: '3', id: 'sop-total' }, totalMin === totalMax ? mins(totalMin) : `${mins(totalMin)} – ${mins(totalMax)}`))))));
}

/** @param {number} m */
function mins(m) {
  const d = Math.floor(m / 1440), hh = Math.floor((m % 1440) / 60), mm = m % 60;
  const parts = [d ? t('time.days_long', { n: d }) : '', hh ? t('time.hours_long', { n: hh }) : '', mm ? t('time.mins_long', { n: mm }) : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : t('time.mins_long', { n: 0 });
}
