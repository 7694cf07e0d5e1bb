// @ts-check
// Permohonan: the request list with search and filters.
import * as api from '../api.js';
import { h, clear, debounce, fmtTime } from '../dom.js';
import { t } from '../i18n.js';
import { importButton } from './bundles.js';

/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const search = h('input', { type: 'search', id: 'request-search', placeholder: t('requests.search'), 'aria-label': t('requests.search') });
  const status = h('select', { id: 'request-status', 'aria-label': t('requests.status') },
    h('option', { value: '' }, t('requests.all_status')),
    ctx.ref.request_statuses.map((s) => h('option', { value: s.value }, s.label)));
  const jenis = h('select', { id: 'request-type', 'aria-label': t('requests.type') },
    h('option', { value: '' }, t('requests.all_types')),
    ctx.ref.request_types.map((s) => h('option', { value: s.value }, s.label)));
  const body = h('div');
  const canCreate = ['admin', 'verifikator', 'pemohon'].includes(ctx.me.role);
  // Where a bundle's preview appears, above the list.
  const bundleArea = h('div', { id: 'bundle-area' });
  root.appendChild(
    h('div.page', null,
      h('header.page-head', null,
        h('h1', null, t('requests.title')),
        h('div.actions.head-actions', null,
          importButton(ctx, bundleArea),
          canCreate ? h('a.button.primary', { href: '#/permohonan/baru', id: 'new-request' }, t('requests.new')) : null)),
      bundleArea,
      h('div.toolbar', null, search, status, jenis),
      body),
  );
  const label = (/** @type {any[]} */ list, /** @type {string} */ v) => list.find((x) => x.value === v)?.label || v;
  const load = async () => {
    const rows = await api.listRequests({
      search: /** @type {HTMLInputElement} */ (search).value || undefined,
      status: /** @type {HTMLSelectElement} */ (status).value || undefined,
      jenis: /** @type {HTMLSelectElement} */ (jenis).value || undefined,
    });
    clear(body);
    if (!rows.length) {
      body.appendChild(h('p.empty', { id: 'requests-empty' }, t('requests.empty')));
      return;
    }
    body.appendChild(
      h('table.data', { id: 'requests-table' },
        h('thead', null, h('tr', null,
          [t('requests.col.nomor'), t('requests.col.jenis'), t('requests.col.nama'), t('requests.col.unit'), t('requests.col.status'), t('requests.col.created')]
            .map((c) => h('th', null, c)))),
        h('tbody', null, rows.map((/** @type {any} */ r) =>
          h('tr.clickable', { tabindex: '0', dataset: { nomor: r.nomor },
              onclick: () => ctx.go(`#/permohonan/${r.nomor}`),
              onkeydown: (/** @type {KeyboardEvent} */ e) => { if (e.key === 'Enter') ctx.go(`#/permohonan/${r.nomor}`); } },
            h('td.mono', null, r.nomor),
            h('td', null, label(ctx.ref.request_types, r.jenis)),
            h('td', null, r.nama),
            h('td', null, r.unit_kerja),
            h('td', null, h(`span.badge.status-${r.status}`, null, label(ctx.ref.request_statuses, r.status))),
            h('td', null, fmtTime(r.created_at)))))),
    );
  };
  const reload = debounce(load, 200);
  search.addEventListener('input', reload);
  status.addEventListener('change', load);
  jenis.addEventListener('change', load);
  await load();
  search.focus();
}
