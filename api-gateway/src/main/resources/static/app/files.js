// Attachments (contract §6): files are read with the bearer token, so images are fetched as blobs and shown
// through object URLs (the policy allows blob: images), and other files are saved the same way.
import { formatSize, h } from './dom.js';
import { client } from './state.js';
import { attempt } from './toasts.js';

/** @type {Map<string, Promise<string>>} file id → object URL */
const objectUrls = new Map();

function objectUrl(fileId) {
  if (!objectUrls.has(fileId)) {
    const url = client.api.file(fileId).then((blob) => URL.createObjectURL(blob));
    url.catch(() => objectUrls.delete(fileId));
    objectUrls.set(fileId, url);
  }
  return objectUrls.get(fileId);
}

/** An attachment: an image preview, or a button that saves the file. */
export function attachmentView(file) {
  if (file.contentType?.startsWith('image/')) {
    const image = h('img', { alt: file.name, title: `${file.name} (${formatSize(file.size)})`, dataset: { file: file.id } });
    objectUrl(file.id).then((url) => { image.src = url; }, () => { image.alt = `${file.name} (could not be loaded)`; });
    return image;
  }
  return h('button', {
    type: 'button', class: 'file', title: file.contentType,
    onclick: () => attempt(async () => {
      const link = h('a', { href: await objectUrl(file.id), download: file.name });
      document.body.append(link);
      link.click();
      link.remove();
    }, 'Download'),
  }, `${file.name} · ${formatSize(file.size)}`);
}

/** Frees the object URLs (on logout). */
export function releaseFiles() {
  for (const url of objectUrls.values()) url.then((u) => URL.revokeObjectURL(u), () => {});
  objectUrls.clear();
}
