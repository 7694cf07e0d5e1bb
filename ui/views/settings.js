// @ts-check
// Pengaturan: agency profile (admin), users and roles (admin), the user's own
// password, and what this installation is.
import * as api from '../api.js';
import { h, field, showFieldErrors, toast, clear, fmtTime } from '../dom.js';
import { t } from '../i18n.js';
import { agencyFields, readAgency } from './agency_form.js';
import { sopSection } from './sop_settings.js';
import { backupSection } from './backup_settings.js';
import { letterSection, templateSection } from './letter_settings.js';

/** @param {HTMLElement} root @param {any} _params @param {import('../main.js').Ctx} ctx */
export async function render(root, _params, ctx) {
  const page = h('div.page', { id: 'settings' }, h('header.page-head', null, h('h1', null, t('settings.title'))));
  root.appendChild(page);
  if (ctx.me.role === 'admin') {
    page.appendChild(await agencySection());
    page.appendChild(await letterSection());
    page.appendChild(await templateSection());
    page.appendChild(await usersSection(ctx));
    page.appendChild(await sopSection(ctx));
    page.appendChild(await backupSection(() => { location.hash = ''; location.reload(); }));
  }
  if (['admin', 'verifikator'].includes(ctx.me.role)) {
    page.appendChild(filesSection());
  }
  if (ctx.me.role !== 'pemohon') {
    page.appendChild(h('section.card', null, h('h2', null, t('log.title')), h('p.muted', null, t('log.lead')),
      h('a.button', { href: '#/log', id: 'open-log' }, t('log.open'))));
  }
  page.appendChild(passwordSection());
  page.appendChild(aboutSection(ctx));
}

