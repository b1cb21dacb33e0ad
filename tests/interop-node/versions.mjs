// Prints the installed version of each interop package as JSON (a smoke check that npm ci and ESM loading work).
import { readFile } from 'node:fs/promises';
const names = ['oidc-provider', 'oauth4webapi', 'openid-client', 'jose'];
const out = {};
for (const name of names) {
  const pkg = JSON.parse(await readFile(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8'));
  await import(name);
  out[name] = pkg.version;
}
console.log(JSON.stringify(out));
