// @ts-check
// Pengguna TTE: every person with their certificate status, searchable and
// filterable (FTS5 in the core), counts per status and per unit, the expiry
// radar with a batch of renewal requests, the revoked list (like a CRL), and
// spreadsheets in and out.
import * as api from '../api.js';
import { h, add, clear, debounce, toast } from '../dom.js';
import { t } from '../i18n.js';
import { progressBox } from './progress.js';

const PAGE = 50;
const STATUSES = ['aktif', 'kedaluwarsa', 'dicabut', 'ditangguhkan', 'belum'];

/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const page = h('div.page', { id: 'registry-page' });
  root.appendChild(page);
  const totals = await api.registryTotals();
  const tabs = [
    ['daftar', t('reg.tab.list')],
    ['radar', t('reg.tab.radar', { n: totals.segera_kedaluwarsa })],
    ['dicabut', t('reg.tab.revoked')],
    ['unit', t('reg.tab.units')],
    ...(['admin', 'verifikator'].includes(ctx.me.role) ? [['impor', t('reg.tab.import')]] : []),
  ];
  const body = h('div', { id: 'registry-body' });
  const tabBar = h('div.tabs', { role: 'tablist' }, tabs.map(([id, label]) =>
    h('button', { type: 'button', role: 'tab', id: `tab-${id}`, dataset: { tab: id }, onclick: () => show(id) }, label)));
  add(page,
    h('header.page-head', null, h('h1', null, t('people.title')),
      h('button', { type: 'button', id: 'registry-export', onclick: () => exportList({}) }, t('reg.export'))),
    h('div.stats', { id: 'registry-totals' },
      h('div.stat', null, h('div.stat-value', { id: 'total-aktif' }, String(totals.aktif)), h('div.stat-label', null, t('reg.status.aktif'))),
      h('div.stat', null, h('div.stat-value', null, String(totals.segera_kedaluwarsa)), h('div.stat-label', null, t('reg.expiring30'))),
      h('div.stat', null, h('div.stat-value', null, String(totals.kedaluwarsa)), h('div.stat-label', null, t('reg.status.kedaluwarsa'))),
      h('div.stat', null, h('div.stat-value', null, String(totals.dicabut)), h('div.stat-label', null, t('reg.status.dicabut'))),
      h('div.stat', null, h('div.stat-value', null, String(totals.pegawai)), h('div.stat-label', null, t('reg.people')))),
    tabBar, body);

  /** @param {string} id */
  async function show(id) {
    for (const b of tabBar.querySelectorAll('button')) b.classList.toggle('active', /** @type {HTMLElement} */ (b).dataset.tab === id);
    clear(body);
    if (id === 'daftar') await listTab(body, ctx);
    else if (id === 'radar') await radarTab(body, ctx);
    else if (id === 'dicabut') await revokedTab(body);
    else if (id === 'unit') await unitTab(body);
    else if (id === 'impor') await importTab(body, () => { clear(root); render(root, _params, ctx); });
  }
  await show('daftar');
}

/** @param {any} query */
async function exportList(query) {
  try {
    const r = await api.exportRegistryDialog(query);
    if (r) toast(t('reg.exported', { rows: r.rows, path: r.path }), 'ok');
  } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
}

/** @param {string | null} s */
const statusBadge = (s) => h(`span.badge.reg-${s}`, null, s ? t(`reg.status.${s}`) : '-');

