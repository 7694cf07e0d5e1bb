// @ts-check
// One request: the SOP timeline (done, current, skipped, upcoming) with each
// step's Mutu Baku, the action for the current step, the history, and the
// applicant. Every rule is the core's: the page shows what request_view says
// the caller may do and sends what the person chose.
import * as api from '../api.js';
import { h, add, clear, fmtTime, toast, showFieldErrors } from '../dom.js';
import { t, minutesText as mins } from '../i18n.js';
import { documentsCard, amsPanelCard } from './documents_card.js';
import { lettersCard } from './request_letters.js';
import { bundleCard } from './bundles.js';

/** @param {HTMLElement} root @param {{key: string}} params @param {import('../main.js').Ctx} ctx */
export async function render(root, params, ctx) {
  const key = decodeURIComponent(params.key);
  const page = h('div.page', { id: 'request-page' });
  root.appendChild(page);
  const draw = async (/** @type {any} */ view) => {
    clear(page);
    page.dataset.nomor = view.request.nomor;
    add(page, content(view, ctx, draw, key));
    // The documents sit under the action panel; the AMS panel beside them.
    const wanted = view.current ? view.current.missing_documents : [];
    const refresh = async () => draw(await api.requestView(key));
    page.querySelector('#timeline-card')?.before(documentsCard(key, ctx, wanted, refresh));
    if (['admin', 'verifikator'].includes(ctx.me.role)) {
      page.querySelector('#certificate-card')?.after(await amsPanelCard(key));
    }
    const bundles = await bundleCard(key, ctx);
    if (bundles) page.querySelector('#certificate-card')?.before(bundles);
  };
  await draw(await api.requestView(key));
}

/** @param {any[]} list @param {string} v */
const label = (list, v) => list.find((x) => x.value === v)?.label || v;


/**
 * @param {any} view @param {import('../main.js').Ctx} ctx
 * @param {(v: any) => void} redraw @param {string} key
 */
function content(view, ctx, redraw, key) {
  const req = view.request;
  const person = view.person;
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  return [
    h('header.page-head', null,
      h('div', null,
        h('h1', null, h('span.mono', null, req.nomor), ' · ', label(ctx.ref.request_types, req.jenis)),
        h('p.muted', null, person.nama, ' · ', person.unit_kerja),
        h('p.muted.small', { id: 'request-sop' }, `SOP ${view.sop_id} v${view.sop_version} — ${view.sop_title} · ${t('request.planned')}: ${view.planned_text[lang]}`)),
      h('div.head-right', null,
        h(`span.badge.big.status-${req.status}`, { id: 'request-status' }, label(ctx.ref.request_statuses, req.status)),
        req.attempt > 1 ? h('div.muted.small', null, t('request.attempt_n', { n: req.attempt })) : null)),
    h('div.request-grid', null,
      h('div', null,
        actionPanel(view, ctx, redraw, key),
        h('section.card', { id: 'timeline-card' }, h('h2', null, t('request.timeline')), timeline(view, ctx)),
        history(view)),
      h('div', null,
        personCard(view, ctx),
        certificateCard(view),
        lettersCard(view.request.nomor),
        requestCard(view, ctx, redraw, key))),
  ];
}

/** @param {any} view @param {import('../main.js').Ctx} ctx */
function timeline(view, ctx) {
  return h('ol.timeline', { id: 'timeline' }, view.steps.map((/** @type {any} */ s) => {
    const rec = s.record;
    const cur = view.current && view.current.no === s.no ? view.current : null;
    return h(`li.step.step-${s.state}`, { dataset: { step: String(s.no), state: s.state } },
      h('div.step-no', null, String(s.no)),
      h('div.step-body', null,
        h('div.step-title', null, s.activity),
        h('div.step-meta', null,
          h('span.chip', null, s.actor),
          s.disposisi ? h('span.chip.chip-gold', null, t('step.disposisi')) : null,
          s.condition ? h('span.chip', null, t('step.conditional')) : null,
          h('span', null, `${t('step.standard')}: ${s.time_text}`),
          s.output ? h('span', null, `${t('step.output')}: ${s.output}`) : null),
        s.condition ? h('div.small.muted', null, `${t('step.condition')}: ${s.condition}`) : null,
        s.requirements.length ? h('div.small.muted', null, `${t('step.requirements')}: ${s.requirements.join('; ')}`) : null,
        s.documents.length ? h('div.small.muted', null, `${t('step.documents')}: ${s.documents.map((/** @type {string} */ d) => label(ctx.ref.doc_kinds, d)).join(', ')}`) : null,
        rec ? recordLine(s, rec) : null,
        cur ? clockLine(cur, s) : null));
  }));
}

