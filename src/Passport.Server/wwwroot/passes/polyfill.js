// A `document.passes` polyfill: request(Uint8Array) → Promise<Uint8Array>. It opens the user's Pass Provider page in
// a popup and speaks the postMessage protocol (messaging.js). A message is acted on only when it comes from that
// popup AND from the provider's origin; the request is posted to the provider's origin only.
import { PassesTransportCodes, PassesTransportError } from './errors.js';
import { decodeRequest, decodeResult } from './envelope.js';
import { isMessage, MessageTypes } from './messaging.js';

const defaultOpen = (url) => window.open(url, '_blank', 'popup,width=520,height=720');

/**
 * Creates a Passes ABI bound to one Pass Provider.
 * @param {object} options
 * @param {string} options.providerUrl the Pass Provider page (absolute URL)
 * @param {(url: string) => Window | null} [options.openWindow] opens the provider (default: a popup)
 * @param {number} [options.timeoutMs] give up after this long (default 10 minutes; 0 = never)
 * @param {number} [options.pollMs] how often to look whether the provider window was closed
 * @param {(reason: string, event: MessageEvent) => void} [options.onIgnoredMessage] told about every ignored message
 * @param {string} [options.requestingOrigin] a Pass Provider relaying to a Topic Provider: the origin the request
 *   came from, sent as the `requestingOrigin` member of the request message (docs/passes.md "Topic Providers")
 */
export function createPasses({ providerUrl, openWindow = defaultOpen, timeoutMs = 600_000, pollMs = 200, onIgnoredMessage = () => {}, requestingOrigin, self = window } = {}) {
  const providerOrigin = new URL(providerUrl).origin;
  if (providerOrigin === 'null') throw new TypeError(`The provider URL ${providerUrl} has no origin (use http: or https:).`);

  function request(bytes) {
    return new Promise((resolve, reject) => {
      if (!(bytes instanceof Uint8Array)) { reject(new TypeError('document.passes.request takes a Uint8Array.')); return; }
      try { decodeRequest(bytes); } catch (e) { reject(e); return; }
      const request = bytes.slice();
      let sent = false;
      let settled = false;
      let popup = null;
      const timers = [];

      const finish = (error, value) => {
        if (settled) return;
        settled = true;
        self.removeEventListener('message', onMessage);
        timers.forEach((t) => clearInterval(t));
        if (popup && !popup.closed) popup.close();
        if (error) reject(error); else resolve(value);
      };

      const onMessage = (event) => {
        if (settled) return;
        if (popup === null || event.source !== popup) { onIgnoredMessage('message from a window other than the Pass Provider', event); return; }
        if (event.origin !== providerOrigin) { onIgnoredMessage(`message from origin ${event.origin}, expected ${providerOrigin}`, event); return; }
        if (isMessage(event.data, MessageTypes.Connect)) {
          sent = true;
          const message = requestingOrigin === undefined ? { type: MessageTypes.Request, request } : { type: MessageTypes.Request, request, requestingOrigin };
          popup.postMessage(message, providerOrigin);
          return;
        }
        if (isMessage(event.data, MessageTypes.Result, 'result')) {
          if (!sent) { onIgnoredMessage('result before the request was sent', event); return; }
          try { decodeResult(event.data.result); } catch (e) { finish(e); return; }
          finish(null, event.data.result.slice());
          return;
        }
        onIgnoredMessage('unknown message type', event);
      };

      self.addEventListener('message', onMessage);
      popup = openWindow(providerUrl);
      if (!popup) {
        finish(new PassesTransportError(PassesTransportCodes.PopupBlocked, 'The Pass Provider window could not be opened (is a popup blocker active?). Try again from a click.'));
        return;
      }
      timers.push(setInterval(() => {
        if (settled || !popup.closed) return;
        // Let a result that was posted just before the window closed be delivered first.
        setTimeout(() => finish(new PassesTransportError(PassesTransportCodes.ProviderClosed,
          'The Pass Provider window was closed before it answered the request.')), pollMs);
      }, pollMs));
      if (timeoutMs > 0) {
        timers.push(setTimeout(() => finish(new PassesTransportError(PassesTransportCodes.Timeout,
          `The Pass Provider did not answer within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs));
      }
    });
  }

  return Object.freeze(Object.defineProperty({ request, providerOrigin }, '__polyfill', { value: true }));
}

/** Installs `document.passes` (replacing a previous polyfill, never a native implementation) and returns it. */
export function installPasses(options) {
  const passes = createPasses(options);
  if (document.passes && !document.passes.__polyfill) return document.passes;
  document.passes = passes;
  return passes;
}
