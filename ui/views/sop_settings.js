// @ts-check
// Pengaturan → SOP: the stored SOPs, importing a file through the native
// dialog, and which SOP each request type uses.
import * as api from '../api.js';
import { h, add, clear, toast } from '../dom.js';
import { t } from '../i18n.js';

/** @param {import('../main.js').Ctx} ctx */
export async function sopSection(ctx) {
  const body = h('div');
  const section = h('section.card', { id: 'sop-section' }, h('h2', null, t('settings.sop')), body);
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  const load = async () => {
    const [sops, defaults] = await Promise.all([api.listSops(), api.sopDefaults()]);
    clear(body);
    add(body,
      h('table.data', { id: 'sop-list' },
        h('thead', null, h('tr', null, [t('sop.col.id'), t('sop.col.title'), t('sop.col.version'), t('sop.col.steps'), t('sop.total'), ''].map((c) => h('th', null, c)))),
        h('tbody', null, sops.map((/** @type {any} */ s) => h('tr', null,
          h('td.mono', null, s.id), h('td', null, s.title, h('div.small.muted', null, s.pemda)),
          h('td', null, String(s.version), s.versions.length > 1 ? h('div.small.muted', null, t('sop.versions', { n: s.versions.length })) : null),
          h('td', null, String(s.steps)), h('td', null, s.total_text[lang]),
          h('td', null, h('a.button', { href: `#/sop/${encodeURIComponent(s.id)}` }, t('sop.view'))))))),
      h('h3', null, t('sop.defaults')),
      h('div.grid3', null, ctx.ref.request_types.map((rt) => {
        const sel = h('select', { id: `sop-default-${rt.value}` },
          sops.filter((/** @type {any} */ s) => s.request_types.includes(rt.value)).map((/** @type {any} */ s) =>
            h('option', { value: s.id, selected: defaults[rt.value] === s.id }, `${s.id} — ${s.pemda}`)));
        sel.addEventListener('change', async () => {
          try {
            await api.setSopDefault(rt.value, /** @type {HTMLSelectElement} */ (sel).value);
            toast(t('settings.saved'), 'ok');
          } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
        });
        return h('div.field', null, h('label', { for: sel.id }, rt.label), sel);
      })),
      h('div.actions', null, h('button.primary', { type: 'button', id: 'sop-import', onclick: importSop }, t('sop.import'))),
      h('div.form-error', { role: 'alert', id: 'sop-import-error' }));
  };
  async function importSop() {
    const errorBox = /** @type {HTMLElement} */ (body.querySelector('#sop-import-error'));
    try {
      const result = await api.importSopDialog();
      if (!result) return;
      toast(result.message[lang], 'ok');
      await load();
    } catch (e) {
      const err = /** @type {any} */ (e);
      clear(errorBox);
      add(errorBox, h('div', null, err.message),
        err.fields && err.fields.length > 1 ? h('ul', null, err.fields.map((/** @type {any} */ f) => h('li', null, `${f.field}: ${f.message}`))) : null);
    }
  }
  await load();
  return section;
}
