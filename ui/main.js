// @ts-check
// Boot and routing. The app shows the first-run setup until an admin exists,
// then the sign-in screen, then the shell with its sections. Routes are URL
// hashes (#/permohonan/baru) so the back button works.
import * as api from './api.js';
import { h, clear, toast } from './dom.js';
import { t, lang, setLang } from './i18n.js';

import * as setupView from './views/setup.js';
import * as loginView from './views/login.js';
import * as berandaView from './views/beranda.js';
import * as requestsView from './views/requests.js';
import * as requestFormView from './views/request_form.js';
import * as requestView from './views/request.js';
import * as peopleView from './views/people.js';
import * as lettersView from './views/letters.js';
import * as settingsView from './views/settings.js';
import * as sopView from './views/sop.js';
import * as logView from './views/log.js';
import * as wizardView from './views/wizard.js';
import * as reportsView from './views/reports.js';

/** @typedef {{render: (root: HTMLElement, params: Record<string, string>, ctx: Ctx) => any}} View */
/** @typedef {{me: import('./api.js').Me, ref: Record<string, import('./api.js').Choice[]>, info: import('./api.js').AppInfo, go: (hash: string) => void, refresh: () => void}} Ctx */

/** Sections in the navigation, with the roles that see them. */
const NAV = [
  { hash: '#/beranda', key: 'nav.beranda', roles: ['admin', 'verifikator', 'pimpinan', 'pemohon'] },
  { hash: '#/permohonan', key: 'nav.permohonan', roles: ['admin', 'verifikator', 'pimpinan', 'pemohon'] },
  { hash: '#/pengguna', key: 'nav.pengguna', roles: ['admin', 'verifikator', 'pimpinan'] },
  { hash: '#/surat', key: 'nav.surat', roles: ['admin', 'verifikator', 'pimpinan'] },
  { hash: '#/laporan', key: 'nav.laporan', roles: ['admin', 'verifikator', 'pimpinan'] },
  { hash: '#/pengaturan', key: 'nav.pengaturan', roles: ['admin', 'verifikator', 'pimpinan', 'pemohon'] },
];

/** @type {Array<[RegExp, View]>} */
const ROUTES = [
  [/^#\/beranda$/, berandaView],
  [/^#\/permohonan$/, requestsView],
  [/^#\/permohonan\/baru$/, requestFormView],
  [/^#\/permohonan\/(?<key>[^/]+)$/, requestView],
  [/^#\/pengguna$/, peopleView],
  [/^#\/surat$/, lettersView],
  [/^#\/pengaturan$/, settingsView],
  [/^#\/sop\/(?<id>[^/]+)$/, sopView],
  [/^#\/log$/, logView],
  [/^#\/ajukan$/, wizardView],
  [/^#\/laporan$/, reportsView],
];

const app = /** @type {HTMLElement} */ (document.getElementById('app'));
/** @type {Ctx | null} */
let ctx = null;

async function boot() {
  document.documentElement.lang = lang();
  await api.setLanguage(lang());
  const info = await api.appInfo();
  if (info.needs_setup) {
    clear(app);
    setupView.render(app, {}, { onDone: () => boot() });
    return;
  }
  if (!info.user) {
    clear(app);
    loginView.render(app, {}, { onDone: () => boot(), info });
    return;
  }
  const ref = await api.referenceData();
  ctx = {
    me: info.user,
    ref,
    info,
    go: (hash) => {
      if (location.hash === hash) route();
      else location.hash = hash;
    },
    refresh: () => route(),
  };
  if (!location.hash || location.hash === '#/' || location.hash === '#') {
    location.hash = '#/beranda';
  }
  route();
}

function shell() {
  if (!ctx) return null;
  const me = ctx.me;
  const nav = h(
    'nav.sidebar',
    { 'aria-label': t('nav.label') },
    h('div.brand', null, h('img', { src: 'icon.png', alt: '' }), h('span', null, 'Loket TTE')),
    h(
      'ul',
      null,
      NAV.filter((n) => n.roles.includes(me.role)).map((n) =>
        h(
          'li',
          null,
          h(
            'a',
            {
              href: n.hash,
              id: `nav-${n.hash.slice(2)}`,
              class: location.hash.startsWith(n.hash) ? 'active' : '',
            },
            t(n.key),
          ),
        ),
      ),
    ),
    h(
      'div.sidebar-foot',
      null,
      h('div.me', null, h('strong', null, me.display_name), h('span', null, roleLabel(me.role))),
      h(
        'div.lang-switch',
        { role: 'group', 'aria-label': t('lang.label') },
        ['id', 'en'].map((l) =>
          h(
            'button',
            {
              type: 'button',
              id: `lang-${l}`,
              class: lang() === l ? 'active' : '',
              'aria-pressed': lang() === l ? 'true' : 'false',
              onclick: async () => {
                setLang(l);
                await api.setLanguage(l);
                boot();
              },
            },
            l.toUpperCase(),
          ),
        ),
      ),
      h(
        'button.link',
        {
          type: 'button',
          id: 'sign-out',
          onclick: async () => {
            await api.signOut();
            location.hash = '';
            boot();
          },
        },
        t('nav.keluar'),
      ),
    ),
  );
  return nav;
}

/** @param {string} role */
export function roleLabel(role) {
  const found = ctx?.ref.roles.find((r) => r.value === role);
  return found ? found.label : role;
}

async function route() {
  if (!ctx) return;
  const hash = location.hash || '#/beranda';
  clear(app);
  const main = h('main.content', { id: 'content', tabindex: '-1' });
  app.appendChild(h('div.layout', null, shell(), main));
  for (const [re, view] of ROUTES) {
    const m = hash.match(re);
    if (m) {
      try {
        await view.render(main, { ...(m.groups || {}) }, ctx);
      } catch (e) {
        const err = /** @type {any} */ (e);
        if (err && err.kind === 'unauthenticated') {
          boot();
          return;
        }
        clear(main);
        main.appendChild(h('div.error-page', null, h('h1', null, t('error.title')), h('p', null, err.message || String(err))));
      }
      return;
    }
  }
  main.appendChild(h('div.error-page', null, h('h1', null, t('error.notfound'))));
}

window.addEventListener('hashchange', () => route());
window.addEventListener('unhandledrejection', (ev) => {
  const msg = ev.reason && ev.reason.message ? ev.reason.message : String(ev.reason);
  toast(msg, 'error');
});

boot().catch((e) => {
  clear(app);
  app.appendChild(h('div.error-page', null, h('h1', null, 'Loket TTE'), h('p', null, e.message || String(e))));
});
