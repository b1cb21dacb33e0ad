// The Pass Provider page: presents a Passport approval request in plain words and answers it with a signed
// accepted result (Ed25519 over the ApprovalBody only) or a rejected result. It also keeps Topic Providers
// (org.passes.provide-topics, docs/passes.md "Topic Providers"): a request for a topic one of them provides is
// relayed to it and its result relayed back unchanged. Other topics are "unsupported".
import { awaitRequest, sendResult } from './passes/messaging.js';
import { decodeRequest, decodeResult, exception, ResultStatus, rejected, unsupported, accepted } from './passes/envelope.js';
import { Json } from './passes/codecs.js';
import { signAcceptedResult } from './passes/signed.js';
import { approvalBody, describe, isPassportTopic, readPassportRequest } from './passes/passport-topics.js';
import { provideTopics } from './passes/topics.js';
import { createPasses } from './passes/polyfill.js';
import { PassesTransportCodes } from './passes/errors.js';
import { checkProvideTopics, codedMessage, TopicProviderCodes } from './passes/topic-providers.js';
import { loadOrCreateOwnerKey } from './passes/keystore.js';
import { allTopicProviders, approveTopicProvider, providersOf, revokeTopicProvider } from './topic-store.js';

const $ = (id) => document.getElementById(id);

/** For tests and diagnostics: messages the relay ignored (wrong window or origin). */
window.passProviderIgnoredMessages = [];

function setState(state, message, code) {
  document.body.dataset.state = state;
  $('status').textContent = message;
  if (code) $('status').dataset.code = code; else delete $('status').dataset.code;
}

function render(description, approveLabel = 'Approve and sign') {
  $('title').textContent = description.title;
  const facts = $('facts');
  facts.replaceChildren();
  for (const [label, value] of description.facts) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset.fact = label;
    facts.append(dt, dd);
  }
  if (description.warning) {
    $('warning').textContent = description.warning;
    $('warning').hidden = false;
    $('approve').disabled = true;
  }
  $('approve').textContent = approveLabel;
  $('request').hidden = false;
}

function ownerChoice() {
  return new Promise((resolve) => {
    $('approve').addEventListener('click', () => resolve(true), { once: true });
    $('reject').addEventListener('click', () => resolve(false), { once: true });
  });
}

function renderTopicProviders() {
  const entries = allTopicProviders();
  $('no-topic-providers').hidden = entries.length > 0;
  $('topic-provider-list').replaceChildren(...entries.map((entry) => {
    const li = document.createElement('li');
    li.dataset.topic = entry.topic;
    li.dataset.origin = entry.origin;
    const text = document.createElement('span');
    text.textContent = `${entry.topic} → ${entry.uri}`;
    const revoke = document.createElement('button');
    revoke.type = 'button';
    revoke.className = 'revoke';
    revoke.textContent = 'Revoke';
    revoke.setAttribute('aria-label', `Revoke ${entry.origin} for ${entry.topic}`);
    revoke.addEventListener('click', () => { revokeTopicProvider(entry.topic, entry.origin); renderTopicProviders(); });
    li.append(text, revoke);
    return li;
  }));
}

/** org.passes.provide-topics: the user approves (accepted, Void body) or rejects a site as a Topic Provider. */
async function handleProvideTopics(request, origin) {
  let offer;
  try {
    offer = checkProvideTopics(provideTopics.decodeRequest(request), origin);
  } catch (e) {
    const code = e.code === TopicProviderCodes.ProviderOriginMismatch ? e.code : TopicProviderCodes.InvalidProvideTopics;
    sendResult(exception(codedMessage(code, e.message)), origin);
    setState('answered', `Refused a Topic Provider request from ${origin}: ${e.message}`, code);
    return;
  }
  render({
    title: `Let ${offer.origin} answer requests for these topics`,
    facts: [['Site (origin)', offer.origin], ['Its page', offer.uri], ['Topics', offer.topics.join(', ')]],
  }, 'Approve');
  setState('presenting', 'Review the Topic Provider, then approve or reject it.');
  const approved = await ownerChoice();
  $('approve').disabled = true;
  $('reject').disabled = true;
  if (!approved) {
    sendResult(rejected(), origin);
    setState('answered', 'Rejected. You can close this window.');
    return;
  }
  approveTopicProvider(offer);
  renderTopicProviders();
  sendResult(accepted(), origin);
  setState('answered', `${offer.origin} now answers ${offer.topics.join(', ')}. You can close this window.`);
}