/** @param {any} s @param {any} rec */
function recordLine(s, rec) {
  const who = rec.actor;
  const parts = [];
  if (rec.kind === 'skipped') parts.push(t('step.skipped_because'));
  else if (rec.kind === 'reject') parts.push(t('step.rejected_by', { who }));
  else if (rec.kind === 'cancel') parts.push(t('step.cancelled_by', { who }));
  else if (rec.on_behalf) parts.push(t('step.done_recorded', { who, at: fmtTime(rec.acted_at) }));
  else parts.push(t('step.done_by', { who, at: fmtTime(rec.acted_at) }));
  if (s.actual_minutes !== null && s.actual_minutes !== undefined && rec.kind === 'done') {
    parts.push(t('step.took', { time: mins(s.actual_minutes) }));
  }
  return h('div.step-record', null,
    h('div', null, parts.join(' · '), s.overdue ? h('span.badge.warn', null, t('step.over')) : null),
    rec.disposisi_to ? h('div', null, `${t('step.disposisi_to')}: ${rec.disposisi_to}`) : null,
    rec.note ? h('div.note', null, `“${rec.note}”`) : null,
    rec.checklist && rec.checklist.length ? h('div.small.muted', null, `✓ ${rec.checklist.join('; ')}`) : null,
    rec.override_reason ? h('div.small.warn-text', null, rec.override_reason) : null);
}

/** @param {any} cur @param {any} s */
function clockLine(cur, s) {
  return h('div.step-clock', null,
    h('span', null, t('step.running', { time: mins(cur.elapsed_minutes) })),
    cur.due_at ? h('span', null, ` · ${t('step.due', { at: fmtTime(cur.due_at) })}`) : null,
    cur.overdue ? h('span.badge.bad', null, t('step.overdue')) : cur.soon_due ? h('span.badge.warn', null, t('step.soon')) : null,
    cur.link_expires_at ? h('div', null, t('step.link', { at: fmtTime(cur.link_expires_at) }),
      cur.link_expired ? h('span.badge.bad', null, t('step.link_expired')) : cur.link_expiring ? h('span.badge.warn', null, t('step.link_expiring')) : null) : null,
    s.link_valid && !cur.link_expires_at ? h('div', null, s.link_valid) : null);
}

/**
 * The action for the current step, for those who may act on it.
 * @param {any} view @param {import('../main.js').Ctx} ctx @param {(v: any) => void} redraw @param {string} key
 */