/** @param {HTMLElement} body @param {import('../main.js').Ctx} _ctx */
async function listTab(body, _ctx) {
  const units = await api.activePerUnit();
  const search = h('input', { type: 'search', id: 'people-search', placeholder: t('people.search'), 'aria-label': t('people.search') });
  const status = h('select', { id: 'registry-status', 'aria-label': t('reg.status') },
    h('option', { value: '' }, t('reg.all_status')), STATUSES.map((s) => h('option', { value: s }, t(`reg.status.${s}`))));
  const unit = h('select', { id: 'registry-unit', 'aria-label': t('person.unit_kerja') },
    h('option', { value: '' }, t('reg.all_units')), units.map((/** @type {any} */ u) => h('option', { value: u.unit_kerja }, u.unit_kerja)));
  const sort = h('select', { id: 'registry-sort', 'aria-label': t('reg.sort') },
    ['nama', 'nik', 'unit_kerja', 'berlaku_sampai'].map((s) => h('option', { value: s }, t(`reg.sort.${s}`))));
  const table = h('div');
  const pager = h('div.pager');
  let offset = 0;
  const query = () => ({
    search: /** @type {HTMLInputElement} */ (search).value || null,
    status: /** @type {HTMLSelectElement} */ (status).value || null,
    unit: /** @type {HTMLSelectElement} */ (unit).value || null,
    sort: /** @type {HTMLSelectElement} */ (sort).value,
    limit: PAGE,
    offset,
  });
  const load = async () => {
    const result = await api.registry(query());
    clear(table);
    clear(pager);
    if (!result.rows.length) { table.appendChild(h('p.empty', null, t('people.empty'))); return; }
    table.appendChild(h('table.data', { id: 'people-table' },
      h('thead', null, h('tr', null, [t('person.nama'), t('person.nik'), t('person.nip'), t('person.unit_kerja'), t('reg.status'), t('cert.expires')].map((c) => h('th', null, c)))),
      h('tbody', null, result.rows.map((/** @type {any} */ r) => h('tr', { dataset: { nik: r.nik } },
        h('td', null, r.nama, h('div.small.muted', null, r.jabatan)),
        h('td.mono', null, r.nik), h('td.mono', null, r.nip || '-'), h('td', null, r.unit_kerja),
        h('td', null, statusBadge(r.status), r.status_bsre ? h('div.small.muted', null, r.status_bsre) : null),
        h('td', null, r.expires_on || '-', r.days_to_expiry !== null && r.days_to_expiry >= 0 && r.days_to_expiry <= 30 ? h('div.small.warn-text', null, t('reg.days_left', { n: r.days_to_expiry })) : null))))));
    add(pager,
      h('span.muted', null, t('reg.showing', { from: offset + 1, to: offset + result.rows.length, total: result.total })),
      offset > 0 ? h('button', { type: 'button', onclick: () => { offset = Math.max(0, offset - PAGE); load(); } }, t('reg.prev')) : null,
      offset + PAGE < result.total ? h('button', { type: 'button', id: 'registry-next', onclick: () => { offset += PAGE; load(); } }, t('reg.next')) : null,
      h('button', { type: 'button', onclick: () => exportList({ ...query(), limit: null, offset: null }) }, t('reg.export_filtered')));
  };
  const reload = debounce(() => { offset = 0; load(); }, 200);
  search.addEventListener('input', reload);
  for (const s of [status, unit, sort]) s.addEventListener('change', () => { offset = 0; load(); });
  add(body, h('div.toolbar', null, search, status, unit, sort), table, pager);
  await load();
  search.focus();
}

/** @param {HTMLElement} body @param {import('../main.js').Ctx} ctx */
async function radarTab(body, ctx) {
  const rows = await api.expiring(30);
  const results = h('div', { id: 'renewal-results' });
  if (!rows.length) { body.appendChild(h('p.empty', null, t('reg.radar.none'))); return; }
  const mayRenew = ['admin', 'verifikator'].includes(ctx.me.role);
  add(body, h('p.muted', null, t('reg.radar.lead')),
    h('table.data', { id: 'radar-table' },
      h('thead', null, h('tr', null, mayRenew ? h('th', null, h('input', { type: 'checkbox', id: 'radar-all', 'aria-label': t('reg.radar.all'), onchange: (/** @type {Event} */ e) => {
        for (const c of body.querySelectorAll('input[name=renew]')) /** @type {HTMLInputElement} */ (c).checked = /** @type {HTMLInputElement} */ (e.target).checked;
      } })) : null, [t('person.nama'), t('person.unit_kerja'), t('cert.expires'), t('reg.days')].map((c) => h('th', null, c)))),
      h('tbody', null, rows.map((/** @type {any} */ r) => h('tr', null,
        mayRenew ? h('td', null, h('input', { type: 'checkbox', name: 'renew', value: String(r.id), 'aria-label': r.nama })) : null,
        h('td', null, r.nama), h('td', null, r.unit_kerja), h('td', null, r.expires_on), h('td', null, String(r.days_to_expiry)))))),
    mayRenew ? h('div.actions.left', null, h('button.primary', { type: 'button', id: 'start-renewals', onclick: async () => {
      const ids = [...body.querySelectorAll('input[name=renew]:checked')].map((c) => Number(/** @type {HTMLInputElement} */ (c).value));
      if (!ids.length) { toast(t('reg.radar.pick'), 'info'); return; }
      clear(results);
      try {
        const r = await api.startRenewals(ids);
        const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
        add(results, h('p.ok-text', null, t('reg.radar.done', { created: r.created, failed: r.failed })),
          h('ul', null, r.items.map((/** @type {any} */ i) => h('li', null, i.nama || i.person_id, ': ',
            i.request ? h('a', { href: `#/permohonan/${i.request}` }, i.request) : h('span.warn-text', null, i.error ? i.error[lang] : '')))));
      } catch (e) { results.appendChild(h('p.form-error', null, /** @type {any} */ (e).message)); }
    } }, t('reg.radar.renew'))) : null,
    results);
}

/** @param {HTMLElement} body */
async function revokedTab(body) {
  const rows = await api.revokedList();
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  if (!rows.length) { body.appendChild(h('p.empty', null, t('reg.revoked.none'))); return; }
  add(body, h('p.muted', null, t('reg.revoked.lead')),
    h('table.data', { id: 'revoked-table' },
      h('thead', null, h('tr', null, [t('person.nama'), t('person.nik'), t('person.unit_kerja'), t('cert.revoked'), t('cert.reason'), t('reg.crl')].map((c) => h('th', null, c)))),
      h('tbody', null, rows.map((/** @type {any} */ r) => h('tr', null,
        h('td', null, r.nama), h('td.mono', null, r.nik), h('td', null, r.unit_kerja), h('td', null, r.revoked_on || '-'),
        h('td', null, r.reason_text[lang]), h('td', null, `${r.crl_code} (${r.crl_name})`))))));
}

