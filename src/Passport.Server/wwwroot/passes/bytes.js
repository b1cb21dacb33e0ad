// Byte helpers shared by the Passes modules: strict UTF-8, hex, base64url, concatenation, length prefixes.
import { PassesErrorCodes, PassesFormatError } from './errors.js';

// ignoreBOM: false (the default, as the reference decodes): a leading U+FEFF is dropped, one elsewhere is kept.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const encoder = new TextEncoder();

/** Encodes a string as UTF-8; a lone surrogate (which TextEncoder would silently replace) is refused. */
export function utf8Encode(text, what) {
  if (typeof text !== 'string') throw new TypeError(`${what} must be a string.`);
  if (!text.isWellFormed()) {
    throw new PassesFormatError(PassesErrorCodes.InvalidUtf16, `${what} contains a lone surrogate, which has no UTF-8 form.`);
  }
  return encoder.encode(text);
}

/** Decodes strict UTF-8: invalid sequences are refused, never replaced by U+FFFD. */
export function utf8Decode(bytes, what) {
  try {
    return strictDecoder.decode(bytes);
  } catch (e) {
    throw new PassesFormatError(PassesErrorCodes.InvalidUtf8, `${what} is not valid UTF-8.`, { cause: e });
  }
}

/** Throws InvalidJson when an object in valid JSON `text` names a member twice (JSON.parse would keep the last). */
export function checkDuplicateKeys(text) {
  const open = []; // a Set of names per open object, null per open array
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') { open.push(new Set()); expectKey = true; }
    else if (c === '[') { open.push(null); expectKey = false; }
    else if (c === '}' || c === ']') { open.pop(); expectKey = false; }
    else if (c === ',') { expectKey = open.at(-1) instanceof Set; }
    else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (expectKey) {
        const name = JSON.parse(text.slice(i, end + 1));
        if (open.at(-1).has(name)) {
          throw new PassesFormatError(PassesErrorCodes.InvalidJson, `The member ${JSON.stringify(name)} appears twice in one object.`);
        }
        open.at(-1).add(name);
        expectKey = false;
      }
      i = end;
    }
  }
}

/** Requires a Uint8Array (the Passes ABI type). */
export function asBytes(value, what) {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${what} must be a Uint8Array.`);
  return value;
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out;
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex) {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError('not hexadecimal');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toBase64Url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new TypeError('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Writes `[length − 1 in width bytes, big-endian][field]`; a field must be 1..256 (width 1) or 1..65536 (width 2) bytes. */
export function writeLengthPrefixed(field, width, what) {
  const max = width === 1 ? 256 : 65536;
  if (field.length === 0 || field.length > max) {
    throw new PassesFormatError(PassesErrorCodes.FieldLength, `${what} must be 1..${max} bytes; it has ${field.length}.`);
  }
  const stored = field.length - 1;
  const prefix = width === 1 ? Uint8Array.of(stored) : Uint8Array.of(stored >> 8, stored & 0xff);
  return concat(prefix, field);
}

/** Reads a `[length − 1][field]`; returns [field, rest]. */
export function readLengthPrefixed(input, width, what) {
  if (input.length < width) throw new PassesFormatError(PassesErrorCodes.Truncated, `${what}: length prefix is missing.`);
  const length = (width === 1 ? input[0] : (input[0] << 8) | input[1]) + 1;
  const after = input.subarray(width);
  if (after.length < length) {
    throw new PassesFormatError(PassesErrorCodes.Truncated, `${what}: declares ${length} bytes but only ${after.length} remain.`);
  }
  return [after.subarray(0, length), after.subarray(length)];
}
