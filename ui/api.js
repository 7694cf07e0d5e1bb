// @ts-check
// The only file that touches window.__TAURI__: one function per command.
// Every rejected call becomes an ApiError with the core's kind, message (in
// the UI language) and field messages.

/**
 * @typedef {{field: string, message: string}} FieldMessage
 * @typedef {{username: string, display_name: string, role: string}} Me
 * @typedef {{name: string, version: string, data_dir: string, needs_setup: boolean, lang: string, user: Me | null}} AppInfo
 * @typedef {{value: string, label: string}} Choice
 * @typedef {{valid: boolean, fields: FieldMessage[], value: any, message: string | null}} Validation
 */

export class ApiError extends Error {
  /** @param {{kind?: string, message?: string, fields?: FieldMessage[]} | string} raw */
  constructor(raw) {
    const obj = typeof raw === 'string' ? { kind: 'internal', message: raw } : raw || {};
    super(obj.message || String(raw));
    this.kind = obj.kind || 'internal';
    /** @type {FieldMessage[]} */
    this.fields = obj.fields || [];
  }
}

/**
 * @param {string} cmd
 * @param {Record<string, any>} [args]
 * @returns {Promise<any>}
 */
async function call(cmd, args) {
  const tauri = /** @type {any} */ (window).__TAURI__;
  if (!tauri) throw new ApiError({ kind: 'internal', message: 'Tauri API tidak tersedia' });
  try {
    return await tauri.core.invoke(cmd, args || {});
  } catch (e) {
    throw new ApiError(/** @type {any} */ (e));
  }
}

/** @returns {Promise<AppInfo>} */
export const appInfo = () => call('app_info');
/** @param {string} lang */
export const setLanguage = (lang) => call('set_language', { lang });
/** @param {any} input @returns {Promise<Me>} */
export const completeSetup = (input) => call('complete_setup', { input });
/** @param {string} username @param {string} password @returns {Promise<Me>} */
export const signIn = (username, password) => call('sign_in', { username, password });
export const signOut = () => call('sign_out');
/** @returns {Promise<Record<string, Choice[]>>} */
export const referenceData = () => call('reference_data');

export const getAgency = () => call('get_agency');
/** @param {any} profile */
export const saveAgency = (profile) => call('save_agency', { profile });

/** @param {any} input @returns {Promise<Validation>} */
export const checkPerson = (input) => call('check_person', { input });
/** @param {string} [search] */
export const listPeople = (search) => call('list_people', { search: search || null });
/** @param {number} id */
export const getPerson = (id) => call('get_person', { id });
export const ownPerson = () => call('own_person');

/** @param {any} form @returns {Promise<Validation>} */
export const checkRequestForm = (form) => call('check_request_form', { form });
/** @param {any} form */
export const submitRequest = (form) => call('submit_request', { form });
/** @param {{search?: string, status?: string, jenis?: string}} filter */
export const listRequests = (filter) => call('list_requests', { filter });
/** @param {string} key */
export const getRequest = (key) => call('get_request', { key });

export const listUsers = () => call('list_users');
/** @param {any} user */
export const addUser = (user) => call('add_user', { user });
/** @param {{id: number, display_name: string, role: string, active: boolean}} update */
export const updateUser = (update) => call('update_user', { update });
/** @param {{user_id?: number, current?: string, password: string}} change */
export const setPassword = (change) => call('set_password', { change });

/** @param {string} key */
export const requestView = (key) => call('request_view', { key });
/** @param {string} key @param {any} action */
export const actOnStep = (key, action) => call('act_on_step', { key, action });
/** @param {string} key @param {string | null} note */
export const resubmitRequest = (key, note) => call('resubmit_request', { key, note });
/** @param {string} key @param {string} note */
export const cancelRequest = (key, note) => call('cancel_request', { key, note });
/** @param {string} key @param {string} reason @param {string | null} text */
export const correctReason = (key, reason, text) => call('correct_reason', { key, reason, text });
export const dueList = () => call('due_list');

