// The owner's Ed25519 key pair, generated in this browser by WebCrypto. The private key is NON-extractable: it can
// sign, but no script (not even this one) can read its bytes. The CryptoKey objects live in IndexedDB.
import { publicX, thumbprint } from './signed.js';

const DB = 'passport-pass-provider';
const STORE = 'keys';
const OWNER = 'owner';

function openDb() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

function run(db, mode, action) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = action(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
  });
}

/** Loads the owner key, creating it on first use: `{ publicKey, privateKey, x, thumbprint }`. */
export async function loadOrCreateOwnerKey() {
  const db = await openDb();
  try {
    const stored = await run(db, 'readonly', (s) => s.get(OWNER));
    if (stored) return stored;
    const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    const x = await publicX(pair.publicKey);
    const record = { publicKey: pair.publicKey, privateKey: pair.privateKey, x, thumbprint: await thumbprint(x), createdAt: Date.now() };
    // add() (not put) so that two tabs racing on first use cannot overwrite each other's key.
    try { await run(db, 'readwrite', (s) => s.add(record, OWNER)); } catch { return await run(db, 'readonly', (s) => s.get(OWNER)); }
    return record;
  } finally {
    db.close();
  }
}
