// The IdP as a Topic Provider for the Passport approval topics (GET /owner/passes/provider, docs/passes-topics.md).
// Opened by the owner: registers this page with the owner's Pass Provider (org.passes.provide-topics) and remembers
// that Pass Provider's origin. Opened by a Pass Provider: answers the relayed approval request as a Pass Provider
// would (plain words, then a signed ApprovalBody or a rejection), but only for a Pass Provider it registered with.
import { awaitRequest, sendResult } from './messaging.js';
import { installPasses } from './polyfill.js';
import { provideTopics } from './topics.js';
import { decodeRequest, decodeResult, exception, rejected, ResultStatus, unsupported } from './envelope.js';
import { Json } from './codecs.js';
import { signAcceptedResult } from './signed.js';
import { approvalBody, describe, isPassportTopic, PassportTopics, readPassportRequest } from './passport-topics.js';
import { codedMessage, messageCode, TopicProviderCodes } from './topic-providers.js';
import { loadOrCreateOwnerKey } from './keystore.js';

const $ = (id) => document.getElementById(id);
const PROVIDER_KEY = 'passport.passes.providerUrl';
/** The Pass Provider origins this page registered with; a relayed request from any other origin is refused. */
const REGISTERED_KEY = 'passport.passes.topicProviderFor';

function setState(state, message, code) {
  document.body.dataset.state = state;
  $('status').textContent = message;
  if (code) $('status').dataset.code = code; else delete $('status').dataset.code;
}

function registeredWith() {
  try {
    const list = JSON.parse(localStorage.getItem(REGISTERED_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((o) => typeof o === 'string') : [];
  } catch {
    return [];
  }
}

async function register() {
  const providerUrl = $('provider').value.trim();
  let passes;
  try { passes = installPasses({ providerUrl }); } catch (e) { setState('error', `The Pass Provider URL is not valid: ${e.message}`); return; }
  localStorage.setItem(PROVIDER_KEY, providerUrl);
  $('register-button').disabled = true;
  setState('waiting', 'Waiting for your Pass Provider…');
  try {
    const result = await passes.request(provideTopics.encodeRequest({
      uri: location.origin + location.pathname, topics: Object.values(PassportTopics),
    }));
    const { status, message } = decodeResult(result);
    if (status === ResultStatus.Accepted) {
      localStorage.setItem(REGISTERED_KEY, JSON.stringify([...new Set([...registeredWith(), passes.providerOrigin])]));
      setState('registered', `Registered: ${passes.providerOrigin} will hand Passport approvals to this page.`);
    } else if (status === ResultStatus.Rejected) {
      setState('rejected', 'You rejected the registration. Nothing was changed.');
    } else if (status === ResultStatus.Unsupported) {
      setState('refused', 'Your Pass Provider does not support Topic Providers.');
    } else {
      setState('refused', `Your Pass Provider refused: ${message}`, messageCode(message) ?? undefined);
    }
  } catch (e) {
    setState('error', e.message, e.code);
  } finally {
    $('register-button').disabled = false;
  }
}

function ownerChoice() {
  return new Promise((resolve) => {
    $('approve').addEventListener('click', () => resolve(true), { once: true });
    $('reject').addEventListener('click', () => resolve(false), { once: true });
  });
}

function render(description) {
  $('title').textContent = description.title;
  $('facts').replaceChildren(...description.facts.flatMap(([label, value]) => {
    const dt = document.createElement('dt'); dt.textContent = label;
    const dd = document.createElement('dd'); dd.textContent = value; dd.dataset.fact = label;
    return [dt, dd];
  }));
  if (description.warning) {
    $('warning').textContent = description.warning;
    $('warning').hidden = false;
    $('approve').disabled = true;
  }
  $('request').hidden = false;
}

async function answer(key) {
  setState('waiting', 'Waiting for the request…');
  const { request, origin, relayedFor } = await awaitRequest();
  if (!registeredWith().includes(origin)) {
    const text = `${origin} is not a Pass Provider this page registered with; register it first on ${location.origin}${location.pathname}.`;
    sendResult(exception(codedMessage(TopicProviderCodes.OriginNotApproved, text)), origin);
    setState('answered', text, TopicProviderCodes.OriginNotApproved);
    return;
  }
  // Relayed: the Pass Provider (registered above) reports who asked; otherwise the Pass Provider asked itself.
  const requestingOrigin = relayedFor ?? origin;
  let topic;
  try { topic = decodeRequest(request).topic; } catch (e) {
    sendResult(exception(`Malformed request: ${e.message}`), origin);
    setState('answered', `A malformed request from ${origin} was refused.`);
    return;
  }
  if (!isPassportTopic(topic)) {
    sendResult(unsupported(), origin);
    setState('answered', `This page does not handle ${topic}.`);
    return;
  }
  let parsed;
  try { parsed = readPassportRequest(request); } catch (e) {
    sendResult(exception(e.message), origin);
    setState('answered', e.message);
    return;
  }
  const description = describe(parsed, requestingOrigin);
  description.facts.push(['Relayed by (Pass Provider)', origin]);
  // This page signs only for its own IdP: another IdP's request has no business here.
  if (!description.warning && new URL(parsed.body.issuer).origin !== location.origin) {
    description.warning = `This request is for ${parsed.body.issuer}, not for ${location.origin}. Do not approve it.`;
  }
  render(description);
  setState('presenting', 'Review the request, then approve or reject it.');
  const approved = await ownerChoice();
  $('approve').disabled = true;
  $('reject').disabled = true;
  if (!approved) {
    sendResult(rejected(), origin);
    setState('answered', 'Rejected. You can close this window.');
    return;
  }
  const body = Json.encode(await approvalBody({ requestBytes: request, parsed, origin: requestingOrigin }));
  sendResult(await signAcceptedResult(key, body), origin);
  setState('answered', 'Approved and signed. You can close this window.');
}

async function main() {
  const key = await loadOrCreateOwnerKey();
  $('key-thumbprint').textContent = key.thumbprint;
  document.body.dataset.keyThumbprint = key.thumbprint;
  if (window.opener) { await answer(key); return; }
  $('provider').value = localStorage.getItem(PROVIDER_KEY) || document.body.dataset.providerUrl || '';
  $('register-button').addEventListener('click', register);
  $('register').hidden = false;
  setState('ready', 'Register this page with your Pass Provider.');
}

main().catch((e) => setState('error', `Error: ${e.message}`));