async function agencySection() {
  const profile = await api.getAgency();
  const form = h('form', { id: 'agency-form', novalidate: true },
    agencyFields('', profile),
    h('div.form-error', { role: 'alert' }),
    h('div.actions', null, h('button.primary', { type: 'submit', id: 'agency-save' }, t('form.save'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errorBox = /** @type {HTMLElement} */ (form.querySelector('.form-error'));
    errorBox.textContent = '';
    try {
      await api.saveAgency(readAgency(form, ''));
      showFieldErrors(form, []);
      toast(t('settings.saved'), 'ok');
    } catch (e) {
      const err = /** @type {any} */ (e);
      showFieldErrors(form, err.fields || []);
      errorBox.textContent = err.message;
    }
  });
  return h('section.card', null, h('h2', null, t('settings.agency')), form);
}

/** @param {import('../main.js').Ctx} ctx */
async function usersSection(ctx) {
  const list = h('div');
  const section = h('section.card', { id: 'users-section' }, h('h2', null, t('settings.users')), list);
  const load = async () => {
    const users = await api.listUsers();
    clear(list);
    list.appendChild(h('table.data', null,
      h('thead', null, h('tr', null, [t('user.username'), t('user.display_name'), t('user.role'), t('user.active'), t('user.created')].map((c) => h('th', null, c)))),
      h('tbody', null, users.map((/** @type {any} */ u) => {
        const role = h('select', { 'aria-label': t('user.role') }, ctx.ref.roles.map((r) => h('option', { value: r.value, selected: r.value === u.role }, r.label)));
        const active = h('input', { type: 'checkbox', checked: u.active, 'aria-label': t('user.active') });
        const save = async () => {
          try {
            await api.updateUser({ id: u.id, display_name: u.display_name, role: /** @type {HTMLSelectElement} */ (role).value, active: /** @type {HTMLInputElement} */ (active).checked });
            toast(t('settings.saved'), 'ok');
          } catch (e) {
            toast(/** @type {any} */ (e).message, 'error');
          }
          load();
        };
        role.addEventListener('change', save);
        active.addEventListener('change', save);
        return h('tr', null, h('td.mono', null, u.username), h('td', null, u.display_name), h('td', null, role), h('td', null, active), h('td', null, fmtTime(u.created_at)));
      }))));
  };
  const roleSel = h('select', null, ctx.ref.roles.map((r) => h('option', { value: r.value, selected: r.value === 'verifikator' }, r.label)));
  const form = h('form.inline-form', { id: 'user-form', novalidate: true },
    h('h3', null, t('settings.user_add')),
    h('div.grid4', null,
      field('username', t('user.username'), h('input', { type: 'text', autocomplete: 'off' })),
      field('display_name', t('user.display_name'), h('input', { type: 'text', autocomplete: 'off' })),
      field('role', t('user.role'), roleSel),
      field('password', t('user.password'), h('input', { type: 'password', autocomplete: 'new-password' }))),
    h('div.actions', null, h('button.primary', { type: 'submit' }, t('settings.user_add'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = (/** @type {string} */ n) => /** @type {HTMLInputElement} */ (form.querySelector(`[name="${n}"]`)).value;
    try {
      await api.addUser({ username: v('username'), display_name: v('display_name'), role: v('role'), password: v('password') });
      /** @type {HTMLFormElement} */ (form).reset();
      showFieldErrors(form, []);
      toast(t('settings.user_added'), 'ok');
      load();
    } catch (e) {
      showFieldErrors(form, /** @type {any} */ (e).fields || []);
      if (!(/** @type {any} */ (e).fields || []).length) toast(/** @type {any} */ (e).message, 'error');
    }
  });
  section.appendChild(form);
  await load();
  return section;
}

function passwordSection() {
  const form = h('form.inline-form', { id: 'password-form', novalidate: true },
    h('div.grid3', null,
      field('current', t('user.password_current'), h('input', { type: 'password', autocomplete: 'current-password' })),
      field('password', t('user.password_new'), h('input', { type: 'password', autocomplete: 'new-password' })),
      field('password2', t('user.password2'), h('input', { type: 'password', autocomplete: 'new-password' }))),
    h('div.actions', null, h('button.primary', { type: 'submit' }, t('settings.password_change'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = (/** @type {string} */ n) => /** @type {HTMLInputElement} */ (form.querySelector(`[name="${n}"]`)).value;
    if (v('password') !== v('password2')) {
      showFieldErrors(form, [{ field: 'password2', message: t('user.password2.mismatch') }]);
      return;
    }
    try {
      await api.setPassword({ current: v('current'), password: v('password') });
      /** @type {HTMLFormElement} */ (form).reset();
      showFieldErrors(form, []);
      toast(t('settings.password_changed'), 'ok');
    } catch (e) {
      showFieldErrors(form, /** @type {any} */ (e).fields || []);
      if (!(/** @type {any} */ (e).fields || []).length) toast(/** @type {any} */ (e).message, 'error');
    }
  });
  return h('section.card', null, h('h2', null, t('settings.password')), form);
}

/** @param {import('../main.js').Ctx} ctx */
function aboutSection(ctx) {
  return h('section.card', { id: 'about' }, h('h2', null, t('settings.about')),
    h('dl.kv', null,
      h('dt', null, t('about.version')), h('dd', { id: 'about-version' }, ctx.info.version),
      h('dt', null, t('about.data_dir')), h('dd.mono', null, ctx.info.data_dir)));
}

/** The document store's integrity check, as `loket check-files` does it. */
function filesSection() {
  const out = h('div', { id: 'files-result' });
  const run = async () => {
    clear(out);
    try {
      const r = await api.checkFiles();
      const name = (/** @type {any} */ p) => (p.documents[0] ? p.documents[0].original_name : p.sha256.slice(0, 12));
      const nomor = (/** @type {any} */ p) => p.documents.map((/** @type {any} */ d) => d.request_nomor).join(', ');
      if (!r.missing.length && !r.altered.length) {
        out.appendChild(h('p.ok-text', null, t('files.ok', { files: r.files_checked, docs: r.documents_checked })));
      }
      for (const p of r.missing) out.appendChild(h('p.form-error', null, t('files.missing', { name: name(p), nomor: nomor(p) })));
      for (const p of r.altered) out.appendChild(h('p.form-error', null, t('files.altered', { name: name(p), nomor: nomor(p) })));
    } catch (e) { out.appendChild(h('p.form-error', null, /** @type {any} */ (e).message)); }
  };
  return h('section.card', { id: 'files-section' }, h('h2', null, t('files.title')), h('p.muted', null, t('files.lead')),
    h('div.actions.left', null, h('button', { type: 'button', id: 'check-files', onclick: run }, t('files.check'))), out);
}
