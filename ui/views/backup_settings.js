// @ts-check
// Pengaturan → Cadangan data: back up now (with progress, cancellable),
// restore from a file (checked first, confirmed, then the app asks everyone
// to sign in again), and the automatic backup on exit.
import * as api from '../api.js';
import { h, clear, toast } from '../dom.js';
import { t } from '../i18n.js';
import { progressBox } from './progress.js';

/** @param {() => void} onRestored */
export async function backupSection(onRestored) {
  const settings = await api.backupSettings();
  const keep = h('input', { type: 'number', min: '1', max: '100', value: String(settings.keep), id: 'backup-keep' });
  const auto = h('input', { type: 'checkbox', checked: settings.auto, id: 'backup-auto' });
  const progress = progressBox();
  const result = h('div', { id: 'backup-result' });

  const saveSettings = async () => {
    try {
      await api.setBackupSettings({ keep: Number(/** @type {HTMLInputElement} */ (keep).value), auto: /** @type {HTMLInputElement} */ (auto).checked });
      toast(t('settings.saved'), 'ok');
    } catch (e) { toast(/** @type {any} */ (e).message, 'error'); }
  };
  keep.addEventListener('change', saveSettings);
  auto.addEventListener('change', saveSettings);

  const withProgress = progress.run;

  const backup = async () => {
    clear(result);
    try {
      const s = await withProgress(() => api.backupNow());
      if (s) result.appendChild(h('p.ok-text', null, t('backup.done', { path: s.path, size: (s.file_bytes / 1048576).toFixed(1) })));
    } catch (e) { result.appendChild(h('p.form-error', null, /** @type {any} */ (e).message)); }
  };

  const restore = async () => {
    clear(result);
    try {
      const candidate = await withProgress(() => api.restorePick());
      if (!candidate) return;
      const confirmBtn = h('button.danger', { type: 'button', id: 'restore-confirm', onclick: async () => {
        try {
          await withProgress(() => api.restoreConfirm(candidate.path));
          toast(t('backup.restored'), 'ok');
          onRestored();
        } catch (e) { clear(result); result.appendChild(h('p.form-error', null, /** @type {any} */ (e).message)); }
      } }, t('backup.restore_confirm'));
      result.append(
        h('div.card.warn-card', null,
          h('h3', null, t('backup.restore_check')),
          h('pre.describe', null, candidate.description),
          h('p.warn-text', null, t('backup.restore_warning')),
          h('div.actions', null, h('button', { type: 'button', onclick: () => clear(result) }, t('form.cancel')), confirmBtn)));
    } catch (e) { result.appendChild(h('p.form-error', null, /** @type {any} */ (e).message)); }
  };

  return h('section.card', { id: 'backup-section' },
    h('h2', null, t('backup.title')),
    h('p.muted', null, t('backup.lead')),
    h('div.actions.left', null,
      h('button.primary', { type: 'button', id: 'backup-now', onclick: backup }, t('backup.now')),
      h('button', { type: 'button', id: 'restore-start', onclick: restore }, t('backup.restore'))),
    progress.element,
    result,
    h('h3', null, t('backup.auto')),
    h('div.grid3', null,
      h('label.check', null, auto, ' ', t('backup.auto_on')),
      h('div.field', null, h('label', { for: 'backup-keep' }, t('backup.keep')), keep)));
}
