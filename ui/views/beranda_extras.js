// @ts-check
// Figures the registry adds to the office's home screen.

/** @param {any} _ctx @returns {Promise<HTMLElement[]>} */
export async function stats(_ctx) {
  return [];
}

/** @param {any} _ctx @returns {Promise<HTMLElement[]>} */
export async function cards(_ctx) {
  return [];
}
