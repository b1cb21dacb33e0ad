// The postMessage protocol between a requesting app and a web Pass Provider (passes-wire-format.md
// "Web Request Handlers"). Every message is checked: the sender window AND its origin.

export const MessageTypes = Object.freeze({
  Connect: 'org.passes.messaging.connect',
  Request: 'org.passes.messaging.request',
  Result: 'org.passes.messaging.result',
});

/** True when `data` is `{type, [field]: Uint8Array}` for the given type. */
export function isMessage(data, type, field) {
  return data !== null && typeof data === 'object' && data.type === type && (field === undefined || data[field] instanceof Uint8Array);
}

/**
 * Handler side: posts `connect` to the requester (`window.opener ?? window.parent`) and resolves with the first
 * `request` that comes from that same window: `{ request, origin, relayedFor }`. The origin is the requester's, as
 * the browser reports it (never read from the message). When the requester is a Pass Provider relaying for a Topic
 * Provider, `relayedFor` is the origin it says the request came from (a claim of that Pass Provider, so trust it
 * only from a Pass Provider you registered with); otherwise undefined. Messages from any other window are ignored
 * (`onIgnored(reason, event)`).
 */
export function awaitRequest({ self = window, requester = self.opener ?? self.parent, onIgnored = () => {} } = {}) {
  return new Promise((resolve, reject) => {
    if (!requester || requester === self) {
      reject(new Error('This page was not opened by a requesting app (no window.opener or parent).'));
      return;
    }
    const listener = (event) => {
      if (event.source !== requester) { onIgnored('message from another window', event); return; }
      if (!isMessage(event.data, MessageTypes.Request, 'request')) { onIgnored('not a request message', event); return; }
      self.removeEventListener('message', listener);
      const relayedFor = typeof event.data.requestingOrigin === 'string' ? event.data.requestingOrigin : undefined;
      resolve({ request: event.data.request, origin: event.origin, relayedFor });
    };
    self.addEventListener('message', listener);
    // The requester's origin is not known yet; the connect message carries nothing secret.
    requester.postMessage({ type: MessageTypes.Connect }, '*');
  });
}

/** Handler side: sends the result bytes to the requester, delivered only if it is still at `origin`. */
export function sendResult(result, origin, { self = window, requester = self.opener ?? self.parent } = {}) {
  if (!(result instanceof Uint8Array)) throw new TypeError('result must be a Uint8Array.');
  if (typeof origin !== 'string' || origin === '*' || origin === 'null') throw new TypeError('sendResult needs the requester\'s exact origin.');
  requester.postMessage({ type: MessageTypes.Result, result }, origin);
}
