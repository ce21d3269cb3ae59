import { api } from './api.js';
import { clearErrors, focusFirstInvalid, setFieldError, whileBusy } from './forms.js';
import { showPageAlert, startShell } from './shell.js';

const PAGE_SIZE = 100; // the API's maximum `limit`
const FIELDS = { name: document.getElementById('key-name'), expiresAt: document.getElementById('key-expires') };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3600], ['minute', 60]];

const state = { me: null, allUsers: false, keys: [], total: 0 };

// ---- list -------------------------------------------------------------------------------------

function relative(date) {
  const seconds = (date.getTime() - Date.now()) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** A <time> with a short text, and the full date and time as a tooltip. */
function time(iso, style) {
  if (!iso) return document.createTextNode('Never');
  const date = new Date(iso);
  const element = document.createElement('time');
  element.dateTime = iso;
  element.title = fullFormat.format(date);
  element.textContent = style === 'relative' ? relative(date) : dateFormat.format(date);
  return element;
}

function cell(row, label, content, className) {
  const td = document.createElement('td');
  // The narrow-screen layout shows each cell as "label: value".
  td.dataset.label = label;
  if (className) td.className = className;
  td.append(content);
  row.append(td);
  return td;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function renderRow(key) {
  const row = document.createElement('tr');
  row.dataset.id = key.id;
  cell(row, 'Name', element('span', 'key-name', key.name));
  cell(row, 'Prefix', element('code', 'prefix', `${key.prefix}…`));
  cell(row, 'Status', element('span', `badge badge-${key.status}`, key.status));
  cell(row, 'Created', time(key.createdAt));
  cell(row, 'Expires', time(key.expiresAt));
  cell(row, 'Last used', time(key.lastUsedAt, 'relative'));
  if (state.allUsers) cell(row, 'Owner', key.userId === state.me.userId ? 'You' : key.userId, 'owner');
  const actions = cell(row, 'Actions', '', 'row-actions');
  if (key.status === 'active') {
    const revoke = element('button', 'button small danger-outline', 'Revoke');
    revoke.type = 'button';
    revoke.setAttribute('aria-label', `Revoke ${key.name}`);
    revoke.addEventListener('click', () => askRevoke(key));
    actions.append(revoke);
  }
  return row;
}

function render() {
  const has = state.keys.length > 0;
  document.getElementById('keys-body').replaceChildren(...state.keys.map(renderRow));
  document.getElementById('keys-table-wrap').hidden = !has;
  document.getElementById('empty-state').hidden = has || state.allUsers;
  document.querySelector('th.owner').hidden = !state.allUsers;
  document.getElementById('load-more').hidden = state.keys.length >= state.total;
  const status = document.getElementById('list-status');
  if (!has) status.textContent = state.allUsers ? 'No user has an API key.' : '';
  else if (state.keys.length < state.total) status.textContent = `Showing ${state.keys.length} of ${state.total} keys.`;
  else status.textContent = state.total === 1 ? '1 key.' : `${state.total} keys.`;
}

async function loadKeys({ more = false } = {}) {
  const offset = more ? state.keys.length : 0;
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  if (state.allUsers) query.set('userId', 'all');
  const listAlert = document.getElementById('list-alert');
  listAlert.textContent = '';
  try {
    const { data, page } = await api(`/api/v1/api-keys?${query}`);
    // A key generated meanwhile shifts the offsets: skip what is already shown.
    const known = new Set(more ? state.keys.map((key) => key.id) : []);
    state.keys = [...(more ? state.keys : []), ...data.filter((key) => !known.has(key.id))];
    state.total = page.total;
    render();
  } catch (error) {
    document.getElementById('list-status').textContent = '';
    listAlert.textContent = error.status === 404 ? 'API keys are not available on this server yet.' : `The keys could not be loaded: ${error.message}`;
  }
}

document.getElementById('load-more').addEventListener('click', () => loadKeys({ more: true }));
document.getElementById('all-users').addEventListener('change', (event) => {
  state.allUsers = event.target.checked;
  document.getElementById('list-title').textContent = state.allUsers ? 'All users’ keys' : 'Your keys';
  return loadKeys();
});

// ---- generate ---------------------------------------------------------------------------------

function localDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The chosen day ends at 23:59:59.999 in the user's own timezone; sent as ISO 8601 UTC. */
function endOfDay(value) {
  const [year, month, day] = value.split('-').map(Number);
  return new Date(year, month - 1, day, 23, 59, 59, 999);
}

/** Client-side checks mirror the API's rules; the API's own `errors[]` land in the same places. */
function validate() {
  const name = FIELDS.name.value.trim();
  if (!name) setFieldError(FIELDS.name, 'Give the key a name.');
  else if (name.length > 100) setFieldError(FIELDS.name, 'Use at most 100 characters.');
  const input = FIELDS.expiresAt;
  if (input.validity.badInput) setFieldError(input, 'Enter a complete date, or leave it empty.');
  else if (input.value && endOfDay(input.value).getTime() <= Date.now()) setFieldError(input, 'Choose today or a later date.');
}

function showApiErrors(form, error) {
  const unplaced = [];
  for (const { field, message } of error.fieldErrors) {
    if (FIELDS[field]) setFieldError(FIELDS[field], message);
    else unplaced.push(message);
  }
  if (unplaced.length > 0 || error.fieldErrors.length === 0) {
    form.querySelector('.alert').textContent = unplaced.length > 0 ? unplaced.join(' ') : `The key was not generated: ${error.message}`;
  }
  focusFirstInvalid(form);
}

const form = document.getElementById('generate-form');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  validate();
  if (form.querySelector('[aria-invalid="true"]')) return focusFirstInvalid(form);
  const body = { name: FIELDS.name.value.trim() };
  if (FIELDS.expiresAt.value) body.expiresAt = endOfDay(FIELDS.expiresAt.value).toISOString();
  let created;
  try {
    created = await whileBusy(form.querySelector('[type=submit]'), 'Generating…', () => api('/api/v1/api-keys', { method: 'POST', body }));
  } catch (error) {
    return showApiErrors(form, error);
  }
  // The plaintext goes straight into the dialog; the list keeps only the key's metadata, and
  // nothing outlives this handler but the dialog's text.
  const { key, ...summary } = created;
  state.keys = [summary, ...state.keys];
  state.total += 1;
  render();
  form.reset();
  showKey(summary.name, key);
});

