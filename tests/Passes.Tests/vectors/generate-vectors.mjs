// Generates passes-vectors.json from the examples in /work/shared/passes-wire-format.md.
// It is an independent, minimal JavaScript encoder (JSON.stringify, DataView, node:crypto), so the C# library
// and a future JS library are both checked against bytes neither of them produced.
// Run: node generate-vectors.mjs > passes-vectors.json
import { createPrivateKey, createPublicKey, sign, createHash } from 'node:crypto';

const enc = new TextEncoder();
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const cat = (...parts) => Uint8Array.from(parts.flatMap((p) => [...p]));
const u8 = (n) => Uint8Array.of(n);
const u16 = (n) => Uint8Array.of(n >> 8, n & 0xff);
const u32 = (n) => Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
const request = (topic, body) => { const t = enc.encode(topic); return cat(u8(0), u8(t.length - 1), t, body); };
const json = (value) => enc.encode(JSON.stringify(value));
const f32 = (n) => { const b = new Uint8Array(4); new DataView(b.buffer).setFloat32(0, n, true); return b; };
const batch = (entries) => cat(...entries.flatMap((e) => [u32(e.length), e]));

const v = [];
const req = (name, topic, body, extra = {}) => v.push({ name, kind: 'request', topic, bodyHex: hex(body), requestHex: hex(request(topic, body)), ...extra });
const res = (name, status, rest, extra = {}) => v.push({ name, kind: 'result', status, ...extra, resultHex: hex(cat(u8(['accepted', 'rejected', 'unsupported', 'exception'].indexOf(status)), rest)) });
const codec = (name, codecName, value, bytes) => v.push({ name, kind: 'codec', codec: codecName, value, bytesHex: hex(bytes) });
const jsonCodec = (name, valueJson) => v.push({ name, kind: 'codec', codec: 'json', valueJson, bytesHex: hex(json(JSON.parse(valueJson))) });
const err = (name, kind, field, h, error, extra = {}) => v.push({ name, kind, ...extra, [field]: h, error });

// Request envelopes
req('request: wire-format example, com.example.test, empty body', 'com.example.test', new Uint8Array());
req('request: string body', 'com.example.get-email', enc.encode('hi'));
req('request: one-byte topic', 'a', Uint8Array.of(0xff));
req('request: 256-byte topic (length byte ff)', 'x'.repeat(256), new Uint8Array());
req('request: non-ASCII topic', 'org.exämple.tøpic', Uint8Array.of(1, 2, 3));

// Result envelopes
res('result: accepted, empty body', 'accepted', new Uint8Array(), { bodyHex: '' });
res('result: accepted, body', 'accepted', enc.encode('alice@example.com'), { bodyHex: hex(enc.encode('alice@example.com')) });
res('result: rejected', 'rejected', new Uint8Array());
res('result: unsupported', 'unsupported', new Uint8Array());
res('result: exception with message', 'exception', enc.encode('boom ✗'), { message: 'boom ✗' });
res('result: exception, empty message', 'exception', new Uint8Array(), { message: '' });

// Codecs
codec('codec void: empty', 'void', null, new Uint8Array());
codec('codec bytes: as they are', 'bytes', '00ff10', Uint8Array.of(0, 0xff, 0x10));
codec('codec string: UTF-8', 'string', 'héllo 🌍', enc.encode('héllo 🌍'));
codec('codec string: empty', 'string', '', new Uint8Array());
codec('codec boolean: true', 'boolean', true, Uint8Array.of(1));
codec('codec boolean: false', 'boolean', false, Uint8Array.of(0));
codec('codec number: wire-format example 1.5', 'number', 1.5, f32(1.5));
codec('codec number: -2', 'number', -2, f32(-2));
codec('codec number: 0.1 (lossy float32)', 'number', Math.fround(0.1), f32(0.1));
codec('codec number: 0', 'number', 0, f32(0));
codec('codec bigint: wire-format example 255', 'bigint', '255', enc.encode((255n).toString(16)));
codec('codec bigint: 0', 'bigint', '0', enc.encode((0n).toString(16)));
codec('codec bigint: 2^128', 'bigint', (2n ** 128n).toString(), enc.encode((2n ** 128n).toString(16)));
jsonCodec('codec json: wire-format example "é" unescaped', '"é"');
jsonCodec('codec json: key order kept, compact', '{ "b": 1, "a": [true, false, null], "c": {"z": "y"} }');
jsonCodec('codec json: escapes quote, backslash, controls', '"q\\" b\\\\ \\b\\f\\n\\r\\t \\u0001 \\u001f \\u007f"');
jsonCodec('codec json: U+2028 and emoji stay literal', '"\\u2028 \\u2029 😀 <>&\'"');
jsonCodec('codec json: numbers as JavaScript writes them', '[1.0, -0, 0.1, 1e21, 1e20, 123456789012345678901, 1e-7, 0.000001, 5e-324, 1.7976931348623157e308, -1.5e-10, 100, 12345678901234567890]');
jsonCodec('codec json: empty object and array', '{"a":{},"b":[]}');

