// @ts-check
// A tiny element builder. Text always goes in as text nodes, never as HTML,
// so names and notes typed by users cannot inject markup.

/**
 * @param {string} tag  e.g. "div.card#main" (classes and id after the tag)
 * @param {Record<string, any> | null} [attrs]
 * @param {...(Node | string | number | null | undefined | false | Array<any>)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const [head, ...classes] = tag.split('.');
  const [name, id] = head.split('#');
  const el = document.createElement(name || 'div');
  if (id) el.id = id;
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'class') {
      el.className = [el.className, v].filter(Boolean).join(' ');
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k in el && typeof v !== 'string') {
      // properties such as value, checked, disabled
      /** @type {any} */ (el)[k] = v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

/** @param {Node} el @param {any[]} children */
function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * Appends children the way h() does: null, undefined and false are skipped
 * (DOM's own append() would write them as the text "null").
 * @param {Element} el @param {...any} children
 */
export function add(el, ...children) {
  append(el, children);
  return el;
}

/** Removes every child of `el`. @param {Element} el */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/**
 * Debounces a function.
 * @template {(...a: any[]) => void} F
 * @param {F} fn @param {number} ms
 * @returns {F}
 */
export function debounce(fn, ms) {
  /** @type {any} */ let timer;
  return /** @type {F} */ ((...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  });
}

/**
 * Shows a short message at the bottom of the window.
 * @param {string} text @param {'ok'|'error'|'info'} [kind]
 */
export function toast(text, kind = 'info') {
  let box = document.getElementById('toasts');
  if (!box) {
    box = h('div#toasts', { role: 'status' });
    document.body.appendChild(box);
  }
  const item = h(`div.toast.toast-${kind}`, null, text);
  box.appendChild(item);
  // Keep the corner readable: at most three messages at a time.
  while (box.children.length > 3) box.firstElementChild?.remove();
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/**
 * A labelled form field with a slot for its message.
 * @param {string} name  field key, also used for data-field and the input id
 * @param {string} label
 * @param {HTMLElement} input
 * @param {string} [hint]
 */
export function field(name, label, input, hint) {
  input.id = input.id || `f-${name.replace(/\./g, '-')}`;
  input.setAttribute('name', name);
  return h(
    'div.field',
    { dataset: { field: name } },
    h('label', { for: input.id }, label),
    input,
    hint ? h('div.hint', null, hint) : null,
    h('div.field-error', { role: 'alert', id: `err-${name.replace(/\./g, '-')}` }),
  );
}

/**
 * Shows field messages inside a form; clears the others. Returns the
 * messages of fields the form has no place for, so the caller can show them
 * at the form level.
 * @param {HTMLElement} form
 * @param {{field: string, message: string}[]} fields
 * @param {Set<string> | null} [only]  show only these fields (touched ones)
 * @returns {string[]}
 */
export function showFieldErrors(form, fields, only = null) {
  const byField = new Map(fields.map((f) => [f.field, f.message]));
  for (const box of form.querySelectorAll('.field')) {
    const name = /** @type {HTMLElement} */ (box).dataset.field || '';
    const msg = byField.get(name);
    const visible = msg && (!only || only.has(name));
    box.classList.toggle('invalid', !!visible);
    const err = box.querySelector('.field-error');
    if (err) err.textContent = visible ? msg || '' : '';
  }
  const placed = new Set([...form.querySelectorAll('.field')].map((b) => /** @type {HTMLElement} */ (b).dataset.field));
  return fields.filter((f) => !placed.has(f.field)).map((f) => f.message);
}

/**
 * Formats an RFC 3339 stamp as a local date and time.
 * @param {string | null | undefined} s
 */
export function fmtTime(s) {
  if (!s) return '-';
  const d = new Date(s);
  if (isNaN(d.getTime())) return s;
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Live validation of a form by the core. A field's old message disappears as
 * soon as it is edited; the core's answer comes after a short pause in
 * typing; an answer that arrives after a newer question is dropped, so a
 * slow reply never shows a stale message. Messages show only for fields the
 * person has touched.
 * @param {HTMLElement} form
 * @param {() => Promise<{fields: {field: string, message: string}[]}>} check
 * @param {(result: any) => void} [onResult]
 */
export function liveValidation(form, check, onResult) {
  /** @type {Set<string>} */
  const touched = new Set();
  let asked = 0;
  const run = debounce(async () => {
    const mine = ++asked;
    const result = await check();
    if (mine !== asked) return;
    showFieldErrors(form, result.fields, touched);
    if (onResult) onResult(result);
  }, 250);
  /** @param {Event} ev */
  const onEdit = (ev) => {
    const name = /** @type {HTMLElement} */ (ev.target).getAttribute('name');
    if (name) {
      touched.add(name);
      const box = form.querySelector(`.field[data-field="${name}"]`);
      if (box) {
        box.classList.remove('invalid');
        const err = box.querySelector('.field-error');
        if (err) err.textContent = '';
      }
    }
    asked++; // an answer to an older question no longer counts
    run();
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  return { touched, run };
}
