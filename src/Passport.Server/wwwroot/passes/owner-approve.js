// The IdP's owner page (GET /owner/passes?token=…): asks the IdP for a Pass Request for the emailed owner link,
// sends it to the owner's Pass Provider through document.passes, and hands the result to the IdP, which verifies
// it and performs the action once. The page itself decides nothing: every check is on the server.
import { installPasses } from './polyfill.js';
import { fromBase64Url, toBase64Url } from './bytes.js';
import { decodeResult, ResultStatus } from './envelope.js';

const $ = (id) => document.getElementById(id);
const PROVIDER_KEY = 'passport.passes.providerUrl';
// /owner/passes (an owner link), /claim/passes (a claim token), /owner/recovery/veto (an agent handle: a veto needs
// no mailed secret, only the bound key's signature) or /owner/sign-in/passes (an e-mail address: console sign-in signed
// by the bound key): the same exchange, another API base.
const APIS = ['/owner/passes', '/claim/passes', '/owner/recovery/veto', '/owner/sign-in/passes'];
const API = APIS.includes(document.body.dataset.api) ? document.body.dataset.api : '/owner/passes';
const FIELDS = { '/owner/recovery/veto': 'handle', '/owner/sign-in/passes': 'email' };
const FIELD = FIELDS[API] ?? 'token';
const token = new URLSearchParams(location.search).get(FIELD) ?? '';
// Keep the secret out of the address bar, history and any later Referer.
history.replaceState(null, '', location.pathname);

/** For tests and diagnostics: messages the polyfill ignored (wrong window or origin). */
window.passportIgnoredMessages = [];

function setState(state, message, code) {
  document.body.dataset.state = state;
  $('status').textContent = message;
  if (code) $('status').dataset.code = code; else delete $('status').dataset.code;
}

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  return { ok: response.ok, json };
}

function describe(s) {
  const agent = s.name ? `${s.name} (${s.handle})` : s.handle;
  switch (s.action) {
    case 'delegate': return [`Let ${s.actor} act for ${agent}`, [['Agent that will act', s.actor], ['Scopes', s.scope.join(', ')]]];
    case 'rotate': return [`Move ${agent} to a new key`, [['New DID', s.newDid]]];
    case 'claim': return [`Claim ${agent} as its owner`, [['Effect', 'you become its confirmed owner; your Pass Provider key becomes your owner key']]];
    case 'recover-key': return [`Make this Pass Provider's key your owner key (recovery of a lost key)`, [['Effect',
      'after the waiting period your current owner key is replaced by this key, unless the current key vetoes it']]];
    case 'veto-recovery': return [`Veto the pending owner-key recovery`, [['Effect',
      'the new key is never bound; your current key stays your owner key (sign with your CURRENT key)']]];
    case 'sign-in': return [`Sign in to your owner console as ${s.email}`, [['Effect',
      'your Pass Provider signs with your bound owner key; this browser is then signed in to /owner']]];
    case 'ungrant': return [`Stop letting ${s.actor} act for ${agent}`, [['Grant', s.grantId], ['Scopes', (s.scope ?? []).join(', ')]]];
    default: return [`Revoke ${agent}`, [['Effect', 'its tokens stop working for good']]];
  }
}

function render(issued) {
  const [title, facts] = describe(issued.summary);
  $('summary').textContent = title;
  const agentFacts = issued.summary.action === 'sign-in' ? [] : [['Your agent', issued.summary.handle], ['DID', issued.summary.did]];
  $('facts').replaceChildren(...[...agentFacts, ...facts].flatMap(([k, v]) => {
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = v;
    return [dt, dd];
  }));
  $('key-note').textContent = issued.summary.action === 'sign-in'
    ? 'Only the Passes key bound to this address can sign in; without one, use the mailed sign-in link.'
    : issued.summary.action === 'recover-key'
    ? 'Recovery: approve with the Pass Provider holding your NEW key; it replaces your lost key after the waiting period.'
    : issued.ownerKeyBound
      ? 'Your Passes key is known: only your Pass Provider can approve.'
      : 'First approval: the key your Pass Provider signs with becomes your owner key for later approvals.';
  $('rotation').hidden = issued.summary.action !== 'rotate';
  const recovery = issued.pendingRecovery;
  $('recovery-warning').hidden = !recovery;
  if (recovery) {
    $('recovery-text').textContent = `A key recovery is pending for your owner key: a new key replaces yours at ${recovery.completesAt}. `
      + 'If this was not you, veto it with your current key:';
    $('recovery-veto').href = recovery.vetoUrl;
  }
}

let issued = null;

async function fetchRequest() {
  const { ok, json } = await post(`${API}/request`, { [FIELD]: token });
  if (!ok) { setState('refused', json.detail ?? 'This link cannot be used.', json.code); $('send').disabled = true; return false; }
  issued = json;
  return true;
}

async function send() {
  const providerUrl = $('provider').value.trim();
  let passes;
  try { passes = installPasses({ providerUrl, onIgnoredMessage: (reason) => window.passportIgnoredMessages.push(reason) }); } catch (e) {
    setState('error', `The Pass Provider URL is not valid: ${e.message}`); return;
  }
  localStorage.setItem(PROVIDER_KEY, providerUrl);
  $('send').disabled = true;
  setState('waiting', 'Waiting for your Pass Provider…');
  let result;
  try {
    result = await passes.request(fromBase64Url(issued.request));
  } catch (e) {
    setState('error', e.message, e.code);
    await retry();
    return;
  }
  const body = { [FIELD]: token, result: toBase64Url(result) };
  const proof = $('proof').value.trim();
  if (proof) { try { body.proof = JSON.parse(proof); } catch { setState('error', 'The rotation proof is not JSON.'); await retry(); return; } }
  const { ok, json } = await post(`${API}/complete`, body);
  if (!ok) { setState('refused', `Refused: ${json.detail ?? 'unknown error'}`, json.code); await retry(); return; }
  if (decodeResult(result).status === ResultStatus.Rejected) { setState('rejected', 'You rejected the request. Nothing was changed.'); await retry(); return; }
  if (json.status === 'signed-in') {
    setState('done', 'Signed in. Opening your owner console…');
    location.assign(json.location);
    return;
  }
  const completes = json.recovery?.completesAt ? ` The new key becomes your owner key at ${json.recovery.completesAt}.` : '';
  setState('done', `Done: ${json.action} of ${json.handle} approved.${completes}`);
}

async function retry() {
  // Every Pass Request is answerable once: get a fresh one for another attempt.
  if (await fetchRequest()) $('send').disabled = false;
}

async function main() {
  $('provider').value = localStorage.getItem(PROVIDER_KEY) ?? '';
  if (!(await fetchRequest())) return;
  if (!$('provider').value && issued.providerUrl) $('provider').value = issued.providerUrl;
  render(issued);
  $('send').addEventListener('click', send);
  $('send').disabled = false;
  setState('ready', 'Check the request, then open your Pass Provider to approve or reject it.');
}

main().catch((e) => setState('error', `Error: ${e.message}`));
