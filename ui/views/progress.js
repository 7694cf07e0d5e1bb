// @ts-check
// A progress bar with a cancel button for long jobs (backup, restore,
// imports). The core reports `loket://progress` events; cancelling asks the
// core to stop, and the core keeps nothing half-done.
import * as api from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function progressBox() {
  const bar = h('progress', { max: '100', value: '0', id: 'job-progress' });
  const stage = h('span.muted', { id: 'job-stage' });
  const cancel = h('button', { type: 'button', id: 'job-cancel', onclick: () => api.cancelJob() }, t('backup.cancel'));
  const element = h('div.progress-box', { hidden: true }, stage, bar, cancel);
  return {
    element,
    /**
     * Runs a long job with the bar shown; returns the job's result.
     * @template T @param {() => Promise<T>} job @returns {Promise<T>}
     */
    async run(job) {
      element.hidden = false;
      /** @type {HTMLProgressElement} */ (bar).value = 0;
      stage.textContent = '';
      const stop = await api.onProgress((p) => {
        stage.textContent = p.stage;
        /** @type {HTMLProgressElement} */ (bar).value = p.total ? Math.round((100 * p.done) / p.total) : 0;
      });
      try {
        return await job();
      } finally {
        stop();
        element.hidden = true;
      }
    },
  };
}