// ---- the key, shown once ----------------------------------------------------------------------

const keyDialog = document.getElementById('key-dialog');
const keyValue = document.getElementById('key-value');
const copied = document.getElementById('key-copied');
const closeKey = document.getElementById('close-key-dialog');
const copyStatus = document.getElementById('copy-status');

function showKey(name, key) {
  document.getElementById('key-dialog-name').textContent = name;
  keyValue.textContent = key;
  copied.checked = false;
  closeKey.disabled = true;
  copyStatus.textContent = '';
  keyDialog.showModal();
  document.getElementById('copy-key').focus();
}

document.getElementById('copy-key').addEventListener('click', async () => {
  try {
    // Read from the dialog at click time, so no variable holds the key meanwhile.
    await navigator.clipboard.writeText(keyValue.textContent);
    copyStatus.textContent = 'Copied to the clipboard.';
  } catch {
    getSelection().selectAllChildren(keyValue);
    copyStatus.textContent = 'The browser blocked copying. The key is selected: press Ctrl+C (⌘C on a Mac).';
  }
});

copied.addEventListener('change', () => {
  closeKey.disabled = !copied.checked;
});

/** Removes the key from the page. The `close` event comes a task later, so closing wipes first. */
function forgetKey() {
  keyValue.replaceChildren();
  copyStatus.textContent = '';
  getSelection().removeAllRanges();
}

closeKey.addEventListener('click', () => {
  forgetKey();
  keyDialog.close();
});

// Escape would close the dialog without the confirmation.
keyDialog.addEventListener('cancel', (event) => {
  if (copied.checked) return;
  event.preventDefault();
  copyStatus.textContent = 'Tick “I have copied this key” first: it cannot be shown again.';
});

// However else the dialog closes (the browser may force it on a repeated Escape), the key goes too.
keyDialog.addEventListener('close', () => {
  forgetKey();
  FIELDS.name.focus();
});
// Nor may the back/forward cache keep a page that still shows it.
addEventListener('pagehide', () => {
  forgetKey();
  keyDialog.close();
});

// ---- revoke -----------------------------------------------------------------------------------

const revokeDialog = document.getElementById('revoke-dialog');
const confirmRevoke = document.getElementById('confirm-revoke');
let revoking = null;

function askRevoke(key) {
  revoking = key;
  document.getElementById('revoke-name').textContent = key.name;
  document.getElementById('revoke-prefix').textContent = key.prefix;
  document.getElementById('revoke-alert').textContent = '';
  revokeDialog.showModal();
  document.getElementById('cancel-revoke').focus();
}

document.getElementById('cancel-revoke').addEventListener('click', () => revokeDialog.close());
revokeDialog.addEventListener('close', () => {
  revoking = null;
});

confirmRevoke.addEventListener('click', async () => {
  const key = revoking;
  let updated;
  try {
    updated = await whileBusy(confirmRevoke, 'Revoking…', () => api(`/api/v1/api-keys/${encodeURIComponent(key.id)}/revoke`, { method: 'POST' }));
  } catch (error) {
    document.getElementById('revoke-alert').textContent = `The key was not revoked: ${error.message}`;
    return;
  }
  state.keys = state.keys.map((item) => (item.id === updated.id ? updated : item));
  render();
  revokeDialog.close();
  // The row's Revoke button is gone; keep the keyboard in the list.
  document.getElementById('list-title').focus();
});

// ---- start ------------------------------------------------------------------------------------

FIELDS.expiresAt.min = localDate(new Date());
try {
  state.me = await startShell();
  document.getElementById('all-users-toggle').hidden = state.me.role !== 'admin';
  await loadKeys();
} catch (error) {
  showPageAlert(`The page could not be loaded: ${error.message}`);
}
