// Topic Providers (seeds/002): a site asks the user's Pass Provider, with `org.passes.provide-topics`
// {uri, topics}, to hand it later requests for those topics. This module holds what both sides share: the stable
// codes, the check of a provide-topics body, and the relay message member that carries the requesting origin.
import { PassesFormatError } from './errors.js';
import { topicBytes } from './envelope.js';

/** Stable codes; an `exception` result relayed for a Topic Provider carries one as `"<code>: <text>"`. */
export const TopicProviderCodes = Object.freeze({
  InvalidProvideTopics: 'passes.invalid_provide_topics',
  ProviderOriginMismatch: 'passes.provider_origin_mismatch',
  TopicProviderRejected: 'passes.topic_provider_rejected',
  TopicProviderClosed: 'passes.topic_provider_closed',
  TopicProviderFailed: 'passes.topic_provider_failed',
  OriginNotApproved: 'passes.origin_not_approved',
});

/** At most this many topics in one provide-topics request (a page listing hundreds is not a real provider). */
export const MAX_PROVIDED_TOPICS = 32;

/** The built-in topics are the Pass Provider's own: no site may take them over. */
const RESERVED_PREFIX = 'org.passes.';

/** An exception message with its code first, so a requester can branch on it. */
export const codedMessage = (code, text) => `${code}: ${text}`;

/** The code at the start of an exception message made by `codedMessage`, or null. */
export function messageCode(message) {
  const match = /^(passes\.[a-z_]+): /.exec(message ?? '');
  return match ? match[1] : null;
}

/** True when `url` may host a Topic Provider: https anywhere, http only on loopback (development). */
function isProviderUrl(url) {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
}

/**
 * Checks a decoded provide-topics body sent from `requestingOrigin` and returns `{ uri, origin, topics }`.
 * Throws PassesFormatError with `passes.invalid_provide_topics` (shape, URL, topic list) or
 * `passes.provider_origin_mismatch` (a site may only offer pages of its own origin).
 */
export function checkProvideTopics(body, requestingOrigin) {
  const invalid = (text) => new PassesFormatError(TopicProviderCodes.InvalidProvideTopics, text);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid('The provide-topics body is not a JSON object.');
  const extra = Object.keys(body).filter((k) => k !== 'uri' && k !== 'topics');
  if (extra.length > 0) throw invalid(`Unknown member(s): ${extra.join(', ')}.`);
  if (typeof body.uri !== 'string' || body.uri.length === 0 || body.uri.length > 2048) throw invalid('uri must be a URL of at most 2048 characters.');
  let url;
  try { url = new URL(body.uri); } catch { throw invalid(`uri is not an absolute URL: ${body.uri}`); }
  if (!isProviderUrl(url) || url.username || url.password || url.hash) throw invalid(`uri must be https (http only on loopback), without credentials or fragment: ${body.uri}`);
  if (url.origin !== requestingOrigin) {
    throw new PassesFormatError(TopicProviderCodes.ProviderOriginMismatch, `${requestingOrigin} cannot offer a page of ${url.origin} as a Topic Provider.`);
  }
  if (!Array.isArray(body.topics) || body.topics.length === 0 || body.topics.length > MAX_PROVIDED_TOPICS) {
    throw invalid(`topics must list 1 to ${MAX_PROVIDED_TOPICS} topics.`);
  }
  const seen = new Set();
  for (const topic of body.topics) {
    if (typeof topic !== 'string') throw invalid('Every topic must be a string.');
    try { topicBytes(topic); } catch (e) { throw invalid(`Topic ${JSON.stringify(topic)} is not valid: ${e.message}`); }
    if (topic.startsWith(RESERVED_PREFIX)) throw invalid(`${topic} is a built-in topic of the Pass Provider.`);
    if (seen.has(topic)) throw invalid(`${topic} is listed twice.`);
    seen.add(topic);
  }
  return { uri: url.href, origin: url.origin, topics: [...seen] };
}
