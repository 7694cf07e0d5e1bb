// @ts-check
// Laporan: the monthly or yearly recap from the core, as charts (inline SVG
// built with DOM calls: no library, no network, no inline styles) and
// tables, with PDF and Excel export through save dialogs. Every number comes
// from the recap; this view only draws it.
import * as api from '../api.js';
import { h, add, clear, toast, fmtTime } from '../dom.js';
import { t, lang } from '../i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const TYPES = ['penerbitan', 'pencabutan', 'pembaruan', 'perubahan_data', 'reset_passphrase'];
const STATUSES = ['draf', 'diproses', 'ditolak', 'selesai', 'dibatalkan'];
/** Charts in the two-column grid are drawn about as wide as they show, so
 * their 11 px labels stay 11 px on a 1366 px office screen. */
const CHART_W = 520;

/** The period last shown, kept while the app runs. @type {{kind: string, year: number, month: number} | null} */
let chosen = null;

/**
 * An SVG element; attributes are presentation attributes (allowed by the
 * CSP), children are elements or text.
 * @param {string} tag @param {Record<string, string | number>} [attrs] @param {...(Node | string | null)} children
 */
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) {
    if (c === null) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/** @param {number} n */
function num(n) {
  return new Intl.NumberFormat(lang() === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: 1 }).format(n);
}

/** Minutes in words, one decimal below an hour. @param {number | null | undefined} m */
function mins(m) {
  if (m === null || m === undefined) return '-';
  if (m < 60) return t('time.min', { n: num(Math.round(m * 10) / 10) });
  const r = Math.round(m);
  const d = Math.floor(r / 1440), hh = Math.floor((r % 1440) / 60), mm = r % 60;
  return [d ? t('time.day', { n: d }) : '', hh ? t('time.hour', { n: hh }) : '', mm ? t('time.min', { n: mm }) : ''].filter(Boolean).join(' ');
}

/** @param {any[]} list @param {string} v */
function label(list, v) {
  return list.find((x) => x.value === v)?.label || v;
}

/**
 * A legend: a swatch (CSS class `series-i`, colours from style.css) and a
 * label per series, the colours starting at `offset`.
 * @param {string[]} names @param {number} [offset]
 */
function legend(names, offset = 0) {
  return h('ul.chart-legend', null, names.map((n, i) => h('li', null, h(`span.swatch.series-${offset + i}`, { 'aria-hidden': 'true' }), n)));
}

/**
 * Stacked columns: one per category, one segment per series.
 * @param {string} id @param {string} title @param {string[]} categories
 * @param {string[]} series @param {number[][]} values  values[category][series]
 */
function stackedColumns(id, title, categories, series, values) {
  const W = CHART_W, H = 260, left = 40, bottom = 28, top = 12;
  const totals = values.map((row) => row.reduce((a, b) => a + b, 0));
  const max = niceMax(Math.max(1, ...totals));
  const plotH = H - top - bottom;
  const step = (W - left - 8) / categories.length;
  const bw = Math.min(36, step * 0.6);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: 'chart', id });
  axis(svg, left, top, W, plotH, max);
  categories.forEach((cat, i) => {
    const x = left + i * step + (step - bw) / 2;
    let y = top + plotH;
    values[i].forEach((v, j) => {
      if (!v) return;
      const hgt = (v / max) * plotH;
      y -= hgt;
      svg.appendChild(s('rect', { x, y, width: bw, height: hgt, class: `series-${j}` },
        s('title', null, `${cat} · ${series[j]}: ${num(v)}`)));
    });
    if (totals[i]) svg.appendChild(s('text', { x: x + bw / 2, y: y - 3, 'text-anchor': 'middle', class: 'chart-value' }, num(totals[i])));
    svg.appendChild(s('text', { x: x + bw / 2, y: H - 10, 'text-anchor': 'middle', class: 'chart-label' }, cat));
  });
  return h('figure.chart-box', null, h('figcaption', null, title), svg, legend(series));
}

/**
 * Grouped columns (two or more series side by side per category).
 * @param {string} id @param {string} title @param {string[]} categories
 * @param {string[]} series @param {number[][]} values  values[category][series]
 * @param {number} [offset]  first colour class
 */
