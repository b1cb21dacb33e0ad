// RequestTopic (topic id + codecs) and the built-in Passes topics, as in the C# library.
import { PassesErrorCodes, PassesFormatError } from './errors.js';
import { asBytes, concat, readLengthPrefixed, utf8Decode, utf8Encode, writeLengthPrefixed } from './bytes.js';
import { decodeRequest, decodeResult, encodeRequest, encodeResult, ResultStatus, topicBytes } from './envelope.js';
import { Json, Void } from './codecs.js';

/** A typed topic: `encodeRequest(value)`, `decodeRequest(bytes)`, `encodeResult(result)`, `decodeResult(bytes)`. */
export class RequestTopic {
  constructor({ id, requestBodyCodec, resultBodyCodec }) {
    topicBytes(id);
    this.id = id;
    this.requestBodyCodec = requestBodyCodec;
    this.resultBodyCodec = resultBodyCodec;
  }

  encodeRequest(value) {
    return encodeRequest(this.id, this.requestBodyCodec.encode(value));
  }

  decodeRequest(bytes) {
    const { topic, body } = decodeRequest(bytes);
    if (topic !== this.id) throw new PassesFormatError(PassesErrorCodes.TopicMismatch, `Expected a request for ${this.id}; got ${topic}.`);
    return this.requestBodyCodec.decode(body);
  }

  /** `{status:'accepted', body: value}` or another status. */
  encodeResult(result) {
    return result.status === ResultStatus.Accepted
      ? encodeResult({ status: ResultStatus.Accepted, body: this.resultBodyCodec.encode(result.body) })
      : encodeResult(result);
  }

  decodeResult(bytes) {
    const result = decodeResult(bytes);
    return result.status === ResultStatus.Accepted ? { status: result.status, body: this.resultBodyCodec.decode(result.body) } : result;
  }

  /** Sends the request through `document.passes.request` and decodes the result. */
  async sendRequest(value, passes = globalThis.document?.passes) {
    if (!passes) throw new TypeError('document.passes is not installed (load passes/polyfill.js).');
    return this.decodeResult(await passes.request(this.encodeRequest(value)));
  }
}

const BATCH_ID = 'org.passes.request-batch';
const DEFAULT_PROVIDER_ID = 'org.passes.request-with-default-provider';

function u32(n) { return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff); }

function encodeFrames(entries) { return concat(...entries.flatMap((e) => [u32(e.length), e])); }

function decodeFrames(bytes, what) {
  const entries = [];
  let rest = asBytes(bytes, what);
  while (rest.length > 0) {
    if (rest.length < 4) throw new PassesFormatError(PassesErrorCodes.Truncated, `${what} entry ${entries.length}: length is cut short.`);
    const length = ((rest[0] << 24) >>> 0) + (rest[1] << 16) + (rest[2] << 8) + rest[3];
    rest = rest.subarray(4);
    if (length > rest.length) throw new PassesFormatError(PassesErrorCodes.Truncated, `${what} entry ${entries.length}: declares ${length} bytes but only ${rest.length} remain.`);
    entries.push(rest.slice(0, length));
    rest = rest.subarray(length);
  }
  return entries;
}

function checkInnerRequest(bytes, index) {
  const { topic } = decodeRequest(bytes);
  if (topic === BATCH_ID || topic === DEFAULT_PROVIDER_ID) {
    throw new PassesFormatError(PassesErrorCodes.NestedWrapper, `Batch entry ${index}: a batch cannot contain ${topic}.`);
  }
  return bytes;
}

/** Body: an array of request envelopes (Uint8Array each). */
export const RequestBatchCodec = Object.freeze({
  encode: (entries) => encodeFrames(entries.map(checkInnerRequest)),
  decode: (bytes) => decodeFrames(bytes, 'Batch request').map(checkInnerRequest),
});

/** Body: an array of result envelopes (Uint8Array each). */
export const ResultBatchCodec = Object.freeze({
  encode: (entries) => encodeFrames(entries.map((e) => (decodeResult(e), e))),
  decode: (bytes) => decodeFrames(bytes, 'Batch result').map((e) => (decodeResult(e), e)),
});

/** Body: `{ defaultProvider: string, request: Uint8Array }`. */
export const DefaultProviderRequestCodec = Object.freeze({
  encode: ({ defaultProvider, request } = {}) => {
    if (defaultProvider == null || request == null) {
      throw new PassesFormatError(PassesErrorCodes.MissingValue, request == null
        ? 'The default-provider request has no inner request.' : 'The default-provider request has no provider URI.');
    }
    if (decodeRequest(request).topic === DEFAULT_PROVIDER_ID) {
      throw new PassesFormatError(PassesErrorCodes.NestedWrapper, 'A request with default provider cannot contain another request with default provider.');
    }
    return concat(writeLengthPrefixed(utf8Encode(defaultProvider, 'Default provider URI'), 1, 'The default provider URI'), request);
  },
  decode: (bytes) => {
    const [uri, inner] = readLengthPrefixed(asBytes(bytes, 'Default provider request'), 1, 'Default provider URI');
    const defaultProvider = utf8Decode(uri, 'Default provider URI');
    if (decodeRequest(inner).topic === DEFAULT_PROVIDER_ID) {
      throw new PassesFormatError(PassesErrorCodes.NestedWrapper, 'A request with default provider cannot contain another request with default provider.');
    }
    return { defaultProvider, request: inner.slice() };
  },
});

/** Accepted body = the inner result envelope. */
export const ResultEnvelopeCodec = Object.freeze({
  encode: (result) => (decodeResult(result), asBytes(result, 'Inner result').slice()),
  decode: (bytes) => (decodeResult(bytes), bytes.slice()),
});

export const provideTopics = new RequestTopic({ id: 'org.passes.provide-topics', requestBodyCodec: Json, resultBodyCodec: Void });
export const providePass = new RequestTopic({ id: 'org.passes.provide-pass', requestBodyCodec: Json, resultBodyCodec: Void });
export const requestBatch = new RequestTopic({ id: BATCH_ID, requestBodyCodec: RequestBatchCodec, resultBodyCodec: ResultBatchCodec });
export const requestWithDefaultProvider = new RequestTopic({ id: DEFAULT_PROVIDER_ID, requestBodyCodec: DefaultProviderRequestCodec, resultBodyCodec: ResultEnvelopeCodec });

/** The built-in topics by id. */
export const BuiltInTopics = Object.freeze({
  [provideTopics.id]: provideTopics,
  [providePass.id]: providePass,
  [requestBatch.id]: requestBatch,
  [requestWithDefaultProvider.id]: requestWithDefaultProvider,
});
