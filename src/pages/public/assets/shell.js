import { api, request } from './api.js';

/**
 * The part every dashboard page shares: who is signed in (from GET /api/v1/me, which also sends a
 * signed-out visitor to /login) and the sign-out button. Resolves with the /me object.
 */
export async function startShell() {
  const signOut = document.getElementById('sign-out');
  signOut.addEventListener('click', async () => {
    signOut.disabled = true;
    try {
      await request('/api/auth/sign-out', { method: 'POST', body: {} });
      location.replace('/login');
    } catch (error) {
      showPageAlert(`Signing out failed: ${error.message}`);
      signOut.disabled = false;
    }
  });

  const me = await api('/api/v1/me');
  document.getElementById('me-name').textContent = me.name;
  document.getElementById('me-role').textContent = me.role;
  document.getElementById('account').hidden = false;
  return me;
}

export function showPageAlert(message) {
  document.getElementById('page-alert').textContent = message;
}