/** @param {HTMLElement} body */
async function unitTab(body) {
  const units = await api.activePerUnit();
  add(body, h('table.data', { id: 'units-table' },
    h('thead', null, h('tr', null, [t('person.unit_kerja'), t('reg.people'), ...STATUSES.map((s) => t(`reg.status.${s}`))].map((c) => h('th', null, c)))),
    h('tbody', null, units.map((/** @type {any} */ u) => h('tr', null, h('td', null, u.unit_kerja), h('td', null, String(u.pegawai)),
      STATUSES.map((s) => h('td', null, String(u[s]))))))));
}

/** @param {HTMLElement} body @param {() => void} onDone */
async function importTab(body, onDone) {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  const area = h('div', { id: 'import-area' });
  add(body, h('p.muted', null, t('reg.import.lead')),
    h('div.actions.left', null, h('button.primary', { type: 'button', id: 'import-pick', onclick: pick }, t('reg.import.pick'))), area);

  async function pick() {
    clear(area);
    try {
      const picked = await api.importPick();
      if (picked) showPreview(picked.path, picked.preview);
    } catch (e) { area.appendChild(h('p.form-error', null, /** @type {any} */ (e).message)); }
  }

  /** @param {string} path @param {any} p */
  function showPreview(path, p) {
    clear(area);
    const fields = ['nama', 'nama_tanpa_gelar', 'nik', 'nip', 'jenis_pegawai', 'golongan', 'jabatan', 'unit_kerja', 'email', 'telepon', 'status_sertifikat', 'terbit', 'berlaku_sampai', 'dicabut', 'alasan_pencabutan'];
    const mapping = { ...p.mapping };
    const selects = p.columns.map((/** @type {any} */ c) => {
      const sel = h('select', { dataset: { col: String(c.index) }, id: `map-${c.index}`, 'aria-label': c.header },
        h('option', { value: '' }, t('reg.import.ignore')),
        fields.map((f) => h('option', { value: f, selected: mapping[f] === c.index }, f)));
      return h('div.map-item', null, h('label', { for: `map-${c.index}` }, h('span.mono', null, `${c.letter}`), ` ${c.header}`), sel);
    });
    const c = p.counts;
    const apply = h('button.primary', { type: 'button', id: 'import-apply', disabled: !(c.new + c.update) }, t('reg.import.apply', { n: c.new + c.update }));
    add(area,
      h('p', { id: 'import-counts' }, t('reg.import.counts', { file: p.file, rows: c.rows, new: c.new, update: c.update, unchanged: c.unchanged, rejected: c.rejected })),
      p.missing.map((/** @type {any} */ m) => h('p.warn-text', null, m.message[lang])),
      p.notes.map((/** @type {any} */ n) => h('p.muted', null, n[lang])),
      h('details.mapping', null, h('summary', null, t('reg.import.mapping')), h('div.map-grid', null, selects)),
      h('table.data.compact', { id: 'import-preview' },
        h('thead', null, h('tr', null, [t('reg.import.line'), t('reg.import.action'), t('person.nama'), t('person.nik'), t('reg.import.detail')].map((x) => h('th', null, x)))),
        h('tbody', null, p.rows.slice(0, 200).map((/** @type {any} */ r) => h(`tr.import-${r.action}`, null,
          h('td', null, String(r.line)),
          h('td', null, t(`reg.import.${r.action}`)),
          h('td', null, r.nama || '-'),
          h('td.mono', null, r.nik || '-'),
          h('td', null,
            r.problems.map((/** @type {any} */ x) => h('div.warn-text', null, `${x.field}: ${x.message[lang]}`)),
            r.changes.length ? h('div.small.muted', null, r.changes.map((/** @type {any} */ ch) => `${ch.field}: ${ch.old ?? '-'} → ${ch.new ?? '-'}`).join('; ')) : null,
            r.certificate ? h('div.small.muted', null, `${r.certificate.status}${r.certificate.expires_on ? ` · ${r.certificate.expires_on}` : ''}`) : null))))),
      p.rows.length > 200 ? h('p.muted', null, t('reg.import.more', { n: p.rows.length - 200 })) : null,
      h('div.actions', null,
        h('button', { type: 'button', onclick: () => clear(area) }, t('form.cancel')),
        h('button', { type: 'button', id: 'import-remap', onclick: async () => {
          /** @type {Record<string, number>} */
          const m = {};
          for (const sel of area.querySelectorAll('select[data-col]')) {
            const v = /** @type {HTMLSelectElement} */ (sel).value;
            if (v) m[v] = Number(/** @type {HTMLElement} */ (sel).dataset.col);
          }
          try { showPreview(path, await api.importPreview(path, m)); } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
        } }, t('reg.import.remap')),
        apply));
    const progress = progressBox();
    area.appendChild(progress.element);
    apply.addEventListener('click', async () => {
      try {
        const r = await progress.run(() => api.importApply(path, p.mapping));
        toast(t('reg.import.done', { new: r.counts.new, update: r.counts.update, rejected: r.counts.rejected }), 'ok');
        onDone();
      } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
    });
  }
}
