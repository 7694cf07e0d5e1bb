// @ts-check
import * as api from '../api.js';
import { h, field } from '../dom.js';
import { t, lang, setLang } from '../i18n.js';

/** @param {HTMLElement} root @param {any} _params @param {{onDone: () => void, info: any}} opts */
export function render(root, _params, opts) {
  const user = h('input', { type: 'text', autocomplete: 'username', id: 'login-username' });
  const pass = h('input', { type: 'password', autocomplete: 'current-password', id: 'login-password' });
  const error = h('div.form-error', { role: 'alert', id: 'login-error' });
  const form = h(
    'form',
    { id: 'login-form' },
    h('div.brand-big', null, h('img', { src: 'icon.png', alt: '' }), h('div', null, h('h1', null, 'Loket TTE'), h('p', null, t('login.tagline')))),
    field('username', t('user.username'), user),
    field('password', t('user.password'), pass),
    error,
    h('div.actions', null, h('button.primary', { type: 'submit', id: 'login-submit' }, t('login.submit'))),
    h(
      'div.lang-switch.center',
      null,
      ['id', 'en'].map((l) =>
        h(
          'button',
          {
            type: 'button',
            class: lang() === l ? 'active' : '',
            onclick: async () => {
              setLang(l);
              await api.setLanguage(l);
              opts.onDone();
            },
          },
          l === 'id' ? 'Bahasa Indonesia' : 'English',
        ),
      ),
    ),
    h('p.muted.small', null, t('login.version', { version: opts.info.version })),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      await api.signIn(/** @type {HTMLInputElement} */ (user).value, /** @type {HTMLInputElement} */ (pass).value);
      opts.onDone();
    } catch (e) {
      error.textContent = /** @type {any} */ (e).message;
      /** @type {HTMLInputElement} */ (pass).value = '';
      pass.focus();
    }
  });
  root.appendChild(h('div.center-page', null, h('div.card.narrow', null, form)));
  user.focus();
}