export const listSops = () => call('list_sops');
/** @param {string} id @param {number | null} [version] */
export const getSop = (id, version) => call('get_sop', { id, version: version ?? null });
export const sopDefaults = () => call('sop_defaults');
/** @param {string} jenis @param {string} id */
export const setSopDefault = (jenis, id) => call('set_sop_default', { jenis, id });
export const importSopDialog = () => call('import_sop_dialog');
/** @param {string} id */
export const exportSopDialog = (id) => call('export_sop_dialog', { id });
export const myQueue = () => call('my_queue');

export const letterSettings = () => call('letter_settings');
/** @param {any} settings */
export const saveLetterSettings = (settings) => call('save_letter_settings', { settings });
export const emblemUploadDialog = () => call('emblem_upload_dialog');
export const letterTemplates = () => call('letter_templates');
/** @param {string} kind @param {Record<string, string>} texts */
export const saveLetterTemplate = (kind, texts) => call('save_letter_template', { kind, texts });
/** @param {string} kind */
export const resetLetterTemplate = (kind) => call('reset_letter_template', { kind });
/** @param {string} kind */
export const openSampleLetter = (kind) => call('open_sample_letter', { kind });
/** @param {string} key */
export const letterOptions = (key) => call('letter_options', { key });
/** @param {string} key */
export const requestLetters = (key) => call('request_letters', { key });
export const recentLetters = () => call('recent_letters');
/** @param {{kind: string, requests: string[], nomor?: string | null, atasan?: any}} order */
export const generateLetter = (order) => call('generate_letter', { order });
/** @param {number} versionId */
export const openLetter = (versionId) => call('open_letter', { versionId });
/** @param {number} versionId @param {string} fileName */
export const saveLetterDialog = (versionId, fileName) => call('save_letter_dialog', { versionId, fileName });
/** @param {number | null} year */
export const letterRegister = (year) => call('letter_register', { year });
/** @param {string} nomor @param {string} reason */
export const voidLetterNumber = (nomor, reason) => call('void_letter_number', { nomor, reason });
/** @param {{kind: string, nomor: string, hal: string, tanggal: string | null}} input */
export const enterLetterNumber = (input) => call('enter_letter_number', { input });
/** @param {string} code */
export const verifyLetterCode = (code) => call('verify_letter_code', { code });
export const verifyLetterDialog = () => call('verify_letter_dialog');

export const backupSettings = () => call('backup_settings');
/** @param {{keep: number, auto: boolean}} settings */
export const setBackupSettings = (settings) => call('set_backup_settings', { settings });
export const cancelJob = () => call('cancel_job');
export const backupNow = () => call('backup_now');
export const restorePick = () => call('restore_pick');
/** @param {string} path */
export const restoreConfirm = (path) => call('restore_confirm', { path });
/** @param {any} query */
export const auditLog = (query) => call('audit_log', { query });
/** @param {any} query */
export const exportAuditDialog = (query) => call('export_audit_dialog', { query });

/**
 * Listens to the progress of long jobs; returns a function that stops.
 * @param {(p: {stage: string, done: number, total: number}) => void} onProgress
 * @returns {Promise<() => void>}
 */
export async function onProgress(onProgress) {
  const tauri = /** @type {any} */ (window).__TAURI__;
  return tauri.event.listen('loket://progress', (/** @type {any} */ e) => onProgress(e.payload));
}

/**
 * The recap of a month (`{kind: 'month', year, month}`) or a year
 * (`{kind: 'year', year}`).
 * @param {{kind: string, year: number, month?: number}} period
 */
export const reportRecap = (period) => call('report_recap', { period });
/**
 * Saves the recap as PDF or Excel where the person chooses; null when cancelled.
 * @param {{kind: string, year: number, month?: number}} period @param {'pdf' | 'xlsx'} format
 * @returns {Promise<{path: string, format: string, bytes: number} | null>}
 */
