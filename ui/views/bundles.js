// @ts-check
// Offline handoff bundles (.loket on a USB stick). On the request list:
// "Impor bundel…" (verifiers, admins) or "Impor status dari kantor…"
// (applicants) opens the native dialog, shows what the bundle holds and
// what importing changes, and asks before anything is written. On the
// request page: export buttons, where the request came from, and for the
// applicant the office's status and letters (read-only).
import * as api from '../api.js';
import { h, clear, fmtTime, toast } from '../dom.js';
import { t } from '../i18n.js';

/** The UI language's half of a core Text. @param {any} text */
function tx(text) {
  if (!text) return '';
  return text[document.documentElement.lang === 'en' ? 'en' : 'id'] || text.id || '';
}

/** @param {any[]} list @param {string} v */
const label = (list, v) => list.find((x) => x.value === v)?.label || v;

/**
 * The import button of the request list, and the area where its preview
 * appears. Null for roles that import nothing.
 * @param {import('../main.js').Ctx} ctx
 * @param {HTMLElement} area
 */
export function importButton(ctx, area) {
  const role = ctx.me.role;
  if (role === 'pemohon') {
    return h('button', { type: 'button', id: 'bundle-import', onclick: () => startImport(area, ctx) }, t('bundle.import_status'));
  }
  if (role === 'admin' || role === 'verifikator') {
    return h('button', { type: 'button', id: 'bundle-import', onclick: () => startImport(area, ctx) }, t('bundle.import'));
  }
  return null;
}

/**
 * Opens the dialog, checks the chosen bundle and shows its preview in
 * `area`; a refused bundle shows its reason there.
 * @param {HTMLElement} area @param {import('../main.js').Ctx} ctx
 */
export async function startImport(area, ctx) {
  clear(area);
  try {
    const pick = await api.bundleImportPick();
    if (!pick) return;
    area.appendChild(previewPanel(pick, ctx, area));
  } catch (e) {
    area.appendChild(h('section.card.rejected-panel', { id: 'bundle-error' },
      h('h2', null, t('bundle.refused')),
      h('p.form-error', null, /** @type {any} */ (e).message)));
  }
}

/** @param {any} action @param {string} nomor */
function actionText(action, nomor) {
  switch (action) {
    case 'create': return t('bundle.action.create');
    case 'update': return t('bundle.action.update', { nomor });
    case 'unchanged': return t('bundle.action.unchanged', { nomor });
    case 'status': return t('bundle.action.status', { nomor });
    default: return t('bundle.action.status_unchanged', { nomor });
  }
}

/** @param {string} action */
function acceptText(action) {
  if (action === 'update') return t('bundle.accept.update');
  if (action === 'status') return t('bundle.accept.status');
  return t('bundle.accept.create');
}

/**
 * @param {{path: string, preview: any}} pick
 * @param {import('../main.js').Ctx} ctx
 * @param {HTMLElement} area
 */
