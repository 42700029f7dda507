// Parley's web client: plain DOM and ES modules, no build step, on the client library in lib/.
// Every user-supplied string is set with textContent (app/dom.js), never as markup: the server stores
// bodies verbatim, rendering them safely is the client's job. The refresh token lives in an HttpOnly cookie
// that no script can read; a reload resumes the session from it.
import { $ } from './app/dom.js';
import { clearComposer } from './app/composer.js';
import { forgetPartners } from './app/directs.js';
import { releaseFiles } from './app/files.js';
import './app/members.js';
import { closePanel } from './app/panel.js';
import { showMe } from './app/profile.js';
import './app/search.js';
import { loadRooms, refreshUnread, showRooms, startPolling, stopPolling } from './app/sidebar.js';
import { client, state } from './app/state.js';
import { openThread } from './app/thread.js';
import { closeRoom, hooks, openRoom } from './app/timeline.js';
import { describe, dismiss, notify } from './app/toasts.js';
import { forgetAll } from './app/users.js';

hooks.openThread = openThread;

function showSignIn(message = '') {
  $('app').hidden = true;
  $('signin').hidden = false;
  $('signin-error').textContent = message;
  $('signin-form').username.focus();
}

/** Signed in: the app, the rooms, the connection. */
async function enter() {
  state.me = await client.api.me();
  showMe();
  $('signin').hidden = true;
  $('signin-form').reset();
  $('app').hidden = false;
  await loadRooms();
  await refreshUnread();
  client.connect();
  startPolling();
  const last = sessionStorage.getItem('parley.room');
  if (last && state.rooms.has(last)) openRoom(last);
}

/** Signed out, by choice or because the session ended: nothing of the last user stays on the page. */
function leave(message) {
  stopPolling();
  closeRoom();
  closePanel();
  clearComposer();
  state.me = null;
  state.rooms.clear();
  state.unread.clear();
  showRooms();
  forgetAll();
  forgetPartners();
  releaseFiles();
  sessionStorage.removeItem('parley.room');
  document.querySelectorAll('.toast').forEach((toast) => toast.remove());
  showSignIn(message);
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const username = form.username.value.trim();
  const password = form.password.value;
  $('signin-error').textContent = '';
  try {
    if (event.submitter?.value === 'register') {
      await client.session.register({ username, password, displayName: form.displayName.value.trim() || undefined });
    }
    await client.login(username, password);
    await enter();
  } catch (error) {
    $('signin-error').textContent = describe(error);
  }
});

$('logout').addEventListener('click', async () => {
  await client.logout();
  // leave() runs from the signedOut event
});

client.on('signedOut', ({ reason }) => {
  if (state.me) leave(reason === 'expired' ? 'Your session has ended: sign in again.' : '');
});

// ---- the connection, as the user sees it

const link = $('connection');
client.on('state', ({ state: now, delayMs }) => {
  link.className = 'status ' + now;
  $('reconnect').hidden = now !== 'stopped' && now !== 'waiting';
  if (now === 'ready') {
    link.textContent = 'online';
    dismiss('connection');
  } else if (now === 'connecting') {
    link.textContent = 'connecting…';
  } else if (now === 'waiting') {
    link.textContent = `reconnecting in ${Math.ceil(delayMs / 1000)} s`;
  } else {
    link.textContent = 'offline';
  }
});

client.on('closed', ({ code, reason }) => {
  if (state.me && code !== 1000) notify(`Connection closed (${code}${reason ? ': ' + reason : ''}); reconnecting…`, { key: 'connection' });
});

client.on('stopped', ({ reason, message }) => {
  if (!state.me) return;
  if (reason === 'unauthorized' || reason === 'signed_out') {
    client.logout().finally(() => leave(message));
    return;
  }
  notify(`Disconnected: ${message}`, { error: true, sticky: true, key: 'connection' });
});

$('reconnect').addEventListener('click', () => client.connect());

client.on('error', (frame) => {
  const wait = frame.retryAfterMs ? ` (retry in ${Math.ceil(frame.retryAfterMs / 1000)} s)` : '';
  notify(`${frame.code}: ${frame.message ?? ''}${wait}`, { error: true });
});

// ---- start: resume the session the cookie holds, else sign in

(async () => {
  let resumed = false;
  try {
    resumed = await client.resume();
  } catch (error) {
    showSignIn(`Could not reach Parley: ${describe(error)}`);
    return;
  }
  if (!resumed) {
    showSignIn();
    return;
  }
  try {
    await enter();
  } catch (error) {
    showSignIn(describe(error));
  }
})();
