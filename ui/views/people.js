// @ts-check
// Pengguna TTE: the people on file, searchable.
import * as api from '../api.js';
import { h, clear, debounce } from '../dom.js';
import { t } from '../i18n.js';

/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const search = h('input', { type: 'search', id: 'people-search', placeholder: t('people.search'), 'aria-label': t('people.search') });
  const body = h('div');
  root.appendChild(h('div.page', null, h('header.page-head', null, h('h1', null, t('people.title'))), h('div.toolbar', null, search), body));
  const label = (/** @type {any[]} */ list, /** @type {string} */ v) => list.find((x) => x.value === v)?.label || v;
  const load = async () => {
    const people = await api.listPeople(/** @type {HTMLInputElement} */ (search).value);
    clear(body);
    if (!people.length) {
      body.appendChild(h('p.empty', null, t('people.empty')));
      return;
    }
    body.appendChild(h('table.data', { id: 'people-table' },
      h('thead', null, h('tr', null, [t('person.nama'), t('person.nik'), t('person.nip'), t('person.jenis_pegawai'), t('person.jabatan'), t('person.unit_kerja')].map((c) => h('th', null, c)))),
      h('tbody', null, people.map((/** @type {any} */ p) => h('tr', null,
        h('td', null, p.nama), h('td.mono', null, p.nik), h('td.mono', null, p.nip || '-'),
        h('td', null, label(ctx.ref.staff_kinds, p.jenis_pegawai)), h('td', null, p.jabatan), h('td', null, p.unit_kerja))))));
  };
  search.addEventListener('input', debounce(load, 200));
  await load();
  search.focus();
}