function previewPanel(pick, ctx, area) {
  const p = pick.preview;
  const r = p.request;
  const nomor = p.local ? p.local.nomor : '';
  const src = p.source;
  const error = h('div.form-error', { role: 'alert', id: 'bundle-apply-error' });
  const done = p.action === 'unchanged' || p.action === 'status_unchanged';
  const accept = h('button.primary', {
    type: 'button', id: 'bundle-accept', disabled: !!p.blocked,
    onclick: async () => {
      error.textContent = '';
      /** @type {HTMLButtonElement} */ (accept).disabled = true;
      try {
        const out = await api.bundleImportApply(pick.path, p.content_sha256, p.action === 'update');
        toast(t(out.action === 'update' ? 'bundle.done.update' : out.action === 'status' ? 'bundle.done.status' : 'bundle.done.create', { nomor: out.request.nomor }), 'ok');
        clear(area);
        ctx.go(`#/permohonan/${out.request.nomor}`);
      } catch (e) {
        error.textContent = /** @type {any} */ (e).message;
        /** @type {HTMLButtonElement} */ (accept).disabled = false;
      }
    },
  }, acceptText(p.action));
  const open = h('button.primary', { type: 'button', id: 'bundle-open', onclick: () => { clear(area); ctx.go(`#/permohonan/${nomor}`); } }, t('bundle.open_request'));

  const person = p.person;
  const personRows = person ? [
    [t('person.nama'), person.nama], [t('person.nik'), person.nik], [t('person.nip'), person.nip || '-'],
    [t('person.jenis_pegawai'), label(ctx.ref.staff_kinds, person.jenis_pegawai)], [t('person.golongan'), person.golongan || '-'],
    [t('person.jabatan'), person.jabatan], [t('person.unit_kerja'), person.unit_kerja],
    [t('person.email'), person.email], [t('person.telepon'), person.telepon || '-'],
  ] : [];
  const status = p.status;
  const changes = [...p.person_changes, ...p.request_changes];
  return h('section.card.warn-card', { id: 'bundle-preview', dataset: { action: p.action } },
    h('h2', null, t('bundle.preview_title'), ' · ', tx(p.kind_label)),
    h('p', { id: 'bundle-action' }, h('strong', null, actionText(p.action, nomor))),
    p.blocked ? h('p.form-error', { id: 'bundle-blocked' }, `${t('bundle.blocked')}: ${tx(p.blocked)}`) : null,
    p.warnings.length ? h('ul.warnings', { id: 'bundle-warnings' }, p.warnings.map((/** @type {any} */ w) => h('li.warn-text', null, tx(w)))) : null,
    h('div.grid2', null,
      h('div', null,
        h('h3', null, t('bundle.section.request')),
        h('dl.kv', null,
          h('dt', null, t('request.jenis')), h('dd', null, tx(p.jenis_label)),
          p.alasan_label ? [h('dt', null, t('request.alasan')), h('dd', null, tx(p.alasan_label), r.alasan_teks ? ` — ${r.alasan_teks}` : '')] : null,
          r.catatan ? [h('dt', null, t('form.catatan')), h('dd', null, r.catatan)] : null,
          h('dt', null, t('bundle.nomor_asal')), h('dd.mono', null, r.nomor),
          h('dt', null, t('bundle.made')), h('dd', null, fmtTime(p.created_at)),
          h('dt', null, t('bundle.from')), h('dd', null, src ? `${src.nama_pengguna} (${src.user})${src.instansi ? `, ${src.instansi}` : ''}` : '-'),
          h('dt', null, t('bundle.file')), h('dd', null, `${pick.path} (${tx(p.file_size)})`))),
      person ? h('div', { id: 'bundle-person' },
        h('h3', null, t('request.section.person')),
        h('dl.kv', null, personRows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]))) : null,
      status ? h('div', { id: 'bundle-status' },
        h('h3', null, t('bundle.section.status')),
        h('dl.kv', null,
          h('dt', null, t('bundle.office_nomor')), h('dd.mono', null, status.nomor),
          h('dt', null, t('cert.status')), h('dd', null, tx(p.status_label)),
          status.current_step ? [h('dt', null, t('bundle.step')), h('dd', null, `${status.current_step}. ${status.current_activity || ''}`)] : null,
          status.certificate ? [h('dt', null, t('bundle.certificate')), h('dd', null, `${status.certificate.status} · ${t('cert.expires')} ${status.certificate.expires_on || '-'}`)] : null)) : null),
    changes.length ? [h('h3', null, t('bundle.section.changes')),
      h('table.data.compact', { id: 'bundle-changes' },
        h('thead', null, h('tr', null, [t('bundle.col.field'), t('bundle.col.old'), t('bundle.col.new')].map((c) => h('th', null, c)))),
        h('tbody', null, changes.map((/** @type {any} */ c) => h('tr', { dataset: { field: c.field } },
          h('td', null, tx(c.label)), h('td', null, c.old ?? '-'), h('td', null, h('strong', null, c.new ?? '-'))))))] : null,
    h('h3', null, t('bundle.section.files', { n: p.files.length, size: tx(p.total_size) })),
    p.files.length ? h('table.data.compact', { id: 'bundle-files' },
      h('thead', null, h('tr', null, [t('doc.kind'), t('doc.name'), t('doc.size'), ''].map((c) => h('th', null, c)))),
      h('tbody', null, p.files.map((/** @type {any} */ f) => h('tr', { dataset: { kind: f.kind, change: f.change } },
        h('td', null, tx(f.kind_label)),
        h('td', null, f.original_name),
        h('td', null, tx(f.size_text)),
        h('td', null, f.change === 'new' ? h('span.badge', null, t('bundle.new')) : h('span.muted.small', null, t('bundle.same')))))))
      : h('p.muted', null, t('doc.none')),
    p.files_removed.length ? [h('h3', null, t('bundle.section.removed')),
      h('ul', { id: 'bundle-removed' }, p.files_removed.map((/** @type {any} */ f) => h('li', null, `${tx(f.kind_label)}: ${f.original_name} (${tx(f.size_text)})`)))] : null,
    error,
    h('div.actions', null,
      h('button', { type: 'button', id: 'bundle-cancel', onclick: () => clear(area) }, t('form.cancel')),
      done ? open : accept));
}

/**
 * The bundle card of the request page: export, where the request came
 * from, and the office's status for the applicant.
 * @param {string} key @param {import('../main.js').Ctx} ctx
 */
