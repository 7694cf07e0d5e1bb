// @ts-check
// Beranda: counts and the latest requests, from the database.
import * as api from '../api.js';
import { h, fmtTime } from '../dom.js';
import { t } from '../i18n.js';

/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const rows = await api.listRequests({});
  const count = (/** @type {string} */ s) => rows.filter((/** @type {any} */ r) => r.status === s).length;
  const label = (/** @type {any[]} */ list, /** @type {string} */ v) => list.find((x) => x.value === v)?.label || v;
  root.appendChild(
    h('div.page', { id: 'beranda' },
      h('header.page-head', null, h('h1', null, t('home.hello', { name: ctx.me.display_name }))),
      h('div.stats', null,
        ['diproses', 'ditolak', 'selesai'].map((s) =>
          h('div.stat', null, h('div.stat-value', null, String(count(s))), h('div.stat-label', null, label(ctx.ref.request_statuses, s))))),
      h('section.card', null,
        h('h2', null, t('home.latest')),
        rows.length
          ? h('ul.simple-list', null, rows.slice(0, 8).map((/** @type {any} */ r) =>
              h('li', null, h('a', { href: `#/permohonan/${r.nomor}` }, h('span.mono', null, r.nomor), ' · ', label(ctx.ref.request_types, r.jenis), ' · ', r.nama),
                h('span.muted', null, fmtTime(r.created_at)))))
          : h('p.empty', null, t('requests.empty')))),
  );
}
