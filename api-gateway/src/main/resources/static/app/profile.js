// The signed-in person's display name, shown in the sidebar and changed in place (PATCH /api/users/me).
import { $, h } from './dom.js';
import { client, state } from './state.js';
import { attempt } from './toasts.js';
import { remember } from './users.js';

export function showMe() {
  $('me').textContent = state.me.displayName;
  $('me').title = `@${state.me.username} — click to change your display name`;
}

function rename() {
  const name = $('me');
  const input = h('input', { maxlength: 64, 'aria-label': 'Display name', value: state.me.displayName });
  const form = h('form', { class: 'rename' }, input);
  let finished = false;
  const done = () => {
    finished = true;
    if (form.isConnected) form.replaceWith(name);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (finished) return;
    finished = true;
    const displayName = input.value.trim();
    if (displayName && displayName !== state.me.displayName) {
      const me = await attempt(() => client.api.updateMe({ displayName }), 'Display name');
      if (me) {
        state.me = me;
        remember(me);
      }
    }
    if (form.isConnected) form.replaceWith(name);
    showMe();
  });
  input.addEventListener('keydown', (event) => { if (event.key === 'Escape') done(); });
  input.addEventListener('blur', () => { if (!finished) form.requestSubmit(); });
  name.replaceWith(form);
  input.focus();
  input.select();
}

$('me').addEventListener('click', rename);
$('me').addEventListener('keydown', (event) => { if (event.key === 'Enter') rename(); });
