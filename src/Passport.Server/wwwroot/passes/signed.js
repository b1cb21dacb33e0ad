// Signed results (passes-wire-format.md): `[u16be len−1][JWK JSON][u16be len−1][signature][body]`, Ed25519 over
// the codec body ONLY. The signature binds nothing else: put topic, request hash, nonce, origin and time in the body.
import { PassesErrorCodes, PassesFormatError, PassesSignatureError } from './errors.js';
import { concat, fromBase64Url, readLengthPrefixed, toBase64Url, utf8Decode, utf8Encode, writeLengthPrefixed } from './bytes.js';
import { decodeResult, encodeResult, ResultStatus } from './envelope.js';

const ED25519 = { name: 'Ed25519' };

/** The JWK JSON exactly as the C# library and the reference write it. */
export function jwkJson(x) {
  return `{"kty":"OKP","crv":"Ed25519","x":"${x}"}`;
}

/** RFC 7638 thumbprint of an Ed25519 public key given by its `x`. */
export async function thumbprint(x) {
  const canonical = utf8Encode(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`, 'JWK');
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', canonical)));
}

/** Parses a signer JWK strictly: an object, kty OKP, crv Ed25519, x = 32 bytes unpadded base64url, no `d`. */
export function parseJwk(bytes) {
  let jwk;
  try { jwk = JSON.parse(utf8Decode(bytes, 'JWK')); } catch (e) {
    if (e instanceof PassesFormatError) throw e;
    throw new PassesFormatError(PassesErrorCodes.InvalidJwk, 'The JWK is not valid JSON.', { cause: e });
  }
  const invalid = (why) => new PassesFormatError(PassesErrorCodes.InvalidJwk, `The signer key is not an Ed25519 public JWK: ${why}.`);
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) throw invalid('it is not a JSON object');
  if ('d' in jwk) throw invalid('it contains private key material (d)');
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw invalid('kty must be OKP and crv must be Ed25519');
  if (typeof jwk.x !== 'string') throw invalid('x is missing');
  let raw;
  try { raw = fromBase64Url(jwk.x); } catch { throw invalid('x is not base64url'); }
  if (raw.length !== 32 || toBase64Url(raw) !== jwk.x) throw invalid('x must be 32 bytes in unpadded base64url');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
}

export function encodeSignedBody({ jwk, signature, body }) {
  return concat(writeLengthPrefixed(jwk, 2, 'JWK'), writeLengthPrefixed(signature, 2, 'Signature'), body);
}

export function decodeSignedBody(bytes) {
  const [jwk, afterKey] = readLengthPrefixed(bytes, 2, 'Signed result key');
  const [signature, body] = readLengthPrefixed(afterKey, 2, 'Signed result signature');
  return { jwk: jwk.slice(), signature: signature.slice(), body: body.slice() };
}

/** The public `x` of a WebCrypto Ed25519 public key. */
export async function publicX(publicKey) {
  return (await crypto.subtle.exportKey('jwk', publicKey)).x;
}

/** Signs a codec body: returns the signed body (not yet wrapped in a result envelope). */
export async function signBody(keyPair, body) {
  const x = await publicX(keyPair.publicKey);
  const signature = new Uint8Array(await crypto.subtle.sign(ED25519, keyPair.privateKey, body));
  return encodeSignedBody({ jwk: utf8Encode(jwkJson(x), 'JWK'), signature, body });
}

/** `00` + signed body. */
export async function signAcceptedResult(keyPair, body) {
  return encodeResult({ status: ResultStatus.Accepted, body: await signBody(keyPair, body) });
}

/**
 * Verifies a signed body. `expectedThumbprint` null accepts any signer (then check `signerThumbprint` yourself).
 * Returns `{ jwk, signerThumbprint, body }`. This proves only who signed the body, not what it answers.
 */
export async function verifySignedBody(bytes, expectedThumbprint) {
  const parts = decodeSignedBody(bytes);
  const jwk = parseJwk(parts.jwk);
  const signerThumbprint = await thumbprint(jwk.x);
  if (parts.signature.length !== 64) {
    throw new PassesSignatureError(PassesErrorCodes.InvalidSignature, `An Ed25519 signature is 64 bytes; this one is ${parts.signature.length}.`);
  }
  let key;
  try { key = await crypto.subtle.importKey('jwk', jwk, ED25519, true, ['verify']); } catch (e) {
    throw new PassesFormatError(PassesErrorCodes.InvalidJwk, 'The signer key is not a valid Ed25519 public key.', { cause: e });
  }
  if (!(await crypto.subtle.verify(ED25519, key, parts.signature, parts.body))) {
    throw new PassesSignatureError(PassesErrorCodes.InvalidSignature, 'The signature does not verify over the body.');
  }
  if (expectedThumbprint != null && expectedThumbprint !== signerThumbprint) {
    throw new PassesSignatureError(PassesErrorCodes.SignerMismatch, `The result is signed by ${signerThumbprint}, not by the expected key.`);
  }
  return { jwk, signerThumbprint, body: parts.body };
}

/** Decodes a result envelope, requires accepted, verifies the signed body. */
export async function verifySignedResult(bytes, expectedThumbprint) {
  const result = decodeResult(bytes);
  if (result.status !== ResultStatus.Accepted) {
    throw new PassesFormatError(PassesErrorCodes.NotAccepted, `The result is ${result.status}; only accepted results are signed.`);
  }
  return verifySignedBody(result.body, expectedThumbprint);
}