export async function bundleCard(key, ctx) {
  const role = ctx.me.role;
  const info = await api.requestBundles(key);
  const result = h('div', { id: 'bundle-result', role: 'status' });
  const area = h('div', { id: 'bundle-area' });
  /** @param {'request'|'status'} kind */
  const exportAs = async (kind) => {
    clear(result);
    try {
      const s = await api.bundleExportDialog(key, kind);
      if (s) result.appendChild(h('p.ok-text', null, t('bundle.exported', { path: s.path, size: tx(s.file_size), n: s.files })));
    } catch (e) { result.appendChild(h('p.form-error', null, /** @type {any} */ (e).message)); }
  };
  // An applicant sees only their own requests.
  const mine = role === 'pemohon';
  const office = role === 'admin' || role === 'verifikator';
  const buttons = [
    mine ? h('button', { type: 'button', id: 'bundle-export', onclick: () => exportAs('request') }, t('bundle.export')) : null,
    mine ? h('button', { type: 'button', id: 'bundle-import-status', onclick: () => startImport(area, ctx) }, t('bundle.import_status')) : null,
    office ? h('button', { type: 'button', id: 'bundle-export-status', onclick: () => exportAs('status') }, t('bundle.export_status')) : null,
  ].filter(Boolean);
  const fromApplicant = info.received.filter((/** @type {any} */ b) => b.kind === 'request');
  if (!buttons.length && !fromApplicant.length && !info.office_status) return null;
  return h('section.card', { id: 'bundle-card' },
    h('h2', null, t('bundle.title')),
    h('p.muted.small', null, mine ? t('bundle.lead_applicant') : t('bundle.lead_office')),
    buttons.length ? h('div.actions.left', null, buttons) : null,
    result,
    fromApplicant.length ? h('div', { id: 'bundle-received' },
      h('h3', null, t('bundle.received')),
      h('ul.simple-list', null, fromApplicant.map((/** @type {any} */ b) => h('li', null,
        h('span', null, t(b.action === 'update' ? 'bundle.received_update' : 'bundle.received_create', {
          nomor: b.nomor_asal || '-',
          who: b.source ? `${b.source.nama_pengguna}${b.source.instansi ? `, ${b.source.instansi}` : ''}` : '-',
        })),
        h('span.muted.small', null, fmtTime(b.imported_at)))))) : null,
    info.office_status ? officeStatus(info.office_status) : null,
    area);
}

/** The office's view, read-only, with its letters. @param {any} s */
function officeStatus(s) {
  const st = s.status;
  const kinds = /** @type {Record<string, string>} */ ({
    submit: t('hist.submit'), done: t('hist.done'), skipped: t('hist.skipped'), return: t('hist.return'),
    reject: t('hist.reject'), cancel: t('hist.cancel'), resubmit: t('hist.resubmit'), reason_corrected: t('hist.reason'),
  });
  return h('div', { id: 'office-status' },
    h('h3', null, t('bundle.office_status')),
    h('p.muted.small', null, t('bundle.office_status_note', { at: fmtTime(st.updated_at), received: fmtTime(s.received_at) })),
    h('dl.kv', null,
      h('dt', null, t('bundle.office_nomor')), h('dd.mono', null, st.nomor),
      h('dt', null, t('cert.status')), h('dd', null, h(`span.badge.status-${st.status}`, { id: 'office-status-badge' }, tx(s.status_label))),
      st.current_step ? [h('dt', null, t('bundle.step')), h('dd', { id: 'office-step' }, `${st.current_step}. ${st.current_activity || ''}`, st.current_actor ? h('div.muted.small', null, st.current_actor) : null)] : null,
      st.certificate ? [h('dt', null, t('bundle.certificate')), h('dd', null, `${st.certificate.status} · ${t('cert.expires')} ${st.certificate.expires_on || '-'}`)] : null),
    s.files.length ? [h('h3', null, t('bundle.letters')),
      h('ul.simple-list', { id: 'office-letters' }, s.files.map((/** @type {any} */ f) => h('li', { dataset: { file: String(f.id) } },
        h('span', null, `${tx(f.kind_label)}: ${f.original_name} (${tx(f.size_text)})`),
        h('button', { type: 'button', class: 'small-btn', onclick: async () => {
          try { await api.openBundleFile(f.id); } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
        } }, t('bundle.open')))))] : null,
    st.history.length ? h('details', null, h('summary', null, t('bundle.office_history')),
      h('table.data.compact', { id: 'office-history' },
        h('tbody', null, st.history.map((/** @type {any} */ e) => h('tr', null,
          h('td', null, fmtTime(e.acted_at)),
          h('td', null, `${kinds[e.kind] || e.kind}${e.step_no ? ` · ${t('hist.step')} ${e.step_no}` : ''}`),
          h('td', null, e.note || '')))))) : null);
}
