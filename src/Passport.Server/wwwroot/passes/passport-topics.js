// Passport owner-approval topics (docs/passes-topics.md). Request and result bodies are Json; the accepted result
// body is a signed ApprovalBody {topic, requestHash, nonce, origin, issuedAt, payload}.
import { Json } from './codecs.js';
import { decodeRequest } from './envelope.js';
import { toBase64Url } from './bytes.js';

export const PassportTopics = Object.freeze({
  ApproveDelegation: 'org.passport.approve-delegation',
  ApproveRotation: 'org.passport.approve-rotation',
  Revoke: 'org.passport.revoke',
  RevokeDelegation: 'org.passport.revoke-delegation',
  ApproveClaim: 'org.passport.approve-claim',
  RecoverKey: 'org.passport.recover-key',
  VetoRecovery: 'org.passport.veto-recovery',
  OwnerSignIn: 'org.passport.owner-sign-in',
});

const ACTIONS = Object.freeze({
  [PassportTopics.ApproveDelegation]: 'delegate',
  [PassportTopics.ApproveRotation]: 'rotate',
  [PassportTopics.Revoke]: 'revoke',
  [PassportTopics.RevokeDelegation]: 'ungrant',
  [PassportTopics.ApproveClaim]: 'claim',
  [PassportTopics.RecoverKey]: 'recover-key',
  [PassportTopics.VetoRecovery]: 'veto-recovery',
  [PassportTopics.OwnerSignIn]: 'sign-in',
});

export const isPassportTopic = (topic) => Object.hasOwn(ACTIONS, topic);

/** base64url(SHA-256(request envelope bytes)), as ApprovalBody.ComputeRequestHash in C#. */
export async function requestHash(requestBytes) {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', requestBytes)));
}

const str = (v) => typeof v === 'string' && v.length > 0 && v.length <= 512;

/**
 * Decodes and checks a Passport approval request. Returns `{ topic, action, body }`; throws an Error whose message
 * says what is wrong. The provider shows only what this returns, so anything unchecked is never displayed.
 */
export function readPassportRequest(requestBytes) {
  const { topic, body: raw } = decodeRequest(requestBytes);
  if (!isPassportTopic(topic)) throw new Error(`Not a Passport approval topic: ${topic}`);
  const body = Json.decode(raw);
  const action = ACTIONS[topic];
  const problems = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('The request body is not a JSON object.');
  // A sign-in concerns the owner (an e-mail address), every other topic one of their agents.
  const required = action === 'sign-in' ? ['issuer', 'nonce', 'email'] : ['issuer', 'nonce', 'handle', 'did'];
  for (const f of required) if (!str(body[f])) problems.push(`${f} is missing`);
  if (body.action !== action) problems.push(`action must be "${action}" for ${topic}`);
  if (!Number.isSafeInteger(body.expiresAt)) problems.push('expiresAt must be Unix seconds');
  if (action === 'delegate') {
    if (!str(body.actor)) problems.push('actor is missing');
    if (!Array.isArray(body.scope) || body.scope.length === 0 || !body.scope.every(str)) problems.push('scope must be a non-empty list of strings');
  }
  if (action === 'rotate' && !str(body.newDid)) problems.push('newDid is missing');
  if (action === 'ungrant' && !str(body.grantId)) problems.push('grantId is missing');
  if (problems.length > 0) throw new Error(`The ${topic} request is malformed: ${problems.join('; ')}.`);
  return { topic, action, body };
}

/** The action-specific payload the owner signs (the server compares it with the action it asked about). */
export function approvalPayload({ action, body }) {
  switch (action) {
    case 'delegate': return { action, handle: body.handle, actor: body.actor, scope: body.scope };
    case 'rotate': return { action, handle: body.handle, newDid: body.newDid };
    case 'ungrant': return { action, handle: body.handle, grantId: body.grantId };
    case 'sign-in': return { action, email: body.email };
    default: return { action, handle: body.handle };
  }
}

/** The ApprovalBody to sign, in the member order of the C# record (JSON.stringify keeps it). */
export async function approvalBody({ requestBytes, parsed, origin, now = new Date() }) {
  return {
    topic: parsed.topic,
    requestHash: await requestHash(requestBytes),
    nonce: parsed.body.nonce,
    origin,
    issuedAt: Math.floor(now.getTime() / 1000),
    payload: approvalPayload(parsed),
  };
}

/** Plain-words summary for the owner: `{ title, facts: [[label, value]…], warning? }`. */
export function describe(parsed, requestingOrigin) {
  const { action, body } = parsed;
  const agent = body.name ? `${body.name} (${body.handle})` : body.handle;
  const facts = action === 'sign-in' ? [] : [['Your agent', agent], ['Agent DID', body.did]];
  let title;
  if (action === 'sign-in') {
    title = `Sign in to the Passport owner console as ${body.email}`;
    facts.push(['E-mail address', body.email], ['Effect', 'The page that asked is signed in to your owner console (your agents, grants and approvals).']);
  } else if (action === 'delegate') {
    title = `Let agent ${body.actor} act on behalf of ${agent}`;
    facts.push(['Agent that will act', body.actor], ['Allowed scopes', body.scope.join(', ')]);
  } else if (action === 'rotate') {
    title = `Replace the key of ${agent}`;
    facts.push(['New DID (new key)', body.newDid]);
  } else if (action === 'claim') {
    title = `Claim ${agent} as its owner`;
    facts.push(['Effect', 'You become the confirmed owner of this agent; the key of this Pass Provider becomes your owner key.']);
  } else if (action === 'recover-key') {
    title = `Make this key the owner key of ${agent}'s owner (lost-key recovery)`;
    facts.push(['Effect', 'After a waiting period the owner key is replaced by the key you sign with, unless the current key vetoes it.']);
  } else if (action === 'veto-recovery') {
    title = `Veto the owner-key recovery started from ${agent}`;
    facts.push(['Effect', 'The new key is never bound; your current owner key stays. Sign with your current key.']);
  } else if (action === 'ungrant') {
    title = `Stop letting ${body.actor ?? 'another agent'} act for ${agent}`;
    facts.push(['Grant to revoke', body.grantId], ['Agent that acts today', body.actor ?? '—'],
      ['Scopes it loses', Array.isArray(body.scope) ? body.scope.join(', ') : '—']);
  } else {
    title = `Revoke ${agent} permanently`;
    facts.push(['Effect', 'Every token of this agent stops working; this cannot be undone.']);
  }
  facts.push(['Requested by (origin)', requestingOrigin], ['Identity provider', body.issuer],
    ['Request expires', new Date(body.expiresAt * 1000).toISOString()]);
  let issuerOrigin = null;
  try { issuerOrigin = new URL(body.issuer).origin; } catch { /* reported below */ }
  const warning = issuerOrigin === requestingOrigin ? undefined
    : `This request names ${body.issuer} as its identity provider but was sent by ${requestingOrigin}. Do not approve it.`;
  return { title, facts, warning };
}