function groupedColumns(id, title, categories, series, values, offset = 0) {
  const W = CHART_W, H = 240, left = 40, bottom = 28, top = 12;
  const max = niceMax(Math.max(1, ...values.flat()));
  const plotH = H - top - bottom;
  const step = (W - left - 8) / categories.length;
  const bw = Math.min(18, (step * 0.7) / series.length);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: 'chart', id });
  axis(svg, left, top, W, plotH, max);
  categories.forEach((cat, i) => {
    const x0 = left + i * step + (step - bw * series.length) / 2;
    values[i].forEach((v, j) => {
      const hgt = (v / max) * plotH;
      const x = x0 + j * bw;
      svg.appendChild(s('rect', { x, y: top + plotH - hgt, width: bw - 2, height: hgt, class: `series-${offset + j}` },
        s('title', null, `${cat} · ${series[j]}: ${num(v)}`)));
      if (v) svg.appendChild(s('text', { x: x + (bw - 2) / 2, y: top + plotH - hgt - 3, 'text-anchor': 'middle', class: 'chart-value' }, num(v)));
    });
    svg.appendChild(s('text', { x: left + i * step + step / 2, y: H - 10, 'text-anchor': 'middle', class: 'chart-label' }, cat));
  });
  return h('figure.chart-box', null, h('figcaption', null, title), svg, legend(series, offset));
}

/**
 * Horizontal bars with a label and value each.
 * @param {string} id @param {string} title @param {{label: string, value: number, cls: string}[]} rows
 */
function hbars(id, title, rows) {
  const W = CHART_W, rowH = 26, left = 150, right = 50;
  const H = rows.length * rowH + 8;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: 'chart', id });
  rows.forEach((r, i) => {
    const y = 4 + i * rowH;
    const w = ((W - left - right) * r.value) / max;
    svg.appendChild(s('text', { x: left - 8, y: y + 16, 'text-anchor': 'end', class: 'chart-label' }, r.label));
    svg.appendChild(s('rect', { x: left, y: y + 4, width: Math.max(w, r.value ? 2 : 0), height: rowH - 8, class: r.cls }));
    svg.appendChild(s('text', { x: left + w + 6, y: y + 16, class: 'chart-value' }, num(r.value)));
  });
  return h('figure.chart-box', null, h('figcaption', null, title), svg);
}

/**
 * Per-step average against the standard: each bar is the average as a
 * share of the standard's upper end, with a marker at the standard (100 %);
 * steps without completions or without a standard are left out (the table
 * lists them).
 * @param {any} sop
 */
function stepChart(sop) {
  const steps = sop.steps.filter((/** @type {any} */ st) => st.completions > 0 && st.standard_max);
  if (!steps.length) return null;
  const W = 960, rowH = 24, left = 44, right = 170, top = 18;
  const H = top + steps.length * rowH + 6;
  const cap = 3;
  const scale = (W - left - right) / cap;
  const title = t('reports.step_chart');
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: 'chart', id: `step-chart-${sop.sop_ref}` });
  const mark = left + scale;
  svg.appendChild(s('text', { x: mark, y: 11, 'text-anchor': 'middle', class: 'chart-label' }, t('reports.standard')));
  steps.forEach((/** @type {any} */ st, i) => {
    const y = top + i * rowH;
    const ratio = st.avg_minutes / st.standard_max;
    const w = Math.min(ratio, cap) * scale;
    const over = st.avg_minutes > st.standard_max;
    svg.appendChild(s('text', { x: left - 8, y: y + 15, 'text-anchor': 'end', class: 'chart-label' }, String(st.no)));
    svg.appendChild(s('rect', { x: left, y: y + 4, width: Math.max(w, 2), height: rowH - 8, class: over ? 'bar-over' : 'bar-ok' },
      s('title', null, `${st.no}. ${st.activity}`)));
    svg.appendChild(s('text', { x: left + w + 6, y: y + 15, class: 'chart-value' },
      `${mins(st.avg_minutes)} / ${mins(st.standard_max)}${ratio > cap ? ' ▸' : ''}`));
  });
  svg.appendChild(s('line', { x1: mark, x2: mark, y1: top - 2, y2: H - 2, class: 'chart-marker' }));
  return h('figure.chart-box', null, h('figcaption', null, title), svg,
    h('p.small.muted', null, t('reports.step_chart_note')));
}

