// Passes EnvelopeV0 (passes-wire-format.md): byte-identical to the C# Passes library and @passes/reqs 0.1.x for
// valid input, stricter on invalid input (the same PassesFormatError codes as C#).
import { PassesErrorCodes, PassesFormatError } from './errors.js';
import { asBytes, concat, readLengthPrefixed, utf8Decode, utf8Encode } from './bytes.js';

export const REQUEST_VERSION = 0x00;
export const MAX_TOPIC_BYTES = 256;

/** Result statuses in wire order: the status byte is the index. */
export const ResultStatus = Object.freeze({ Accepted: 'accepted', Rejected: 'rejected', Unsupported: 'unsupported', Exception: 'exception' });
const STATUSES = [ResultStatus.Accepted, ResultStatus.Rejected, ResultStatus.Unsupported, ResultStatus.Exception];

/** A topic's UTF-8 bytes: 1..256 of them, no lone surrogate. */
export function topicBytes(topic) {
  if (typeof topic !== 'string') throw new TypeError('A topic must be a string.');
  if (topic.length === 0) throw new PassesFormatError(PassesErrorCodes.TopicEmpty, 'A topic must not be empty.');
  const bytes = utf8Encode(topic, 'Topic');
  if (bytes.length > MAX_TOPIC_BYTES) {
    throw new PassesFormatError(PassesErrorCodes.TopicTooLong, `A topic is at most ${MAX_TOPIC_BYTES} UTF-8 bytes; this one has ${bytes.length}.`);
  }
  return bytes;
}

/** `[00][topic length − 1][topic][body]`. */
export function encodeRequest(topic, body = new Uint8Array()) {
  const t = topicBytes(topic);
  return concat(Uint8Array.of(REQUEST_VERSION, t.length - 1), t, asBytes(body, 'Request body'));
}

/** Decodes a request envelope into `{ topic, body }` (body is a copy). */
export function decodeRequest(bytes) {
  asBytes(bytes, 'Request');
  if (bytes.length === 0) throw new PassesFormatError(PassesErrorCodes.Truncated, 'Request is empty: the version byte is missing.');
  if (bytes[0] !== REQUEST_VERSION) {
    throw new PassesFormatError(PassesErrorCodes.UnknownVersion, `Request envelope version 0x${bytes[0].toString(16).padStart(2, '0')} is not supported; only 0x00 is.`);
  }
  const [t, body] = readLengthPrefixed(bytes.subarray(1), 1, 'Request topic');
  return { topic: utf8Decode(t, 'Request topic'), body: body.slice() };
}

/** The topic of a request envelope (the whole envelope is checked). */
export function readTopic(bytes) {
  return decodeRequest(bytes).topic;
}

/** Encodes `{status:'accepted', body}`, `{status:'rejected'}`, `{status:'unsupported'}` or `{status:'exception', message}`. */
export function encodeResult(result) {
  const index = STATUSES.indexOf(result?.status);
  if (index < 0) throw new TypeError(`Unknown result status ${JSON.stringify(result?.status)}.`);
  switch (result.status) {
    case ResultStatus.Accepted: return concat(Uint8Array.of(0), asBytes(result.body ?? new Uint8Array(), 'Result body'));
    case ResultStatus.Exception: return concat(Uint8Array.of(3), utf8Encode(result.message ?? '', 'Exception message'));
    default: return Uint8Array.of(index);
  }
}

export const accepted = (body = new Uint8Array()) => encodeResult({ status: ResultStatus.Accepted, body });
export const rejected = () => encodeResult({ status: ResultStatus.Rejected });
export const unsupported = () => encodeResult({ status: ResultStatus.Unsupported });
export const exception = (message = '') => encodeResult({ status: ResultStatus.Exception, message });

/** Decodes a result envelope: `{status, body}` for accepted, `{status, message}` for exception, `{status}` otherwise. */
export function decodeResult(bytes) {
  asBytes(bytes, 'Result');
  if (bytes.length === 0) throw new PassesFormatError(PassesErrorCodes.EmptyResult, 'Result is empty: the status byte is missing.');
  const status = STATUSES[bytes[0]];
  if (status === undefined) {
    throw new PassesFormatError(PassesErrorCodes.UnknownStatus, `Result status 0x${bytes[0].toString(16).padStart(2, '0')} is unknown; expected 00..03.`);
  }
  const rest = bytes.subarray(1);
  switch (status) {
    case ResultStatus.Accepted: return { status, body: rest.slice() };
    case ResultStatus.Exception: return { status, message: utf8Decode(rest, 'Exception message') };
    default:
      if (rest.length !== 0) throw new PassesFormatError(PassesErrorCodes.TrailingBytes, `A ${status} result carries no bytes; this one has ${rest.length}.`);
      return { status };
  }
}
