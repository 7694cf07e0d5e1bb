// @ts-check
// Beranda. For an applicant: start or resume the wizard, and their own
// requests. For verifiers and heads, "Hari ini": the steps waiting for my
// role, overdue steps, emailed links about to expire, and the counts.
import * as api from '../api.js';
import { h, fmtTime } from '../dom.js';
import { t, minutesText } from '../i18n.js';
import { loadState } from './wizard.js';
import * as extras from './beranda_extras.js';

/** @param {any[]} list @param {string} v */
const label = (list, v) => list.find((x) => x.value === v)?.label || v;

/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const page = h('div.page', { id: 'beranda' }, h('header.page-head', null, h('h1', null, t('home.hello', { name: ctx.me.display_name }))));
  root.appendChild(page);
  if (ctx.me.role === 'pemohon') await applicantHome(page, ctx);
  else await officeHome(page, ctx);
}

/** @param {HTMLElement} page @param {import('../main.js').Ctx} ctx */
async function applicantHome(page, ctx) {
  const wiz = loadState(ctx.me.username);
  const [mine, queue] = await Promise.all([api.listRequests({}), api.myQueue()]);
  page.appendChild(h('section.card.hero', null,
    h('h2', null, t('home.apply_title')), h('p.muted', null, t('home.apply_lead')),
    h('div.actions.left', null,
      wiz.nomor || wiz.jenis
        ? h('a.button.primary', { href: '#/ajukan', id: 'wizard-resume' }, wiz.nomor ? t('home.resume', { nomor: wiz.nomor }) : t('home.resume_new'))
        : h('a.button.primary', { href: '#/ajukan', id: 'wizard-start' }, t('home.apply')))));
  if (queue.length) page.appendChild(queueCard(queue, ctx, t('home.your_turn')));
  page.appendChild(h('section.card', null, h('h2', null, t('home.mine')),
    mine.length ? h('ul.simple-list', { id: 'my-requests' }, mine.map((/** @type {any} */ r) =>
      h('li', null, h('a', { href: `#/permohonan/${r.nomor}` }, h('span.mono', null, r.nomor), ' · ', label(ctx.ref.request_types, r.jenis)),
        h(`span.badge.status-${r.status}`, null, label(ctx.ref.request_statuses, r.status)))))
      : h('p.empty', null, t('requests.empty'))));
}

/** @param {HTMLElement} page @param {import('../main.js').Ctx} ctx */
async function officeHome(page, ctx) {
  const [queue, due, all] = await Promise.all([api.myQueue(), api.dueList(), api.listRequests({})]);
  const count = (/** @type {string} */ s) => all.filter((/** @type {any} */ r) => r.status === s).length;
  const late = due.filter((/** @type {any} */ d) => d.overdue || d.link_expired);
  const soon = due.filter((/** @type {any} */ d) => !d.overdue && !d.link_expired);
  page.appendChild(h('div.stats', { id: 'home-stats' },
    h('div.stat', null, h('div.stat-value', null, String(queue.length)), h('div.stat-label', null, t('home.stat.queue'))),
    h('div.stat', null, h('div.stat-value', null, String(late.length)), h('div.stat-label', null, t('home.stat.late'))),
    h('div.stat', null, h('div.stat-value', null, String(count('diproses'))), h('div.stat-label', null, label(ctx.ref.request_statuses, 'diproses'))),
    ...(await extras.stats(ctx))));
  page.appendChild(h('div.grid2.home-grid', null,
    queueCard(queue, ctx, t('home.your_turn')),
    h('div', null,
      dueCard(late, t('home.late'), 'late'),
      dueCard(soon, t('home.soon'), 'soon'),
      ...(await extras.cards(ctx)))));
}

/** @param {any[]} items @param {import('../main.js').Ctx} ctx @param {string} title */
function queueCard(items, ctx, title) {
  return h('section.card', { id: 'my-queue' }, h('h2', null, title),
    items.length ? h('ul.task-list', null, items.map((d) =>
      h('li', null, h('a', { href: `#/permohonan/${d.nomor}` },
        h('div', null, h('span.mono', null, d.nomor), ' · ', label(ctx.ref.request_types, d.jenis), ' · ', d.nama),
        h('div.small.muted', null, t('home.step', { no: d.step_no, activity: d.activity, actor: d.actor })),
        d.overdue ? h('span.badge.bad', null, t('step.overdue')) : d.soon_due ? h('span.badge.warn', null, t('step.soon')) : null))))
      : h('p.muted', null, t('home.nothing')));
}

/** @param {any[]} items @param {string} title @param {string} id */
function dueCard(items, title, id) {
  return h('section.card', { id: `due-${id}` }, h('h2', null, title),
    items.length ? h('ul.task-list', null, items.map((d) =>
      h('li', null, h('a', { href: `#/permohonan/${d.nomor}` },
        h('div', null, h('span.mono', null, d.nomor), ' · ', d.nama),
        h('div.small.muted', null, t('home.step', { no: d.step_no, activity: d.activity, actor: d.actor })),
        h('div.small', null,
          d.link_expired ? t('step.link_expired') : d.link_expiring ? t('step.link', { at: fmtTime(d.link_expires_at) })
            : d.overdue ? t('home.late_by', { time: minutesText(d.overdue_minutes) }) : d.due_at ? t('step.due', { at: fmtTime(d.due_at) }) : '')))))
      : h('p.muted', null, t('home.nothing')));
}