/** Resolves with the chosen Topic Provider entry, 'self', or null (rejected). One click opens the chosen window. */
function choose(topic, origin, delegates, canAnswerHere) {
  $('chooser-topic').textContent = topic;
  $('chooser-origin').textContent = origin;
  return new Promise((resolve) => {
    const button = (label, choice, value) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.choice = choice;
      b.textContent = label;
      b.addEventListener('click', () => resolve(value));
      li.append(b);
      return li;
    };
    $('choices').replaceChildren(
      ...delegates.map((d) => button(`Open ${d.origin}`, d.origin, d)),
      ...(canAnswerHere ? [button('Answer here with my owner key', 'self', 'self')] : []));
    $('decline').addEventListener('click', () => resolve(null), { once: true });
    $('chooser').hidden = false;
  });
}

/** Relays the request to the Topic Provider and its result, unchanged, to the requesting origin. */
async function relay(request, origin, delegate) {
  setState('relaying', `Waiting for ${delegate.origin}…`);
  let result;
  try {
    // Opened now, still inside the click's user activation; `requestingOrigin` tells it who asked.
    const passes = createPasses({ providerUrl: delegate.uri, requestingOrigin: origin,
      onIgnoredMessage: (reason) => window.passProviderIgnoredMessages.push(reason) });
    result = await passes.request(request);
  } catch (e) {
    const closed = e.code === PassesTransportCodes.ProviderClosed;
    const code = closed ? TopicProviderCodes.TopicProviderClosed : TopicProviderCodes.TopicProviderFailed;
    const text = closed ? `The Topic Provider ${delegate.origin} was closed before it answered.`
      : `The Topic Provider ${delegate.origin} did not answer: ${e.message}`;
    sendResult(exception(codedMessage(code, text)), origin);
    setState('answered', text, code);
    return;
  }
  sendResult(result, origin);
  const status = decodeResult(result).status;
  if (status === ResultStatus.Rejected) {
    setState('answered', `${delegate.origin} rejected the request.`, TopicProviderCodes.TopicProviderRejected);
  } else {
    setState('answered', `${delegate.origin} answered (${status}); the answer was passed on to ${origin}.`);
  }
}

async function handlePassportRequest(key, request, origin) {
  let parsed;
  try {
    parsed = readPassportRequest(request);
  } catch (e) {
    sendResult(exception(e.message), origin);
    setState('answered', e.message);
    return;
  }
  render(describe(parsed, origin));
  setState('presenting', 'Review the request, then approve or reject it.');

  const approved = await ownerChoice();
  $('approve').disabled = true;
  $('reject').disabled = true;
  if (!approved) {
    sendResult(rejected(), origin);
    setState('answered', 'Rejected. You can close this window.');
    return;
  }
  const body = Json.encode(await approvalBody({ requestBytes: request, parsed, origin }));
  sendResult(await signAcceptedResult(key, body), origin);
  setState('answered', 'Approved and signed. You can close this window.');
}

async function main() {
  renderTopicProviders();
  const key = await loadOrCreateOwnerKey();
  $('key-thumbprint').textContent = key.thumbprint;
  document.body.dataset.keyThumbprint = key.thumbprint;
  if (!window.opener && window.parent === window) {
    setState('idle', 'No request. A site that asks for your approval opens this page.');
    return;
  }

  setState('waiting', 'Waiting for the request…');
  const { request, origin } = await awaitRequest();
  let topic;
  try {
    topic = decodeRequest(request).topic;
  } catch (e) {
    sendResult(exception(`Malformed request: ${e.message}`), origin);
    setState('answered', `A malformed request from ${origin} was refused.`);
    return;
  }
  if (topic === provideTopics.id) {
    await handleProvideTopics(request, origin);
    return;
  }

  const delegates = providersOf(topic);
  const canAnswerHere = isPassportTopic(topic);
  if (delegates.length === 0) {
    if (canAnswerHere) { await handlePassportRequest(key, request, origin); return; }
    sendResult(unsupported(), origin);
    setState('answered', `This provider does not handle ${topic}.`);
    return;
  }

  setState('choosing', 'Choose who answers this request.');
  const choice = await choose(topic, origin, delegates, canAnswerHere);
  $('chooser').hidden = true;
  if (choice === null) {
    sendResult(rejected(), origin);
    setState('answered', 'Rejected. You can close this window.');
  } else if (choice === 'self') {
    await handlePassportRequest(key, request, origin);
  } else {
    await relay(request, origin, choice);
  }
}

main().catch((e) => setState('error', `Error: ${e.message}`));