// Built-in topics
const pt = { uri: 'https://provider.example/passes', topics: ['com.git-scm.remote-urls', 'com.example.get-email'] };
req('topic org.passes.provide-topics', 'org.passes.provide-topics', json(pt), { valueJson: JSON.stringify(pt) });
const pp = { uri: 'https://provider.example/passes' };
req('topic org.passes.provide-pass without principal', 'org.passes.provide-pass', json(pp), { valueJson: JSON.stringify(pp) });
const pp2 = { uri: 'https://provider.example/passes', principal: 'user-42' };
req('topic org.passes.provide-pass with principal', 'org.passes.provide-pass', json(pp2), { valueJson: JSON.stringify(pp2) });
const inner1 = request('com.example.get-email', new Uint8Array());
const inner2 = request('com.example.test', Uint8Array.of(1));
req('topic org.passes.request-batch, two requests', 'org.passes.request-batch', batch([inner1, inner2]), { entriesHex: [hex(inner1), hex(inner2)] });
req('topic org.passes.request-batch, empty', 'org.passes.request-batch', new Uint8Array(), { entriesHex: [] });
const r1 = cat(u8(0), enc.encode('alice@example.com'));
const r2 = u8(1);
res('topic org.passes.request-batch result, two results', 'accepted', batch([r1, r2]), { topic: 'org.passes.request-batch', entriesHex: [hex(r1), hex(r2)] });
const provider = enc.encode('https://provider.example/passes');
req('topic org.passes.request-with-default-provider', 'org.passes.request-with-default-provider', cat(u8(provider.length - 1), provider, inner1), { defaultProvider: 'https://provider.example/passes', innerRequestHex: hex(inner1) });
res('topic org.passes.request-with-default-provider result wraps the inner result', 'accepted', r1, { topic: 'org.passes.request-with-default-provider', innerResultHex: hex(r1) });

// Signed result (fixed seed: Ed25519 is deterministic)
const seed = Buffer.alloc(32, 0); for (let i = 0; i < 32; i++) seed[i] = i + 1;
const priv = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
const { x } = createPublicKey(priv).export({ format: 'jwk' });
const jwk = { kty: 'OKP', crv: 'Ed25519', x };
const thumbprint = createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
const body = json({ topic: 'com.example.approve', requestHash: createHash('sha256').update(inner1).digest('base64url'), nonce: 'n-1', origin: 'https://app.example', issuedAt: 1700000000, payload: { amount: 5 } });
const sig = sign(null, body, priv);
const jwkBytes = json(jwk);
const signedBody = cat(u16(jwkBytes.length - 1), jwkBytes, u16(sig.length - 1), sig, body);
v.push({ name: 'signed result: approval body, seed 01..20', kind: 'signed', seedHex: hex(seed), jwk: JSON.stringify(jwk), thumbprint, bodyHex: hex(body), signatureHex: hex(sig), signedBodyHex: hex(signedBody), resultHex: hex(cat(u8(0), signedBody)) });
const tampered = Uint8Array.from(signedBody); tampered[tampered.length - 1] ^= 1;
err('signed error: body tampered', 'signed-error', 'signedBodyHex', hex(tampered), 'passes.invalid_signature');
err('signed error: truncated inside the key', 'signed-error', 'signedBodyHex', hex(signedBody.slice(0, 10)), 'passes.truncated');

