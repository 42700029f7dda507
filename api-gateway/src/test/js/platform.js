// What the tests against a running platform share: its address, new users, clients and waiting.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import { ParleyClient } from '../../main/resources/static/lib/parley-client.js';

/** The api-gateway of the platform under test (ClientLibraryTests sets it). */
export const BASE_URL = process.env.PARLEY_URL;
/** For `describe`/`test` options: these tests need the platform. */
export const needsPlatform = { skip: BASE_URL ? false : 'PARLEY_URL is not set: run through ClientLibraryTests' };
export const PASSWORD = 'correct horse battery';

const clients = [];
after(() => clients.forEach((client) => client.socket.reset()));

export function uniqueName(prefix) {
  return prefix + randomBytes(5).toString('hex');
}

// The edge allows 10 registrations an hour per address: each test user registers from a loopback address
// of its own (Linux routes 127.0.0.0/8 to lo), kept apart from the Java tests' 127.77.x.y.
let nextAddress = randomBytes(2).readUInt16BE() % 60_000;

/** Registers a user from an address of its own. @returns {Promise<{id: string, username: string}>} */
export function register(prefix = 'u') {
  const username = uniqueName(prefix);
  const n = nextAddress++ % 62_500;
  const localAddress = `127.78.${Math.floor(n / 250) + 1}.${(n % 250) + 1}`;
  const body = JSON.stringify({ username, password: PASSWORD });
  const url = new URL('/api/auth/register', BASE_URL);
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', localAddress, headers: { 'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => (response.statusCode === 201 ? resolve(JSON.parse(text))
        : reject(new Error(`register ${username}: ${response.statusCode} ${text}`))));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** A client of the platform, closed when the file's tests end. */
export function newClient(options = {}) {
  const client = new ParleyClient({ baseUrl: BASE_URL, backoff: { initialMs: 200, maxMs: 2000 }, ...options });
  clients.push(client);
  return client;
}

/** A registered user's signed-in client. */
export async function signedIn(prefix = 'u', options = {}) {
  const user = await register(prefix);
  const client = newClient(options);
  await client.login(user.username, PASSWORD);
  return Object.assign(client, { user });
}

/** A connected client (its socket ready). */
export async function connected(prefix = 'u', options = {}) {
  const client = await signedIn(prefix, options);
  const ready = client.socket.next('ready', undefined, 15_000);
  client.connect();
  await ready;
  return client;
}

/** A public room of `owner`'s that the others have joined. */
export async function roomOf(owner, ...others) {
  const room = await owner.api.createRoom({ name: uniqueName('room-'), visibility: 'public' });
  for (const other of others) await other.api.join(room.id);
  return room;
}

/** Everything `client` emits of `type`, as it comes. */
export function collect(client, type, accept = () => true) {
  const seen = [];
  client.on(type, (payload) => { if (accept(payload)) seen.push(payload); });
  return seen;
}

/** Waits until `condition()` holds (polled), or fails naming `what`. */
export async function until(condition, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A WebSocket class that records each connection it makes, so a test can cut one off. */
export function recordingWebSocket(opened) {
  return class extends globalThis.WebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      opened.push(this);
    }
  };
}

/** 1..n */
export const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Another connected client of a user who exists already (a second device). */
export async function connectedAs(user, options = {}) {
  const client = newClient(options);
  await client.login(user.username, PASSWORD);
  const ready = client.socket.next('ready', undefined, 15_000);
  client.connect();
  await ready;
  return Object.assign(client, { user });
}
