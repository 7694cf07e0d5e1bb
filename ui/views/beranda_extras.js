// @ts-check
// The registry's figures on the office's home screen: TTE users and
// certificates expiring within 30 days.
import * as api from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** @param {import('../main.js').Ctx} _ctx @returns {Promise<HTMLElement[]>} */
export async function stats(_ctx) {
  const totals = await api.registryTotals();
  return [
    h('div.stat', null, h('div.stat-value', { id: 'home-aktif' }, String(totals.aktif)), h('div.stat-label', null, t('reg.users_active'))),
    h('div.stat', null, h('div.stat-value', null, String(totals.segera_kedaluwarsa)), h('div.stat-label', null, t('reg.expiring30'))),
  ];
}

/** @param {import('../main.js').Ctx} _ctx @returns {Promise<HTMLElement[]>} */
export async function cards(_ctx) {
  const rows = await api.expiring(30);
  return [h('section.card', { id: 'home-expiring' }, h('h2', null, t('reg.expiring30')),
    rows.length
      ? h('ul.task-list', null, rows.slice(0, 8).map((/** @type {any} */ r) => h('li', null, h('a', { href: '#/pengguna' },
        h('div', null, r.nama, ' · ', r.unit_kerja), h('div.small.warn-text', null, t('reg.days_left', { n: r.days_to_expiry }))))))
      : h('p.muted', null, t('home.nothing')))];
}
