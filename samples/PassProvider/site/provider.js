// The Pass Provider page: presents a Passport approval request in plain words and answers it with a signed
// accepted result (Ed25519 over the ApprovalBody only) or a rejected result. Unknown topics are "unsupported".
import { awaitRequest, sendResult } from './passes/messaging.js';
import { decodeRequest, exception, rejected, unsupported } from './passes/envelope.js';
import { Json } from './passes/codecs.js';
import { signAcceptedResult } from './passes/signed.js';
import { approvalBody, describe, isPassportTopic, readPassportRequest } from './passes/passport-topics.js';
import { loadOrCreateOwnerKey } from './keystore.js';

const $ = (id) => document.getElementById(id);

function setState(state, message) {
  document.body.dataset.state = state;
  $('status').textContent = message;
}

function render(description) {
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
  $('request').hidden = false;
}

function ownerChoice() {
  return new Promise((resolve) => {
    $('approve').addEventListener('click', () => resolve(true), { once: true });
    $('reject').addEventListener('click', () => resolve(false), { once: true });
  });
}

async function main() {
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
  if (!isPassportTopic(topic)) {
    sendResult(unsupported(), origin);
    setState('answered', `This provider does not handle ${topic}.`);
    return;
  }

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

main().catch((e) => setState('error', `Error: ${e.message}`));