function actionPanel(view, ctx, redraw, key) {
  const req = view.request;
  if (req.status === 'ditolak') return rejectedPanel(view, ctx, redraw, key);
  const cur = view.current;
  if (!cur) {
    return h('section.card.done-panel', { id: 'action-panel' }, h('strong', null,
      req.status === 'selesai' ? t('action.finished') : label(ctx.ref.request_statuses, req.status)));
  }
  const step = view.steps[cur.no - 1];
  if (!cur.acting_as) {
    return h('section.card.waiting-panel', { id: 'action-panel' },
      h('h2', null, t('action.waiting', { no: cur.no, actor: step.actor })),
      h('p.muted', null, cur.refusal ? cur.refusal[document.documentElement.lang === 'en' ? 'en' : 'id'] : ''));
  }
  const form = h('form.action-form', { id: 'step-form', novalidate: true });
  const checks = step.requirements.map((/** @type {string} */ r, /** @type {number} */ i) =>
    h('label.check', null, h('input', { type: 'checkbox', name: 'checklist', value: r, id: `chk-${i}` }), ' ', r));
  const note = h('textarea', { rows: 2, id: 'step-note', name: 'note' });
  const returnTo = h('select', { id: 'step-return-to', name: 'to' },
    view.steps.filter((/** @type {any} */ s) => s.no < cur.no).map((/** @type {any} */ s) =>
      h('option', { value: String(s.no), selected: s.no === cur.on_fail }, `${s.no}. ${s.activity}`)));
  const external = step.actor_role === 'external' || cur.acting_as === 'on_behalf';
  const at = h('input', { type: 'datetime-local', id: 'step-at', name: 'at' });
  const isCert = cur.is_last && (req.jenis === 'penerbitan' || req.jenis === 'pembaruan');
  const expires = h('input', { type: 'date', id: 'step-expires', name: 'expires_on' });
  const disposisiTo = h('input', { type: 'text', id: 'step-disposisi-to', name: 'disposisi_to', value: cur.next_actor || '' });
  const override = h('input', { type: 'text', id: 'step-override', name: 'override_documents' });
  const condYes = h('input', { type: 'radio', name: 'condition', value: 'yes', id: 'cond-yes' });
  const condNo = h('input', { type: 'radio', name: 'condition', value: 'no', id: 'cond-no' });
  const error = h('div.form-error', { role: 'alert', id: 'step-error' });

  add(form,
    h('h2', null, t('action.title', { no: cur.no }), ' ', h('span.muted.small', null, step.activity)),
    cur.acting_as === 'on_behalf' ? h('p.info', null, t('action.on_behalf', { actor: step.actor })) : null,
    cur.acting_as === 'override' ? h('p.warn-text', null, t('action.override', { actor: step.actor })) : null,
    cur.needs_condition ? h('div.field', { dataset: { field: 'condition' } },
      h('label', null, `${t('step.condition')}: ${step.condition}`),
      h('div.radios', null, h('label', null, condYes, ' ', t('action.yes')), h('label', null, condNo, ' ', t('action.no_skip'))),
      h('div.field-error', { role: 'alert' })) : null,
    checks.length ? h('div.field', { dataset: { field: 'checklist' } }, h('label', null, t('step.requirements')), h('div.checks', null, checks), h('div.field-error')) : null,
    cur.missing_documents.length ? h('div.field', { dataset: { field: 'documents' } },
      h('p.warn-text', null, t('action.missing_docs', { docs: cur.missing_documents.map((/** @type {string} */ d) => label(ctx.ref.doc_kinds, d)).join(', ') })),
      ['verifikator', 'admin'].includes(ctx.me.role) ? h('div', { dataset: { field: 'override_documents' } }, h('label', { for: 'step-override' }, t('action.override_docs')), override) : null,
      h('div.field-error')) : null,
    step.disposisi ? h('div.field', { dataset: { field: 'disposisi_to' } }, h('label', { for: 'step-disposisi-to' }, t('action.disposisi_to')), disposisiTo, h('div.field-error')) : null,
    h('div.field', { dataset: { field: 'note' } }, h('label', { for: 'step-note' }, step.disposisi ? t('action.disposisi_note') : t('action.note')), note, h('div.field-error')),
    external ? h('div.field', { dataset: { field: 'at' } }, h('label', { for: 'step-at' }, t('action.at')), at, h('div.hint', null, t('action.at_hint')), h('div.field-error')) : null,
    isCert ? h('div.field', { dataset: { field: 'expires_on' } }, h('label', { for: 'step-expires' }, t('action.expires')), expires, h('div.hint', null, t('action.expires_hint')), h('div.field-error')) : null,
    error,
    h('div.actions', null,
      cur.no > 1 ? h('div.return-box', null, returnTo, h('button', { type: 'button', id: 'step-return', onclick: () => send('return') }, t('action.return'))) : null,
      h('button.danger', { type: 'button', id: 'step-reject', onclick: () => send('reject') }, t('action.reject')),
      h('button.primary', { type: 'submit', id: 'step-done' }, t('action.done'))));

  /** @param {'done'|'return'|'reject'} outcome */
  async function send(outcome) {
    error.textContent = '';
    const v = (/** @type {HTMLInputElement} */ el) => el.value.trim() || null;
    const condition = /** @type {HTMLInputElement} */ (condYes).checked ? true : /** @type {HTMLInputElement} */ (condNo).checked ? false : null;
    const atValue = /** @type {HTMLInputElement} */ (at).value;
    const action = {
      outcome,
      step: cur.no,
      to: outcome === 'return' ? Number(/** @type {HTMLSelectElement} */ (returnTo).value) || null : null,
      note: v(/** @type {any} */ (note)),
      at: atValue ? new Date(atValue).toISOString() : null,
      condition,
      checklist: [...form.querySelectorAll('input[name=checklist]:checked')].map((c) => /** @type {HTMLInputElement} */ (c).value),
      disposisi_to: step.disposisi ? v(/** @type {any} */ (disposisiTo)) : null,
      expires_on: isCert && /** @type {HTMLInputElement} */ (expires).value ? /** @type {HTMLInputElement} */ (expires).value : null,
      override_documents: v(/** @type {any} */ (override)),
    };
    try {
      const next = await api.actOnStep(key, action);
      toast(t(outcome === 'done' ? 'action.saved_done' : outcome === 'return' ? 'action.saved_return' : 'action.saved_reject'), 'ok');
      redraw(next);
    } catch (e) {
      const err = /** @type {any} */ (e);
      const unplaced = showFieldErrors(form, err.fields || []);
      error.textContent = (err.fields || []).length ? unplaced.join(' ') : err.message;
    }
  }
  form.addEventListener('submit', (ev) => { ev.preventDefault(); send('done'); });
  return h('section.card.action-panel', { id: 'action-panel' }, form);
}