// Errors the reference does not detect (this implementation must)
err('request error: empty', 'request-error', 'requestHex', '', 'passes.truncated');
err('request error: version only', 'request-error', 'requestHex', '00', 'passes.truncated');
err('request error: topic shorter than declared (reference quirk 000561)', 'request-error', 'requestHex', '000561', 'passes.truncated');
err('request error: unknown version', 'request-error', 'requestHex', '01000061', 'passes.unknown_version');
err('request error: topic not UTF-8', 'request-error', 'requestHex', '0001c328', 'passes.invalid_utf8');
err('request encode error: empty topic (reference writes 00ff)', 'request-encode-error', 'topic', '', 'passes.topic_empty');
err('request encode error: 257-byte topic (reference wraps length to 00)', 'request-encode-error', 'topic', 'x'.repeat(257), 'passes.topic_too_long');
err('result error: empty', 'result-error', 'resultHex', '', 'passes.empty_result');
err('result error: status 04', 'result-error', 'resultHex', '04', 'passes.unknown_status');
err('result error: status ff', 'result-error', 'resultHex', 'ff00', 'passes.unknown_status');
err('result error: bytes after rejected', 'result-error', 'resultHex', '0100', 'passes.trailing_bytes');
err('result error: bytes after unsupported', 'result-error', 'resultHex', '02ff', 'passes.trailing_bytes');
err('result error: exception message not UTF-8', 'result-error', 'resultHex', '03ff', 'passes.invalid_utf8');
err('codec error: boolean 02', 'codec-error', 'bytesHex', '02', 'passes.invalid_boolean', { codec: 'boolean' });
err('codec error: boolean empty', 'codec-error', 'bytesHex', '', 'passes.invalid_boolean', { codec: 'boolean' });
err('codec error: number 3 bytes', 'codec-error', 'bytesHex', '0000c0', 'passes.invalid_number', { codec: 'number' });
err('codec error: bigint uppercase', 'codec-error', 'bytesHex', hex(enc.encode('FF')), 'passes.invalid_bigint', { codec: 'bigint' });
err('codec error: bigint negative (reference writes -ff)', 'codec-error', 'bytesHex', hex(enc.encode('-ff')), 'passes.invalid_bigint', { codec: 'bigint' });
err('codec error: bigint 0x prefix', 'codec-error', 'bytesHex', hex(enc.encode('0xff')), 'passes.invalid_bigint', { codec: 'bigint' });
err('codec error: bigint empty', 'codec-error', 'bytesHex', '', 'passes.invalid_bigint', { codec: 'bigint' });
err('codec error: string not UTF-8', 'codec-error', 'bytesHex', 'c3', 'passes.invalid_utf8', { codec: 'string' });
err('codec error: void with bytes', 'codec-error', 'bytesHex', '00', 'passes.trailing_bytes', { codec: 'void' });
err('codec error: json invalid', 'codec-error', 'bytesHex', hex(enc.encode('{"a":')), 'passes.invalid_json', { codec: 'json' });
err('codec encode error: negative bigint', 'codec-encode-error', 'value', '-255', 'passes.negative_bigint', { codec: 'bigint' });
// Decisions shared by both libraries where the reference's own behaviour is the rule (TextDecoder drops one leading
// BOM) or where encode cannot write what decode would otherwise accept (an object naming a member twice).
const codecDecode = (name, codecName, bytes) => v.push({ name, kind: 'codec-decode', codec: codecName, bytesHex: hex(bytes), value: new TextDecoder().decode(bytes) });
codecDecode('codec decode: string, leading BOM dropped as TextDecoder does', 'string', Uint8Array.of(0xef, 0xbb, 0xbf, 0x61));
codecDecode('codec decode: string, only the first of two BOMs dropped', 'string', Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61));
codecDecode('codec decode: string, inner BOM kept', 'string', Uint8Array.of(0x61, 0xef, 0xbb, 0xbf, 0x62));
err('codec error: json duplicate key', 'codec-error', 'bytesHex', hex(enc.encode('{"a":1,"a":2}')), 'passes.invalid_json', { codec: 'json' });
err('codec error: json duplicate key, nested and escaped', 'codec-error', 'bytesHex', hex(enc.encode('[{"x":{"a\\u0062":1,"ab":2}}]')), 'passes.invalid_json', { codec: 'json' });
err('batch error: entry length past the end', 'request-error', 'requestHex', hex(request('org.passes.request-batch', Uint8Array.of(0, 0, 0, 9, 0))), 'passes.truncated');
err('batch error: nested batch', 'request-error', 'requestHex', hex(request('org.passes.request-batch', batch([request('org.passes.request-batch', new Uint8Array())]))), 'passes.nested_wrapper');

console.log(JSON.stringify({ description: 'Passes wire-format test vectors (EnvelopeV0). Generated by generate-vectors.mjs from passes-wire-format.md. Hex is lowercase. Error codes are PassesErrorCodes. request-error: decode the envelope, then (for a built-in topic) its body with that topic\'s request codec; the first failure must carry the code. codec json: encode JSON.parse(valueJson). codec bigint values are decimal strings; bytes values are hex.', vectors: v }, null, 2));
