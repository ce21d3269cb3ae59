import { api } from './api.js';
import { showPageAlert, startShell } from './shell.js';

const KEYS_PAGE_MAX = 100;
const numbers = new Intl.NumberFormat();

function showCount(id, value, note = '') {
  document.getElementById(id).textContent = value;
  document.getElementById(`${id}-note`).textContent = note;
}

/** A failed count leaves a dash and says why, without hiding the other counts. */
function showUnavailable(id, error) {
  showCount(id, '—', error.status === 404 ? 'Not available yet' : 'Could not be loaded');
}

/** Lists give a total but not per status, so active keys are counted from one page of the caller's keys. */
async function countActiveKeys() {
  const { data, page } = await api(`/api/v1/api-keys?limit=${KEYS_PAGE_MAX}`);
  const active = data.filter((key) => key.status === 'active').length;
  const more = page.total > data.length;
  const value = more ? `${numbers.format(active)}+` : numbers.format(active);
  showCount('count-keys', value, page.total > active ? `${numbers.format(page.total)} in all, with revoked and expired` : '');
}

async function countTotal(path, id) {
  const { page } = await api(`${path}?limit=1`);
  showCount(id, numbers.format(page.total));
}

async function start() {
  let me;
  try {
    me = await startShell();
  } catch (error) {
    return showPageAlert(`The page could not be loaded: ${error.message}`);
  }
  document.getElementById('account-name').textContent = me.name;
  document.getElementById('account-email').textContent = me.email;
  document.getElementById('account-role').textContent = me.role;
  // Each count fails on its own (e.g. 404 while an endpoint does not exist yet).
  await Promise.all([
    countActiveKeys().catch((error) => showUnavailable('count-keys', error)),
    countTotal('/api/v1/tours', 'count-tours').catch((error) => showUnavailable('count-tours', error)),
    countTotal('/api/v1/events', 'count-events').catch((error) => showUnavailable('count-events', error)),
  ]);
}

await start();
