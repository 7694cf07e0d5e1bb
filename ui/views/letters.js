// @ts-check
// Surat: the letter register.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** @param {HTMLElement} root */
export async function render(root) {
  root.appendChild(h('div.page', null, h('header.page-head', null, h('h1', null, t('letters.title'))), h('p.empty', null, t('letters.empty'))));
}