export const exportReportDialog = (period, format) => call('export_report_dialog', { period, format });

/** @param {string} key @param {string} kind */
export const attachDialog = (key, kind) => call('attach_dialog', { key, kind });
/** @param {string} key @param {string} kind @param {string[]} paths */
export const attachPaths = (key, kind, paths) => call('attach_paths_cmd', { key, kind, paths });
/** @param {string} key @param {boolean} history */
export const listDocuments = (key, history) => call('list_documents', { key, history });
/** @param {number} id */
export const documentPreview = (id) => call('document_preview', { id });
/** @param {number} id */
export const openDocument = (id) => call('open_document', { id });
/** @param {number} id @param {string} reason */
export const removeDocument = (id, reason) => call('remove_document', { id, reason });
/** @param {number} id */
export const replaceDocumentDialog = (id) => call('replace_document_dialog', { id });
/** @param {number} id */
export const amsCopyDialog = (id) => call('ams_copy_dialog', { id });
/** @param {string} key */
export const amsPanel = (key) => call('ams_panel', { key });
export const checkFiles = () => call('check_files');

/**
 * Listens to files dragged onto the window (Tauri's native drag and drop).
 * @param {{enter?: () => void, leave?: () => void, drop: (paths: string[]) => void}} handlers
 * @returns {Promise<() => void>} stops listening
 */
export async function onFileDrop(handlers) {
  const tauri = /** @type {any} */ (window).__TAURI__;
  const stops = await Promise.all([
    tauri.event.listen('tauri://drag-enter', () => handlers.enter && handlers.enter()),
    tauri.event.listen('tauri://drag-leave', () => handlers.leave && handlers.leave()),
    tauri.event.listen('tauri://drag-drop', (/** @type {any} */ e) => handlers.drop((e.payload && e.payload.paths) || [])),
  ]);
  return () => stops.forEach((s) => s());
}

/** @param {any} form */
export const saveDraft = (form) => call('save_draft', { form });
/** @param {string} key @param {any} form */
export const updateDraft = (key, form) => call('update_draft', { key, form });
/** @param {string} key */
export const submitDraft = (key) => call('submit_draft', { key });
/** @param {string} jenis @returns {Promise<string[]>} */
export const applicantDocuments = (jenis) => call('applicant_documents', { jenis });

/** @param {any} query */
export const registry = (query) => call('registry', { query });
export const registryTotals = () => call('registry_totals');
export const activePerUnit = () => call('active_per_unit');
/** @param {number | null} [days] */
export const expiring = (days) => call('expiring', { days: days ?? null });
/** @param {number[]} personIds */
export const startRenewals = (personIds) => call('start_renewals', { personIds });
export const revokedList = () => call('revoked_list');
export const importPick = () => call('import_pick');
/** @param {string} path @param {Record<string, number>} mapping */
export const importPreview = (path, mapping) => call('import_preview', { path, mapping });
/** @param {string} path @param {Record<string, number>} mapping */
export const importApply = (path, mapping) => call('import_apply', { path, mapping });
/** @param {any} query */
export const exportRegistryDialog = (query) => call('export_registry_dialog', { query });
/** @param {string} key @param {'request'|'status'} kind */
export const bundleExportDialog = (key, kind) => call('bundle_export_dialog', { key, kind });
/** Picks a bundle and checks it; null when the dialog is cancelled. */
export const bundleImportPick = () => call('bundle_import_pick');
/** @param {string} path @param {string} expectedSha256 @param {boolean} confirmUpdate */
export const bundleImportApply = (path, expectedSha256, confirmUpdate) =>
  call('bundle_import_apply', { path, expectedSha256, confirmUpdate });
/** @param {string} key */
export const requestBundles = (key) => call('request_bundles', { key });
/** @param {number} id */
export const openBundleFile = (id) => call('open_bundle_file', { id });
