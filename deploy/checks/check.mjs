// Checks of rendered Kubernetes manifests (kubectl kustomize / helm template output), run by
// tests/Passport.Deploy.Tests with NODE_PATH-less resolution: PASSPORT_CHECKS_MODULES = the node_modules folder
// installed from this folder's package.json/package-lock.json.
//
//   node check.mjs schema  <file.yaml>...   every object valid against the Kubernetes (and CRD) schemas of the
//                                           pinned kubernetes-models packages; no unknown fields; no removed API
//   node check.mjs policy  <file.yaml>...   pod rules for every workload
//   node check.mjs compare <kustomize.yaml> <helm.yaml>   same objects, ports, probes, security, configuration
//   node check.mjs readme  <values.schema.json> <values.yaml> <README.md> [--write]   values table == schema
//
// Prints one line per problem and exits 1 when there are any; prints "ok: ..." and exits 0 otherwise.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const MODULES = process.env.PASSPORT_CHECKS_MODULES ?? join(import.meta.dirname ?? ".", "node_modules");
const imp = (rel) => import(pathToFileURL(join(MODULES, rel)).href);
const YAML = await imp("yaml/dist/index.js");

function loadDocs(file) {
  return YAML.parseAllDocuments(readFileSync(file, "utf8"))
    .map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
      return d.toJS();
    })
    .filter((o) => o && typeof o === "object");
}
const id = (o) => `${o.kind}/${o.metadata?.name}`;

// ---- schema --------------------------------------------------------------------------------------
// API versions removed from Kubernetes (and the release that removed them); kubectl/helm would render them fine.
const REMOVED = {
  "extensions/v1beta1": "1.22", "apps/v1beta1": "1.16", "apps/v1beta2": "1.16",
  "networking.k8s.io/v1beta1": "1.22", "policy/v1beta1": "1.25", "batch/v1beta1": "1.25",
  "autoscaling/v2beta1": "1.25", "autoscaling/v2beta2": "1.26", "rbac.authorization.k8s.io/v1beta1": "1.22",
  "admissionregistration.k8s.io/v1beta1": "1.22", "apiextensions.k8s.io/v1beta1": "1.22",
  "scheduling.k8s.io/v1beta1": "1.22", "storage.k8s.io/v1beta1": "1.22", "discovery.k8s.io/v1beta1": "1.25",
  "flowcontrol.apiserver.k8s.io/v1beta2": "1.29", "flowcontrol.apiserver.k8s.io/v1beta1": "1.26",
  "gateway.networking.k8s.io/v1alpha2": "HTTPRoute v1 (Gateway API 1.0)",
};
const PACKAGES = ["kubernetes-models", "@kubernetes-models/gateway-api", "@kubernetes-models/prometheus-operator"];

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const rel = group ? `${group}/${version}/${kind}.js` : `${version}/${kind}.js`;
  for (const pkg of PACKAGES) {
    const file = join(MODULES, pkg, rel);
    if (!existsSync(file)) continue;
    const src = readFileSync(file, "utf8");
    const m = /import\{validate\}from"([^"]+)"/.exec(src);
    if (!m) continue;
    const schemaFile = join(MODULES, pkg, group ? `${group}/${version}` : version, m[1]);
    return (await import(pathToFileURL(schemaFile).href)).validate;
  }
  return null;
}

// Unknown fields: run the compiled schema validator over proxies that record every property it reads. The
// validator reads each property its schema declares (and every key of a map), never an undeclared one, so an
// own property that was never read is a field the API server would reject (or silently drop).
function tracked(value, path, seen) {
  if (!value || typeof value !== "object") return value;
  const reads = new Set();
  seen.push({ path, value, reads });
  const cache = new Map();
  return new Proxy(value, {
    get(target, prop, receiver) {
      if (typeof prop === "string") reads.add(prop);
      const v = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || !v || typeof v !== "object") return v;
      if (!cache.has(prop)) cache.set(prop, tracked(v, `${path}/${prop}`, seen));
      return cache.get(prop);
    },
  });
}

