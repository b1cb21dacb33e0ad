// Passes body codecs (passes-wire-format.md "Codecs"); decoding is canonical, as in the C# library.
import { PassesErrorCodes, PassesFormatError } from './errors.js';
import { asBytes, checkDuplicateKeys, utf8Decode, utf8Encode } from './bytes.js';

const fail = (code, message) => { throw new PassesFormatError(code, message); };

export const Void = Object.freeze({
  name: 'void',
  encode: () => new Uint8Array(),
  decode: (bytes) => (asBytes(bytes, 'Void body').length === 0 ? null : fail(PassesErrorCodes.TrailingBytes, `A Void body is empty; this one has ${bytes.length} bytes.`)),
});

export const Bytes = Object.freeze({
  name: 'bytes',
  encode: (value) => asBytes(value, 'Bytes value').slice(),
  decode: (bytes) => asBytes(bytes, 'Bytes body').slice(),
});

export const String = Object.freeze({
  name: 'string',
  encode: (value) => utf8Encode(value, 'String value'),
  decode: (bytes) => utf8Decode(asBytes(bytes, 'String body'), 'String body'),
});

export const Boolean = Object.freeze({
  name: 'boolean',
  encode: (value) => {
    if (typeof value !== 'boolean') throw new TypeError('Boolean value must be a boolean.');
    return Uint8Array.of(value ? 1 : 0);
  },
  decode: (bytes) => {
    asBytes(bytes, 'Boolean body');
    if (bytes.length !== 1 || bytes[0] > 1) fail(PassesErrorCodes.InvalidBoolean, 'A Boolean body is exactly one byte, 00 or 01.');
    return bytes[0] === 1;
  },
});

export const Number = Object.freeze({
  name: 'number',
  encode: (value) => {
    if (typeof value !== 'number') throw new TypeError('Number value must be a number.');
    const out = new Uint8Array(4);
    new DataView(out.buffer).setFloat32(0, value, true);
    return out;
  },
  decode: (bytes) => {
    asBytes(bytes, 'Number body');
    if (bytes.length !== 4) fail(PassesErrorCodes.InvalidNumber, `A Number body is exactly 4 bytes (float32 little-endian); this one has ${bytes.length}.`);
    return new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
  },
});

const CANONICAL_HEX = /^(0|[1-9a-f][0-9a-f]*)$/;

export const BigInt = Object.freeze({
  name: 'bigint',
  encode: (value) => {
    if (typeof value !== 'bigint') throw new TypeError('BigInt value must be a bigint.');
    if (value < 0n) fail(PassesErrorCodes.NegativeBigInt, 'A negative BigInt has no encoding (the reference writes "-ff", which it cannot read back).');
    return utf8Encode(value.toString(16), 'BigInt');
  },
  decode: (bytes) => {
    asBytes(bytes, 'BigInt body');
    let text;
    try { text = utf8Decode(bytes, 'BigInt body'); } catch { text = null; }
    if (text === null || !CANONICAL_HEX.test(text)) {
      fail(PassesErrorCodes.InvalidBigInt, 'A BigInt body is lowercase hexadecimal without 0x, sign or leading zeros.');
    }
    return globalThis.BigInt('0x' + text);
  },
});

export const Json = Object.freeze({
  name: 'json',
  encode: (value) => {
    let text;
    try { text = JSON.stringify(value); } catch (e) {
      throw new PassesFormatError(PassesErrorCodes.UnsupportedJsonValue, 'The value cannot be serialized as JSON.', { cause: e });
    }
    if (text === undefined) fail(PassesErrorCodes.UnsupportedJsonValue, 'The value has no JSON form (undefined, a function or a symbol).');
    return utf8Encode(text, 'JSON text');
  },
  decode: (bytes) => {
    const text = utf8Decode(asBytes(bytes, 'JSON body'), 'JSON body');
    let value;
    try { value = JSON.parse(text); } catch (e) {
      throw new PassesFormatError(PassesErrorCodes.InvalidJson, 'The body is not valid JSON.', { cause: e });
    }
    checkDuplicateKeys(text); // as the C# codec: encode cannot write one, so decode refuses it
    return value;
  },
});

/** Every codec by its vector-file name. */
export const Codecs = Object.freeze({ void: Void, bytes: Bytes, string: String, boolean: Boolean, number: Number, bigint: BigInt, json: Json });