/** Grid lines and the value axis. */
function axis(/** @type {Element} */ svg, /** @type {number} */ left, /** @type {number} */ top, /** @type {number} */ W, /** @type {number} */ plotH, /** @type {number} */ max) {
  for (let k = 0; k <= 4; k++) {
    const y = top + plotH - (plotH * k) / 4;
    svg.appendChild(s('line', { x1: left, x2: W - 8, y1: y, y2: y, class: 'chart-grid' }));
    svg.appendChild(s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'chart-label' }, num((max * k) / 4)));
  }
}

/** A round upper bound for an axis. @param {number} v */
function niceMax(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 4, 5, 10]) if (m * p >= v) return Math.max(4, m * p);
  return v;
}

/** @param {string[]} heads @param {any[][]} rows @param {string} [id] @param {number[]} [numeric] */
function table(heads, rows, id, numeric = []) {
  return h('table.data.compact', { id },
    h('thead', null, h('tr', null, heads.map((c, i) => h(numeric.includes(i) ? 'th.num' : 'th', null, c)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) => h(numeric.includes(i) ? 'td.num' : 'td', null, c))))));
}

/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const today = new Date();
  const p = chosen || { kind: 'month', year: today.getFullYear(), month: today.getMonth() + 1 };
  const kind = /** @type {HTMLSelectElement} */ (h('select', { id: 'report-kind', 'aria-label': t('reports.kind') },
    h('option', { value: 'month' }, t('reports.monthly')), h('option', { value: 'year' }, t('reports.yearly'))));
  kind.value = p.kind;
  const year = /** @type {HTMLInputElement} */ (h('input', { type: 'number', id: 'report-year', min: 2000, max: 2100, value: String(p.year), 'aria-label': t('reports.year') }));
  const month = /** @type {HTMLSelectElement} */ (h('select', { id: 'report-month', 'aria-label': t('reports.month') },
    Array.from({ length: 12 }, (_, i) => h('option', { value: String(i + 1) }, t(`month.${i + 1}`)))));
  month.value = String(p.month);
  const body = h('div#report-body');
  const period = () => {
    chosen = { kind: kind.value, year: Number(year.value), month: Number(month.value) };
    return kind.value === 'year'
      ? { kind: 'year', year: Number(year.value) }
      : { kind: 'month', year: Number(year.value), month: Number(month.value) };
  };
  /** @param {'pdf' | 'xlsx'} format */
  const exporter = (format) => async () => {
    try {
      const r = await api.exportReportDialog(period(), format);
      if (r) toast(t('reports.saved', { path: r.path }), 'ok');
    } catch (e) {
      toast(/** @type {any} */ (e).message, 'error');
    }
  };
  root.appendChild(h('div.page', { id: 'reports-page' },
    h('header.page-head', null,
      h('div', null, h('h1', null, t('reports.title')), h('p.lead', null, t('reports.lead'))),
      h('div.actions', null,
        h('button', { type: 'button', id: 'report-pdf', onclick: exporter('pdf') }, t('reports.pdf')),
        h('button', { type: 'button', id: 'report-xlsx', onclick: exporter('xlsx') }, t('reports.xlsx')))),
    h('div.toolbar.report-toolbar', null, kind, month, year),
    body));
  const load = async () => {
    month.hidden = kind.value === 'year';
    try {
      const recap = await api.reportRecap(period());
      clear(body);
      draw(body, recap, ctx);
    } catch (e) {
      clear(body);
      body.appendChild(h('p.form-error', { role: 'alert' }, /** @type {any} */ (e).message));
    }
  };
  kind.addEventListener('change', load);
  month.addEventListener('change', load);
  year.addEventListener('change', load);
  await load();
}

