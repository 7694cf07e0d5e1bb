// @ts-check
// One request: its data and the applicant. The SOP timeline, documents and
// letters are added by their own modules.
import * as api from '../api.js';
import { h, fmtTime } from '../dom.js';
import { t } from '../i18n.js';

/** @param {HTMLElement} root @param {{key: string}} params @param {import('../main.js').Ctx} ctx */
export async function render(root, params, ctx) {
  const req = await api.getRequest(decodeURIComponent(params.key));
  const person = await api.getPerson(req.person_id);
  const label = (/** @type {any[]} */ list, /** @type {string} */ v) => list.find((x) => x.value === v)?.label || v;
  const dl = (/** @type {Array<[string, any]>} */ rows) =>
    h('dl.kv', null, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v ?? '-')]));
  root.appendChild(
    h('div.page', { id: 'request-page', dataset: { nomor: req.nomor } },
      h('header.page-head', null,
        h('div', null,
          h('h1', null, h('span.mono', null, req.nomor), ' · ', label(ctx.ref.request_types, req.jenis)),
          h('p.muted', null, person.nama, ' · ', person.unit_kerja)),
        h(`span.badge.big.status-${req.status}`, { id: 'request-status' }, label(ctx.ref.request_statuses, req.status))),
      h('div.grid2',
        null,
        h('section.card', null,
          h('h2', null, t('request.section.request')),
          dl([
            [t('request.nomor'), req.nomor],
            [t('request.jenis'), label(ctx.ref.request_types, req.jenis)],
            [t('request.alasan'), req.alasan ? `${label(ctx.ref.reasons, req.alasan)}${req.alasan_teks ? ` — ${req.alasan_teks}` : ''} (CRL ${req.alasan_crl})` : null],
            [t('request.attempt'), String(req.attempt)],
            [t('request.created'), fmtTime(req.created_at)],
            [t('request.updated'), fmtTime(req.updated_at)],
            [t('form.catatan'), req.catatan],
          ])),
        h('section.card', null,
          h('h2', null, t('request.section.person')),
          dl([
            [t('person.nama'), person.nama],
            [t('person.nama_tanpa_gelar'), person.nama_tanpa_gelar],
            [t('person.nik'), person.nik],
            [t('person.nip'), person.nip],
            [t('person.jenis_pegawai'), label(ctx.ref.staff_kinds, person.jenis_pegawai)],
            [t('person.golongan'), person.golongan],
            [t('person.jabatan'), person.jabatan],
            [t('person.unit_kerja'), person.unit_kerja],
            [t('person.email'), person.email],
            [t('person.telepon'), person.telepon],
          ]))),
    ),
  );
}
