// The Topic Providers this user approved (org.passes.provide-topics): topic → provider page, kept in this
// browser's localStorage for the provider's origin (per user, like the owner key in IndexedDB). Revocable in the UI.
const KEY = 'passport-pass-provider.topic-providers';

function load() {
  try {
    const entries = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(entries) ? entries.filter((e) => e && typeof e.topic === 'string' && typeof e.uri === 'string' && typeof e.origin === 'string') : [];
  } catch {
    return [];
  }
}

const save = (entries) => localStorage.setItem(KEY, JSON.stringify(entries));

/** Every approved `{ topic, uri, origin, approvedAt }`, oldest first. */
export const allTopicProviders = () => load();

/** The providers of one topic (one per origin). */
export const providersOf = (topic) => load().filter((e) => e.topic === topic);

/** Remembers `origin` (at `uri`) as a provider of `topics`; a second approval of the same origin updates its page. */
export function approveTopicProvider({ uri, origin, topics }) {
  const kept = load().filter((e) => !(e.origin === origin && topics.includes(e.topic)));
  const approvedAt = new Date().toISOString();
  save([...kept, ...topics.map((topic) => ({ topic, uri, origin, approvedAt }))]);
}

/** Forgets `origin` as a provider of `topic`. */
export function revokeTopicProvider(topic, origin) {
  save(load().filter((e) => !(e.topic === topic && e.origin === origin)));
}