/** @param {HTMLElement} body @param {any} r @param {import('../main.js').Ctx} ctx */
function draw(body, r, ctx) {
  const isYear = r.period.kind === 'year';
  const c = r.certificates;
  const tot = r.totals;
  const typeLabel = (/** @type {string} */ v) => label(ctx.ref.request_types, v);
  const asOf = fmtDate(r.as_of);
  const stat = (/** @type {string} */ id, /** @type {number} */ v, /** @type {string} */ text) =>
    h('div.stat', { id }, h('div.stat-value', null, num(v)), h('div.stat-label', null, text));
  add(body,
    h('h2.report-title', { id: 'report-title' }, t('reports.heading', { period: lang() === 'en' ? r.label.en : r.label.id })),
    h('p.muted', null, t('reports.range', { from: fmtDate(r.from), to: fmtDate(r.to), at: fmtTime(r.generated_at) })),
    h('div.stats', null,
      stat('stat-created', tot.created, t('reports.created')),
      stat('stat-completed', tot.completed, t('reports.completed')),
      stat('stat-issued', c.issued, t('reports.issued')),
      stat('stat-revoked', c.revoked, t('reports.revoked')),
      stat('stat-active', c.active, t('reports.active', { date: asOf })),
      stat('stat-expiring', c.expiring, t('reports.expiring')),
      stat('stat-overdue', r.overdue_done_total, t('reports.overdue_done')),
      r.overdue_now ? stat('stat-overdue-now', r.overdue_now.total, t('reports.overdue_now')) : null));

  // Charts.
  const months = r.monthly.map((/** @type {any} */ m) => t(`month.short.${m.month}`));
  const charts = h('section.card.charts');
  if (isYear) {
    charts.appendChild(stackedColumns('chart-monthly', t('reports.chart_monthly'), months, TYPES.map(typeLabel),
      r.monthly.map((/** @type {any} */ m) => TYPES.map((k) => m.by_type[k] || 0))));
  }
  charts.appendChild(hbars('chart-status', t('reports.chart_status'), STATUSES.map((st) => ({
    label: label(ctx.ref.request_statuses, st), value: tot[st], cls: `status-bar-${st}`,
  }))));
  if (isYear) {
    charts.appendChild(groupedColumns('chart-certs', t('reports.chart_certs'), months,
      [t('reports.issued'), t('reports.revoked')], r.monthly.map((/** @type {any} */ m) => [m.issued, m.revoked]), 5));
  } else {
    charts.appendChild(hbars('chart-certs', t('reports.chart_certs'), [
      { label: t('reports.issued'), value: c.issued, cls: 'series-5' },
      { label: t('reports.revoked'), value: c.revoked, cls: 'series-6' },
    ]));
  }
  body.appendChild(charts);

  // Requests by type.
  body.appendChild(h('section.card', null,
    h('h2', null, t('reports.by_type')),
    table([t('reports.type'), t('reports.created'), ...STATUSES.map((st) => label(ctx.ref.request_statuses, st)),
      t('reports.ended_completed'), t('reports.ended_rejected'), t('reports.ended_cancelled')],
    [...r.by_type.map((/** @type {any} */ row) => [typeLabel(row.jenis), ...countCells(row)]),
      [h('strong', null, t('reports.total')), ...countCells(tot)]], 'report-by-type', [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    h('p.small.muted', null, t('reports.by_type_note'))));

  if (isYear) {
    body.appendChild(h('section.card', null, h('h2', null, t('reports.chart_monthly')),
      table([t('reports.month'), ...TYPES.map(typeLabel), t('reports.total'), t('reports.issued'), t('reports.revoked')],
        r.monthly.map((/** @type {any} */ m) => [t(`month.${m.month}`), ...TYPES.map((k) => num(m.by_type[k] || 0)), num(m.total), num(m.issued), num(m.revoked)]),
        'report-monthly', [1, 2, 3, 4, 5, 6, 7, 8])));
  }

  // Certificates and revocations.
  body.appendChild(h('section.card', null,
    h('h2', null, t('reports.units', { date: asOf })),
    r.active_by_unit.length
      ? table([t('reports.unit'), t('reports.active_short')],
        [...r.active_by_unit.map((/** @type {any} */ u) => [u.unit_kerja, num(u.active)]), [h('strong', null, t('reports.total')), num(c.active)]],
        'report-units', [1])
      : h('p.empty', null, t('reports.none'))));
  body.appendChild(h('section.card', null,
    h('h2', null, t('reports.revocations')),
    r.revocations.length
      ? [table([t('reports.reason'), t('reports.crl'), t('reports.count')],
          r.revocation_reasons.map((/** @type {any} */ x) => [x.reason ? label(ctx.ref.reasons, x.reason) : '?', `${x.crl} ${x.crl_name}`, num(x.count)]),
          'report-reasons', [2]),
        h('h3', null, t('reports.revoked_list')),
        table([t('reports.date'), t('reports.name'), 'NIP', t('reports.unit'), t('reports.reason'), t('reports.crl'), t('reports.request')],
          r.revocations.map((/** @type {any} */ x) => [fmtDate(x.revoked_on), x.nama, x.nip || '-', x.unit_kerja, x.wording,
            `${x.crl} ${x.crl_name}`, x.nomor ? h('a', { href: `#/permohonan/${x.nomor}` }, x.nomor) : '-']),
          'report-revocations')]
      : h('p.empty', null, t('reports.no_revocations'))));

  // Step times.
  const steps = h('section.card', null, h('h2', null, t('reports.step_times')));
  if (!r.step_times.length) steps.appendChild(h('p.empty', null, t('reports.no_steps')));
  for (const sop of r.step_times) {
    add(steps,
      h('h3', null, `${sop.title} (${sop.sop_id} v${sop.version})`),
      stepChart(sop),
      table(['No', t('reports.activity'), t('reports.standard'), t('reports.done'), t('reports.avg'), t('reports.longest'), t('reports.over')],
        sop.steps.map((/** @type {any} */ st) => [String(st.no), st.activity, st.time_text || '-', num(st.completions),
          mins(st.avg_minutes), st.completions ? mins(st.max_minutes) : '-',
          st.standard_max ? (st.over_standard ? h('span.badge.bad', null, num(st.over_standard)) : '0') : '-']),
        `report-steps-${sop.sop_ref}`, [3]));
  }
  body.appendChild(steps);

  // Overdue steps.
  const late = h('section.card', null, h('h2', null, t('reports.overdue')));
  const lateRows = (/** @type {any[]} */ list, /** @type {boolean} */ now) => list.map((o) => [
    h('a', { href: `#/permohonan/${o.nomor}` }, o.nomor), typeLabel(o.jenis), o.nama, `${o.step_no}. ${o.activity}`,
    now ? fmtTime(o.started_at) : fmtTime(o.done_at), mins(o.standard_max), mins(o.minutes), mins(o.over_minutes)]);
  const lateHeads = (/** @type {boolean} */ now) => [t('reports.request'), t('reports.type'), t('reports.applicant'), t('reports.step'),
    now ? t('reports.started') : t('reports.finished'), t('reports.standard'), now ? t('reports.elapsed') : t('reports.taken'), t('reports.over_by')];
  late.appendChild(h('p', null, t('reports.overdue_count', { n: num(r.overdue_done_total) })));
  if (r.overdue_done.length) late.appendChild(table(lateHeads(false), lateRows(r.overdue_done, false), 'report-overdue'));
  if (r.overdue_done.length < r.overdue_done_total) late.appendChild(h('p.small.muted', null, t('reports.overdue_capped', { n: num(r.overdue_done.length) })));
  if (r.overdue_now) {
    late.appendChild(h('h3', null, t('reports.overdue_now_at', { at: fmtTime(r.overdue_now.at), n: num(r.overdue_now.total) })));
    if (r.overdue_now.steps.length) late.appendChild(table(lateHeads(true), lateRows(r.overdue_now.steps, true), 'report-overdue-now'));
  }
  body.appendChild(late);
}

/** @param {any} c */
function countCells(c) {
  return [num(c.created), ...STATUSES.map((st) => num(c[st])), num(c.completed), num(c.rejected), num(c.cancelled)];
}

/** `2026-11-21` as `21-11-2026`. @param {string} d */
function fmtDate(d) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d || '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : d || '-';
}
