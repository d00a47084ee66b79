// Where the page keeps its state: the link (#s=..., the configuration and at most a few
// samples, so a link shares a configuration) and this browser's localStorage (everything,
// including large sample lists, written at once so a reload never loses an edit).

const STATE_KEY = 'cidt-page-state';
const SAMPLES_KEY = 'cidt-page-samples';
/** Samples travel in the link only when there are this few of them. */
export const LINK_SAMPLES_MAX = 20;
const LINK_SAMPLES_CHARS = 1000;

function b64urlEncode(str) {
  let bin = '';
  for (const b of new TextEncoder().encode(str)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlDecode(str) {
  const b64 = str.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The samples the link may carry: all of them if they are few and short, else none. */
export function linkSamples(lines) {
  if (lines.length > LINK_SAMPLES_MAX) return undefined;
  if (lines.reduce((n, s) => n + s.length + 1, 0) > LINK_SAMPLES_CHARS) return undefined;
  return lines;
}

/** `{doc, samples?, selected}` -> `#s=...`. */
export function encodeHash(data) {
  return '#s=' + b64urlEncode(JSON.stringify(data));
}

/** `#s=...` -> the data, null if there is no state in the hash; throws if it is unreadable. */
export function decodeHash(hash) {
  if (!hash.startsWith('#s=')) return null;
  const data = JSON.parse(b64urlDecode(hash.slice(3)));
  if (!data || typeof data !== 'object' || !data.doc) throw new Error('no document');
  return data;
}

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false; // storage full or disabled: the link still holds the configuration
  }
}

/** The state this browser saved last: `{doc, selected, hash, curl}` or null. */
export function loadLocal() {
  try {
    const text = read(STATE_KEY);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export function saveLocal(data) {
  write(STATE_KEY, JSON.stringify(data));
}

export function loadSamples() {
  return read(SAMPLES_KEY);
}

export function saveSamples(text) {
  return write(SAMPLES_KEY, text);
}
