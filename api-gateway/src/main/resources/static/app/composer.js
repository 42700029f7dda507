// Writing a message: Enter sends, typing is signalled, files are uploaded first and sent as attachments.
import { $, formatSize, h } from './dom.js';
import { client, state } from './state.js';
import { describe, notify } from './toasts.js';
import { send } from './timeline.js';

/** Uploaded (or uploading) files for the next message. @type {{name: string, file?: import('../lib/types.js').FileInfo, uploading: Promise<any>}[]} */
let attached = [];

const form = $('send-form');
const input = form.body;

function submit() {
  const body = input.value;
  if (attached.some((a) => !a.file)) {
    notify('Wait for the upload to finish.');
    return;
  }
  const attachments = attached.map((a) => a.file.id);
  if (!body.trim() && !attachments.length) return;
  if ([...body].length > 4000) {
    notify('A message can have at most 4000 characters.', { error: true });
    return;
  }
  send(body, { attachments });
  input.value = '';
  attached = [];
  showAttached();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  submit();
});

input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submit();
  }
});

input.addEventListener('input', () => {
  if (state.current && input.value) client.socket.typing(state.current);
});

$('attach').addEventListener('change', (event) => {
  for (const file of event.target.files) upload(file);
  event.target.value = '';
});

function upload(file) {
  const entry = { name: file.name, size: file.size, file: null };
  entry.uploading = client.api.uploadFile(file).then((info) => {
    entry.file = info;
    showAttached();
  }, (error) => {
    attached = attached.filter((a) => a !== entry);
    showAttached();
    notify(`Could not upload ${file.name}: ${describe(error)}`, { error: true });
  });
  attached.push(entry);
  showAttached();
}

function showAttached() {
  $('attachments').replaceChildren(...attached.map((entry) => h('span', { class: 'chip', dataset: { file: entry.file?.id ?? '' } },
    `${entry.name} · ${entry.file ? formatSize(entry.file.size) : 'uploading…'}`,
    h('button', { type: 'button', 'aria-label': `Remove ${entry.name}`, onclick: () => {
      attached = attached.filter((a) => a !== entry);
      showAttached();
    } }, '×'))));
}

/** Forgets what was being written (another room, a logout). */
export function clearComposer() {
  input.value = '';
  attached = [];
  showAttached();
}
