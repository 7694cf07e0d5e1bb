// @ts-check
// First run: create the admin account and fill the agency profile.
import * as api from '../api.js';
import { h, field, showFieldErrors, toast } from '../dom.js';
import { t } from '../i18n.js';
import { agencyFields, readAgency } from './agency_form.js';

/** @param {HTMLElement} root @param {any} _params @param {{onDone: () => void}} opts */
export function render(root, _params, opts) {
  const input = (/** @type {string} */ type, /** @type {string} */ auto) => h('input', { type, autocomplete: auto });
  const pw2 = input('password', 'new-password');
  const form = h(
    'form.setup-form',
    { id: 'setup-form', novalidate: true },
    h('h1', null, t('setup.title')),
    h('p.lead', null, t('setup.lead')),
    h('h2', null, t('setup.admin')),
    h(
      'div.grid2',
      null,
      field('admin.username', t('user.username'), input('text', 'username'), t('user.username.hint')),
      field('admin.display_name', t('user.display_name'), input('text', 'name')),
      field('admin.password', t('user.password'), input('password', 'new-password'), t('user.password.hint')),
      field('admin.password2', t('user.password2'), pw2),
    ),
    h('h2', null, t('setup.agency')),
    agencyFields('agency.', { kertas: 'F4' }),
    h('div.form-error', { role: 'alert' }),
    h('div.actions', null, h('button.primary', { type: 'submit', id: 'setup-save' }, t('setup.save'))),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const val = (/** @type {string} */ n) => /** @type {HTMLInputElement} */ (form.querySelector(`[name="${n}"]`)).value;
    const formError = /** @type {HTMLElement} */ (form.querySelector('.form-error'));
    formError.textContent = '';
    if (val('admin.password') !== val('admin.password2')) {
      showFieldErrors(form, [{ field: 'admin.password2', message: t('user.password2.mismatch') }]);
      pw2.focus();
      return;
    }
    try {
      await api.completeSetup({
        admin: { username: val('admin.username'), display_name: val('admin.display_name'), password: val('admin.password') },
        agency: readAgency(form, 'agency.'),
      });
      toast(t('setup.done'), 'ok');
      opts.onDone();
    } catch (e) {
      const err = /** @type {any} */ (e);
      showFieldErrors(form, err.fields || []);
      formError.textContent = err.message;
      const first = /** @type {HTMLElement | null} */ (form.querySelector('.field.invalid input, .field.invalid select'));
      first?.focus();
    }
  });
  root.appendChild(h('div.center-page', null, h('div.card.wide', null, form)));
  /** @type {HTMLInputElement} */ (form.querySelector('input'))?.focus();
}