async function schema(files) {
  const problems = [];
  let count = 0;
  for (const file of files) {
    for (const o of loadDocs(file)) {
      count++;
      const where = `${file}: ${id(o)}`;
      if (!o.apiVersion || !o.kind) { problems.push(`${where}: no apiVersion/kind`); continue; }
      if (REMOVED[o.apiVersion]) { problems.push(`${where}: apiVersion ${o.apiVersion} was removed (${REMOVED[o.apiVersion]})`); continue; }
      const validate = await modelFor(o.apiVersion, o.kind);
      if (!validate) { problems.push(`${where}: no schema for ${o.apiVersion} ${o.kind}`); continue; }
      // kustomize wraps long base64 at 76 columns; the API server's decoder skips those newlines.
      if (o.kind === "Secret" && o.data) for (const k of Object.keys(o.data)) o.data[k] = String(o.data[k]).replace(/\s+/g, "");
      const seen = [];
      const ok = validate(tracked(o, "", seen));
      if (!ok) for (const e of validate.errors ?? []) problems.push(`${where}: ${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
      for (const { path, value, reads } of seen) {
        if (Array.isArray(value)) continue;
        for (const key of Object.keys(value)) if (!reads.has(key)) problems.push(`${where}: unknown field ${path}/${key}`);
      }
    }
  }
  return { problems, summary: `${count} objects valid` };
}

// ---- policy --------------------------------------------------------------------------------------
const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod"]);
const OURS = new Set(["gateway", "idp"]); // pod label app.kubernetes.io/component of the Passport workloads
function podSpec(o) {
  if (o.kind === "Pod") return o.spec;
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}
function policy(files) {
  const problems = [];
  let count = 0;
  for (const file of files) {
    for (const o of loadDocs(file).filter((x) => WORKLOADS.has(x.kind))) {
      count++;
      const spec = podSpec(o) ?? {};
      const psc = spec.securityContext ?? {};
      const p = (m) => problems.push(`${file}: ${id(o)}: ${m}`);
      if (psc.seccompProfile?.type !== "RuntimeDefault") p("pod seccompProfile is not RuntimeDefault");
      if (spec.hostNetwork || spec.hostPID || spec.hostIPC) p("uses host namespaces");
      if (spec.automountServiceAccountToken !== false) p("automountServiceAccountToken is not false");
      const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
      if (!containers.length) p("no containers");
      for (const c of containers) {
        const cp = (m) => p(`container ${c.name}: ${m}`);
        const sc = c.securityContext ?? {};
        const image = c.image ?? "";
        const digest = /@sha256:[0-9a-f]{64}$/.test(image);
        const tag = digest ? null : (/:([^:/]+)$/.exec(image)?.[1] ?? null);
        if (!digest && !tag) cp(`image ${image} has neither tag nor digest`);
        if (tag === "latest") cp(`image ${image} uses the latest tag`);
        const nonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
        const uid = sc.runAsUser ?? psc.runAsUser;
        if (nonRoot !== true) cp("runAsNonRoot is not true");
        if (uid === 0) cp("runAsUser is 0");
        if (sc.privileged) cp("privileged");
        if (sc.allowPrivilegeEscalation !== false) cp("allowPrivilegeEscalation is not false");
        if (sc.readOnlyRootFilesystem !== true) cp("readOnlyRootFilesystem is not true");
        if (!(sc.capabilities?.drop ?? []).includes("ALL")) cp("capabilities do not drop ALL");
        if ((sc.capabilities?.add ?? []).length) cp(`adds capabilities ${sc.capabilities.add}`);
        if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) cp("no cpu/memory requests");
        if (!c.resources?.limits?.memory) cp("no memory limit");
        if ((spec.initContainers ?? []).includes(c)) continue;
        for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) if (!c[probe]) cp(`no ${probe}`);
        // $(VAR) in env values only expands variables defined earlier in the list.
        const defined = new Set();
        for (const e of c.env ?? []) {
          for (const m of String(e.value ?? "").matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g))
            if (!defined.has(m[1])) cp(`env ${e.name} references $(${m[1]}) before it is defined`);
          defined.add(e.name);
        }
        if (OURS.has(o.spec?.template?.metadata?.labels?.["app.kubernetes.io/component"] ?? "")) {
          if (c.startupProbe?.httpGet?.path !== "/healthz") cp("startupProbe is not GET /healthz");
          if (c.livenessProbe?.httpGet?.path !== "/healthz") cp("livenessProbe is not GET /healthz");
          if (c.readinessProbe?.httpGet?.path !== "/readyz") cp("readinessProbe is not GET /readyz");
          if (uid !== 10001) cp(`runAsUser is ${uid}, expected 10001 (the image's user)`);
          if (!(c.volumeMounts ?? []).some((v) => v.mountPath === "/tmp")) cp("no writable /tmp volume");
          const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
          if (env.ASPNETCORE_URLS !== "http://+:8080") cp("ASPNETCORE_URLS is not http://+:8080");
          if (!(c.ports ?? []).some((x) => x.containerPort === 8080)) cp("no containerPort 8080");
          // Graceful shutdown: preStop sleep + Kestrel's shutdown timeout must end before SIGKILL.
          const preStop = c.lifecycle?.preStop?.sleep?.seconds;
          const shutdown = Number(env.DOTNET_SHUTDOWNTIMEOUTSECONDS);
          const grace = spec.terminationGracePeriodSeconds ?? 30;
          if (!(preStop > 0)) cp("no preStop sleep");
          if (!(shutdown > 0)) cp("DOTNET_SHUTDOWNTIMEOUTSECONDS not set");
          if (preStop + shutdown >= grace) cp(`preStop ${preStop}s + shutdown ${shutdown}s >= terminationGracePeriodSeconds ${grace}s`);
          const keys = (spec.topologySpreadConstraints ?? []).map((t) => t.topologyKey);
          if (!keys.includes("kubernetes.io/hostname") || !keys.includes("topology.kubernetes.io/zone")) cp("no topology spread across nodes and zones");
        }
      }
    }
  }
  if (!count) problems.push(`no workloads in ${files.join(", ")}`);
  return { problems, summary: `${count} workloads pass the pod policy` };
}