/** @param {any} view @param {import('../main.js').Ctx} ctx @param {(v: any) => void} redraw @param {string} key */
function rejectedPanel(view, ctx, redraw, key) {
  const last = [...view.history].reverse().find((/** @type {any} */ e) => e.kind === 'reject');
  const note = h('textarea', { rows: 2, id: 'resubmit-note' });
  const may = ['admin', 'verifikator', 'pemohon'].includes(ctx.me.role);
  return h('section.card.rejected-panel', { id: 'action-panel' },
    h('h2', null, t('action.rejected_title')),
    last && last.note ? h('p', null, `“${last.note}”`) : null,
    may ? [h('label', { for: 'resubmit-note' }, t('action.resubmit_note')), note,
      h('div.actions', null, h('button.primary', { type: 'button', id: 'resubmit', onclick: async () => {
        try {
          redraw(await api.resubmitRequest(key, /** @type {HTMLTextAreaElement} */ (note).value || null));
          toast(t('action.resubmitted'), 'ok');
        } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
      } }, t('action.resubmit')))] : null);
}

/** @param {any} view */
function history(view) {
  const kinds = /** @type {Record<string, string>} */ ({
    submit: t('hist.submit'), done: t('hist.done'), skipped: t('hist.skipped'), return: t('hist.return'),
    reject: t('hist.reject'), cancel: t('hist.cancel'), resubmit: t('hist.resubmit'), reason_corrected: t('hist.reason'),
  });
  return h('section.card', null, h('h2', null, t('request.history')),
    h('table.data.compact', { id: 'history' },
      h('thead', null, h('tr', null, [t('hist.when'), t('hist.who'), t('hist.what'), t('hist.note')].map((c) => h('th', null, c)))),
      h('tbody', null, view.history.map((/** @type {any} */ e) => h('tr', null,
        h('td', null, fmtTime(e.acted_at)),
        h('td', null, e.actor, e.on_behalf ? h('span.muted', null, ` (${t('hist.on_behalf')})`) : null),
        h('td', null, `${kinds[e.kind] || e.kind}${e.step_no ? ` · ${t('hist.step')} ${e.step_no}` : ''}${e.to_step && e.kind === 'return' ? ` → ${e.to_step}` : ''}${e.attempt > 1 ? ` (#${e.attempt})` : ''}`),
        h('td', null, e.note || (e.kind === 'submit' && e.data ? `SOP ${e.data.sop} v${e.data.versi}` : ''), e.override_reason ? h('div.small.warn-text', null, e.override_reason) : null))))));
}

/** @param {any} view @param {import('../main.js').Ctx} ctx */
function personCard(view, ctx) {
  const p = view.person;
  const rows = [
    [t('person.nama'), p.nama], [t('person.nama_tanpa_gelar'), p.nama_tanpa_gelar], [t('person.nik'), p.nik],
    [t('person.nip'), p.nip || '-'], [t('person.jenis_pegawai'), label(ctx.ref.staff_kinds, p.jenis_pegawai)],
    [t('person.golongan'), p.golongan || '-'], [t('person.jabatan'), p.jabatan], [t('person.unit_kerja'), p.unit_kerja],
    [t('person.email'), p.email], [t('person.telepon'), p.telepon || '-'],
  ];
  const changes = view.request.data_baru;
  return h('section.card', null, h('h2', null, t('request.section.person')),
    h('dl.kv', null, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
    changes ? h('div', null, h('h3', null, t('request.data_baru')),
      h('dl.kv', null, Object.entries(changes).filter(([k, v]) => v !== /** @type {any} */ (p)[k]).map(([k, v]) => [h('dt', null, k), h('dd', null, String(v ?? '-'))]))) : null);
}

/** @param {any} view */
function certificateCard(view) {
  const c = view.certificate;
  return h('section.card', { id: 'certificate-card' }, h('h2', null, t('request.certificate')),
    c ? h('dl.kv', null,
      h('dt', null, t('cert.status')), h('dd', null, h('span.badge', { id: 'certificate-status' }, c.status)),
      h('dt', null, t('cert.issued')), h('dd', null, c.issued_on || '-'),
      h('dt', null, t('cert.expires')), h('dd', null, c.expires_on || '-'),
      c.revoked_on ? [h('dt', null, t('cert.revoked')), h('dd', null, c.revoked_on)] : null,
      c.revocation ? [h('dt', null, t('cert.reason')), h('dd', null, `${c.revocation.wording} (CRL ${c.revocation.crl})`)] : null)
      : h('p.muted', null, t('cert.none')));
}

/** @param {any} view @param {import('../main.js').Ctx} ctx @param {(v: any) => void} redraw @param {string} key */
function requestCard(view, ctx, redraw, key) {
  const req = view.request;
  const canCancel = ['diproses', 'ditolak'].includes(req.status) && ['admin', 'verifikator', 'pemohon'].includes(ctx.me.role);
  const rows = [
    [t('request.nomor'), req.nomor],
    [t('request.jenis'), label(ctx.ref.request_types, req.jenis)],
    [t('request.alasan'), req.alasan ? `${label(ctx.ref.reasons, req.alasan)}${req.alasan_teks ? ` — ${req.alasan_teks}` : ''} (CRL ${req.alasan_crl})` : '-'],
    [t('request.created'), fmtTime(req.created_at)],
    [t('request.updated'), fmtTime(req.updated_at)],
    [t('form.catatan'), req.catatan || '-'],
  ];
  const box = h('section.card', null, h('h2', null, t('request.section.request')),
    h('dl.kv', null, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])));
  if (req.jenis === 'pencabutan' && ['admin', 'verifikator'].includes(ctx.me.role)) {
    const sel = h('select', { id: 'reason-fix' }, ctx.ref.reasons.map((r) => h('option', { value: r.value, selected: r.value === req.alasan }, r.label)));
    const txt = h('input', { type: 'text', id: 'reason-fix-text', placeholder: t('form.alasan_teks') });
    box.appendChild(h('details', null, h('summary', null, t('request.correct_reason')), sel, txt,
      h('button', { type: 'button', onclick: async () => {
        try {
          await api.correctReason(key, /** @type {HTMLSelectElement} */ (sel).value, /** @type {HTMLInputElement} */ (txt).value || null);
          toast(t('settings.saved'), 'ok');
          redraw(await api.requestView(key));
        } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
      } }, t('form.save'))));
  }
  if (canCancel) {
    const why = h('input', { type: 'text', id: 'cancel-note', placeholder: t('request.cancel_reason') });
    box.appendChild(h('details', null, h('summary', null, t('request.cancel')), why,
      h('button.danger', { type: 'button', id: 'cancel-request', onclick: async () => {
        try {
          redraw(await api.cancelRequest(key, /** @type {HTMLInputElement} */ (why).value));
          toast(t('request.cancelled'), 'ok');
        } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
      } }, t('request.cancel'))));
  }
  return box;
}
