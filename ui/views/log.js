// @ts-check
// Log aktivitas: every action (who, when, what, old and new values), searchable
// and exportable.
import * as api from '../api.js';
import { h, clear, debounce, fmtTime, toast } from '../dom.js';
import { t } from '../i18n.js';

/** @param {HTMLElement} root */
export async function render(root) {
  const search = h('input', { type: 'search', id: 'log-search', placeholder: t('log.search'), 'aria-label': t('log.search') });
  const from = h('input', { type: 'date', id: 'log-from', 'aria-label': t('log.from') });
  const to = h('input', { type: 'date', id: 'log-to', 'aria-label': t('log.to') });
  const body = h('div');
  const more = h('div.actions');
  let offset = 0;
  const PAGE = 100;
  const query = () => ({
    search: /** @type {HTMLInputElement} */ (search).value || null,
    from: /** @type {HTMLInputElement} */ (from).value || null,
    to: /** @type {HTMLInputElement} */ (to).value || null,
    limit: PAGE,
    offset,
  });
  const exportBtn = h('button', { type: 'button', id: 'log-export', onclick: async () => {
    try {
      const r = await api.exportAuditDialog({ ...query(), offset: 0 });
      if (r) toast(t('log.exported', { rows: r.rows, path: r.path }), 'ok');
    } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
  } }, t('log.export'));
  root.appendChild(h('div.page', { id: 'log-page' },
    h('header.page-head', null, h('h1', null, t('log.title')), exportBtn),
    h('div.toolbar', null, search, from, to), body, more));
  const json = (/** @type {any} */ v) => (v === null || v === undefined ? '' : JSON.stringify(v));
  const load = async (/** @type {boolean} */ append) => {
    if (!append) offset = 0;
    const page = await api.auditLog(query());
    if (!append) clear(body);
    let table = body.querySelector('tbody');
    if (!table) {
      body.appendChild(h('table.data.compact', { id: 'log-table' },
        h('thead', null, h('tr', null, [t('hist.when'), t('hist.who'), t('log.action'), t('log.summary'), t('log.change')].map((c) => h('th', null, c)))),
        h('tbody')));
      table = body.querySelector('tbody');
    }
    for (const e of page.entries) {
      const change = e.old_value || e.new_value
        ? h('details', null, h('summary', null, t('log.details')),
            e.old_value ? h('div.small', null, h('strong', null, t('log.old')), ' ', json(e.old_value)) : null,
            e.new_value ? h('div.small', null, h('strong', null, t('log.new')), ' ', json(e.new_value)) : null)
        : null;
      table?.appendChild(h('tr', null, h('td', null, fmtTime(e.at)), h('td', null, e.actor), h('td.mono', null, e.action), h('td', null, e.summary), h('td.log-change', null, change)));
    }
    offset += page.entries.length;
    clear(more);
    more.appendChild(h('span.muted', null, t('log.count', { shown: offset, total: page.total })));
    if (offset < page.total) more.appendChild(h('button', { type: 'button', onclick: () => load(true) }, t('log.more')));
  };
  const reload = debounce(() => load(false), 250);
  search.addEventListener('input', reload);
  from.addEventListener('change', reload);
  to.addEventListener('change', reload);
  await load(false);
  search.focus();
}