// ---- compare -------------------------------------------------------------------------------------
// The effective .NET configuration of a container: appsettings.Production.json from its ConfigMap (flattened to
// Section:Key, arrays as :0, :1) overlaid with its environment (X__Y → X:Y); keys compared case-insensitively.
function flatten(value, prefix, out) {
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}:${k}` : k, out);
  } else if (value !== null && value !== undefined) out[prefix.toLowerCase()] = String(value);
  return out;
}
function effectiveConfig(c, spec, configMaps) {
  const out = {};
  for (const m of c.volumeMounts ?? []) {
    if (!m.subPath?.endsWith(".json")) continue;
    const vol = (spec.volumes ?? []).find((v) => v.name === m.name);
    const cm = configMaps.find((x) => x.metadata.name === vol?.configMap?.name);
    if (cm) flatten(JSON.parse(cm.data[m.subPath]), "", out);
  }
  for (const e of c.env ?? []) {
    const key = e.name.replaceAll("__", ":").toLowerCase();
    if (e.valueFrom?.secretKeyRef) out[key] = `secret:${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`;
    else out[key] = String(e.value ?? "");
  }
  return out;
}
const baseName = (o) => o.metadata.name.replace(/-[a-z0-9]{10}$/, "");
function describe(objs) {
  const configMaps = objs.filter((o) => o.kind === "ConfigMap");
  const d = {};
  for (const o of objs) {
    if (o.kind === "Namespace" || o.kind === "Secret") continue;
    const name = o.kind === "ConfigMap" ? baseName(o).replace(/-config$/, "") + "-config" : o.metadata.name;
    const key = `${o.kind}/${name}`;
    if (o.kind === "Service") d[key] = { type: o.spec.type ?? "ClusterIP", externalTrafficPolicy: o.spec.externalTrafficPolicy, ports: o.spec.ports.map(({ name, port, targetPort, protocol }) => ({ name, port, targetPort, protocol })) };
    else if (WORKLOADS.has(o.kind)) {
      const spec = podSpec(o);
      d[key] = {
        replicas: o.spec.replicas, strategy: o.spec.strategy,
        terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
        podSecurityContext: spec.securityContext, serviceAccount: spec.serviceAccountName,
        automountServiceAccountToken: spec.automountServiceAccountToken,
        topologyKeys: (spec.topologySpreadConstraints ?? []).map((t) => `${t.topologyKey}:${t.whenUnsatisfiable}`),
        volumes: (spec.volumes ?? []).map((v) => ({ name: v.name, secret: v.secret?.secretName, emptyDir: v.emptyDir, configMap: !!v.configMap })),
        containers: spec.containers.map((c) => ({
          name: c.name, image: c.image, ports: c.ports, securityContext: c.securityContext, resources: c.resources,
          startupProbe: c.startupProbe, livenessProbe: c.livenessProbe, readinessProbe: c.readinessProbe, lifecycle: c.lifecycle,
          volumeMounts: (c.volumeMounts ?? []).map(({ mountPath, subPath, readOnly }) => ({ mountPath, subPath, readOnly })),
          config: effectiveConfig(c, spec, configMaps),
        })),
      };
    } else if (o.kind === "HorizontalPodAutoscaler") d[key] = { target: o.spec.scaleTargetRef.name, min: o.spec.minReplicas, max: o.spec.maxReplicas, metrics: o.spec.metrics };
    else if (o.kind === "PodDisruptionBudget") d[key] = { maxUnavailable: o.spec.maxUnavailable, minAvailable: o.spec.minAvailable };
    else if (o.kind === "Ingress") d[key] = { className: o.spec.ingressClassName, annotations: o.metadata.annotations, tls: o.spec.tls, rules: o.spec.rules };
    else if (o.kind === "NetworkPolicy") d[key] = { policyTypes: o.spec.policyTypes, ingress: o.spec.ingress, egressPorts: (o.spec.egress ?? []).map((e) => ({ ports: e.ports, ipBlock: e.to?.[0]?.ipBlock })) };
    else if (o.kind === "ServiceAccount") d[key] = { automountServiceAccountToken: o.automountServiceAccountToken };
    else if (o.kind === "ConfigMap") d[key] = {};
    else d[key] = { spec: o.spec };
  }
  return d;
}
function diff(a, b, path, out) {
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff(a[k], b[k], `${path}.${k}`, out);
  } else out.push(`${path}: kustomize ${JSON.stringify(a)} != helm ${JSON.stringify(b)}`);
  return out;
}
function compare([kFile, hFile]) {
  const k = describe(loadDocs(kFile)), h = describe(loadDocs(hFile));
  const problems = [];
  for (const key of Object.keys(k)) if (!(key in h)) problems.push(`${key}: only in kustomize`);
  for (const key of Object.keys(h)) if (!(key in k)) problems.push(`${key}: only in helm`);
  for (const key of Object.keys(k)) if (key in h) diff(k[key], h[key], key, problems);
  return { problems, summary: `${Object.keys(k).length} objects equivalent` };
}

// ---- readme --------------------------------------------------------------------------------------
function rows(schemaNode, values, prefix, out) {
  for (const [k, s] of Object.entries(schemaNode.properties ?? {})) {
    const path = prefix ? `${prefix}.${k}` : k;
    const v = values?.[k];
    if (s.type === "object" && s.properties && s.additionalProperties === false) { rows(s, v, path, out); continue; }
    const type = Array.isArray(s.type) ? s.type.join("\\|") : s.type;
    const extra = s.enum ? ` One of: ${s.enum.map((e) => `\`${e === "" ? '""' : e}\``).join(", ")}.` : "";
    const def = v === undefined ? "" : `\`${JSON.stringify(v).replaceAll("|", "\\|")}\``;
    out.push(`| \`${path}\` | ${type} | ${def} | ${(s.description ?? "").replaceAll("|", "\\|")}${extra} |`);
  }
  return out;
}
function readme([schemaFile, valuesFile, readmeFile], write) {
  const table = ["| key | type | default | description |", "|---|---|---|---|",
    ...rows(JSON.parse(readFileSync(schemaFile, "utf8")), YAML.parse(readFileSync(valuesFile, "utf8")), "", [])].join("\n");
  const begin = "<!-- values-table:begin (generated from values.schema.json by deploy/checks/check.mjs readme --write) -->";
  const end = "<!-- values-table:end -->";
  const text = readFileSync(readmeFile, "utf8");
  const i = text.indexOf(begin), j = text.indexOf(end);
  if (i < 0 || j < 0) return { problems: [`${readmeFile}: no values-table markers`], summary: "" };
  const next = `${text.slice(0, i + begin.length)}\n${table}\n${text.slice(j)}`;
  if (write) { writeFileSync(readmeFile, next); return { problems: [], summary: "README values table written" }; }
  return next === text ? { problems: [], summary: "README values table matches the schema" }
    : { problems: [`${readmeFile}: the values table differs from values.schema.json + values.yaml; run: node deploy/checks/check.mjs readme helm/passport-gateway/values.schema.json helm/passport-gateway/values.yaml helm/passport-gateway/README.md --write`], summary: "" };
}

const [cmd, ...args] = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith("--"));
const result = cmd === "schema" ? await schema(files) : cmd === "policy" ? policy(files)
  : cmd === "compare" ? compare(files) : cmd === "readme" ? readme(files, args.includes("--write"))
  : (() => { console.error("usage: node check.mjs schema|policy|compare|readme ..."); process.exit(2); })();
for (const p of result.problems) console.log(p);
if (result.problems.length) { console.log(`${result.problems.length} problem(s)`); process.exit(1); }
console.log(`ok: ${result.summary}`);
