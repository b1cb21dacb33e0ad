#!/usr/bin/env bash
# Offline image build (no registry, no Docker engine): for air-gapped users and for the project's own tests.
#
#   deploy/image/build.sh [gateway|server|legacy-api|all]... [--rev REV | --working-tree] [--tag TAG] [--out DIR] [--trim]
#
# Source: by default the files of one commit (REV, default HEAD), exported with `git archive` into a fresh folder,
# never the working tree, so that uncommitted edits cannot leak into an image labelled with that commit.
# --working-tree builds what is on disk instead (revision label "<HEAD>-dirty" when the tree has changes).
# For each component: `dotnet publish -r linux-x64 --self-contained` (deterministic, source paths mapped to /src/)
# → a distroless root file system holding the app, exactly the shared libraries it needs (the ldd closure of the
# apphost and every native library in the publish output, plus libssl/libcrypto, which .NET dlopens at run time so
# ldd never shows them; libsodium comes with NSec), /etc/passwd + /etc/group with the user 10001, an empty
# world-writable /tmp, and the CA bundle → `buildah from scratch`, copy, config (user, entrypoint, port, OCI labels
# with a fixed created date) → commit with a fixed timestamp (the commit time of REV, or SOURCE_DATE_EPOCH): file
# modes and times are normalised, so two builds of the same commit give the same image digest.
# Output: images localhost/passport-<component>:<TAG> (TAG default: VERSION, 0.1.0) in local container storage,
# <out>/passport-<component>.oci.tar (oci-archive), and <out>/build-report.txt: one line per image,
#   image=… digest=… revision=… trim=… publish_bytes=… rootfs_bytes=… image_bytes=… archive_bytes=…
#   publish_seconds=… total_seconds=…
# Components are built one after the other: on 2 cores the publishes are CPU-bound and gain nothing in parallel.
# Needs: git, the .NET SDK, buildah (Debian: apt-get install buildah podman runc), ldd/ldconfig (libc-bin),
# ca-certificates. --trim publishes with PublishTrimmed (TrimMode=partial) for measuring; not shipped: the code's
# reflection-based JSON gives trim warnings (IL2026), and no test suite runs on a trimmed build.
set -euo pipefail
umask 022

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/artifacts/images"
TRIM=0
REV=HEAD
FROM_TREE=0
TAG=""
WHAT=()
while [ $# -gt 0 ]; do
  case "$1" in
    --trim) TRIM=1 ;;
    --out) OUT="$2"; shift ;;
    --rev) REV="$2"; shift ;;
    --working-tree) FROM_TREE=1 ;;
    --tag) TAG="$2"; shift ;;
    gateway|server|legacy-api) WHAT+=("$1") ;;
    all) WHAT+=(gateway server legacy-api) ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#WHAT[@]} -eq 0 ] && WHAT=(gateway server legacy-api)
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

for tool in git dotnet buildah ldd ldconfig; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (apt-get install git buildah podman runc libc-bin)" >&2; exit 2; }
done

# podman/buildah on these machines: no ulimits, cgroupfs, runc (crun fails on this kernel's cgroups).
if [ -z "${CONTAINERS_CONF:-}" ]; then
  export CONTAINERS_CONF="$OUT/containers.conf"
  cat >"$CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
CONF
fi

VERSION="${VERSION:-0.1.0}"
TAG="${TAG:-$VERSION}"
SOURCE="https://github.com/passport/passport-gateway"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---- the source: one commit, exported (default), or the working tree --------------------------------------------
SRC="$OUT/src"
rm -rf "$SRC"
if [ "$FROM_TREE" -eq 1 ]; then
  SRC="$ROOT"
  REVISION="${REVISION:-$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)}"
  if [ "$REVISION" != unknown ] && [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]; then REVISION="$REVISION-dirty"; fi
  EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)}"
else
  commit="$(git -C "$ROOT" rev-parse --verify "$REV^{commit}" 2>/dev/null)" \
    || { echo "build.sh: '$REV' is not a commit of $ROOT (not a git clone? use --working-tree)" >&2; exit 2; }
  REVISION="${REVISION:-$commit}"
  EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct "$commit")}"
  mkdir -p "$SRC"
  git -C "$ROOT" archive --format=tar "$commit" | tar -x -C "$SRC"
fi
CREATED="$(date -u -d "@$EPOCH" +%Y-%m-%dT%H:%M:%SZ)"

project_of() {
  case "$1" in
    gateway) echo "src/Passport.Gateway.Host/Passport.Gateway.Host.csproj Passport.Gateway.Host" ;;
    server) echo "src/Passport.Server/Passport.Server.csproj Passport.Server" ;;
    legacy-api) echo "samples/LegacyApi/LegacyApi.csproj LegacyApi" ;;
  esac
}

# Copies a file and, for a symlink, the link and its target, keeping absolute paths under the rootfs.
copy_lib() {
  local src="$1" rootfs="$2"
  [ -e "$rootfs$src" ] && return 0
  mkdir -p "$rootfs$(dirname "$src")"
  if [ -L "$src" ]; then
    local target; target="$(readlink -f "$src")"
    copy_lib "$target" "$rootfs"
    ln -s "$target" "$rootfs$src"
  else
    cp "$src" "$rootfs$src"
  fi
}

library_closure() {
  # Every ELF in the app folder + libssl/libcrypto → their ldd closure (absolute paths), sorted, unique.
  local app="$1" extra
  extra="$(ldconfig -p | awk '/libssl\.so\.3 .*x86-64|libcrypto\.so\.3 .*x86-64/ {print $NF}' | LC_ALL=C sort -u)"
  { find "$app" -type f \( -name '*.so' -o -name '*.so.*' -o -perm -u+x \) -print | LC_ALL=C sort; echo "$extra"; } | while read -r f; do
    [ -n "$f" ] || continue
    head -c 4 "$f" 2>/dev/null | grep -q 'ELF' || continue
    case "$f" in "$app"/*) ;; *) echo "$f" ;; esac
    ldd "$f" 2>/dev/null | awk '/=> \// {print $3} /^\s*\/[^ ]+ \(0x/ {print $1}'
  done | awk -v p="$app/" 'index($0, p) != 1' | LC_ALL=C sort -u   # libraries of the app itself (RPATH $ORIGIN) are there already
}

report() { echo "$*" | tee -a "$OUT/build-report.txt"; }
: >"$OUT/build-report.txt"

ctr=""
cleanup() {
  [ -n "$ctr" ] && buildah rm "$ctr" >/dev/null 2>&1 || true
  [ "$FROM_TREE" -eq 1 ] || rm -rf "$OUT/src"
}
trap cleanup EXIT

for what in "${WHAT[@]}"; do
  read -r proj app <<<"$(project_of "$what")"
  name="passport-$what"
  work="$OUT/$what"
  rm -rf "$work"; mkdir -p "$work"
  start=$(date +%s)

  trim_args=()
  # The trim analysis warns (IL2026) on the reflection-based System.Text.Json calls of the code: those warnings stay
  # warnings here, and reflection-based JSON stays enabled, so that a trimmed image can be built and measured at all.
  [ "$TRIM" -eq 1 ] && trim_args=(-p:PublishTrimmed=true -p:TrimMode=partial -p:TreatWarningsAsErrors=false
    -p:JsonSerializerIsReflectionEnabledByDefault=true)
  # Deterministic compile; the source folder differs per build, so map it to /src/ in everything the compiler writes.
  dotnet publish "$SRC/$proj" -c Release -r linux-x64 --self-contained true -nologo -v:q \
    -p:DebugType=none -p:DebugSymbols=false -p:GenerateDocumentationFile=false \
    -p:Deterministic=true "-p:PathMap=$SRC/=/src/" -p:SourceRevisionId="$REVISION" \
    "${trim_args[@]}" -o "$work/publish" >"$work/publish.log" 2>&1 || { tail -30 "$work/publish.log"; exit 1; }
  publish_done=$(date +%s)

  rootfs="$work/rootfs"
  mkdir -p "$rootfs/app" "$rootfs/tmp" "$rootfs/etc/ssl/certs" "$rootfs/home/app"
  cp -a "$work/publish/." "$rootfs/app/"
  while read -r lib; do copy_lib "$lib" "$rootfs"; done < <(library_closure "$rootfs/app")
  # The dynamic loader at the path the apphost asks for.
  [ -e "$rootfs/lib64/ld-linux-x86-64.so.2" ] || copy_lib /lib64/ld-linux-x86-64.so.2 "$rootfs"
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/home/app:/sbin/nologin\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\napp:x:10001:\n' >"$rootfs/etc/group"
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  # Normalised modes (whatever the umask or the host's library modes were): directories and executables 0755,
  # other files 0644, /tmp 1777; owner root except the user's (empty) home. Fixed times on every entry.
  find "$rootfs" -type d -exec chmod 0755 {} +
  find "$rootfs" -type f -perm /u+x -exec chmod 0755 {} +
  find "$rootfs" -type f ! -perm /u+x -exec chmod 0644 {} +
  chmod 1777 "$rootfs/tmp"
  find "$rootfs" -exec touch -h -d "@$EPOCH" {} +

  ctr="$(buildah from --pull=never scratch)"
  buildah copy --quiet --chown 0:0 "$ctr" "$rootfs/" / >/dev/null
  buildah copy --quiet --chown 10001:10001 "$ctr" "$rootfs/home" /home >/dev/null
  buildah config \
    --os linux --arch amd64 \
    --user 10001:10001 --workingdir /app \
    --entrypoint "[\"/app/$app\"]" --cmd '[]' \
    --port 8080 \
    --env ASPNETCORE_URLS=http://+:8080 --env DOTNET_SHUTDOWNTIMEOUTSECONDS=25 \
    --env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    --label "org.opencontainers.image.source=$SOURCE" \
    --label "org.opencontainers.image.title=$name" \
    --label "org.opencontainers.image.version=$VERSION" \
    --label "org.opencontainers.image.revision=$REVISION" \
    --label "org.opencontainers.image.created=$CREATED" \
    --created-by "deploy/image/build.sh" \
    "$ctr"
  image="localhost/$name:$TAG"
  buildah commit --quiet --rm --format oci --timestamp "$EPOCH" --identity-label=false "$ctr" "$image" >/dev/null
  ctr=""
  rm -f "$OUT/$name.oci.tar"
  buildah push --quiet "$image" "oci-archive:$OUT/$name.oci.tar:localhost/$name:$VERSION" >/dev/null
  done_at=$(date +%s)

  digest="$(buildah inspect --type image --format '{{.FromImageDigest}}' "$image")"
  image_bytes="$(podman image inspect --format '{{.Size}}' "$image" 2>/dev/null || echo unknown)"
  report "image=$image digest=$digest revision=$REVISION trim=$TRIM" \
    "publish_bytes=$(du -sb "$work/publish" | cut -f1) rootfs_bytes=$(du -sb "$rootfs" | cut -f1)" \
    "image_bytes=$image_bytes archive_bytes=$(stat -c %s "$OUT/$name.oci.tar")" \
    "publish_seconds=$((publish_done - start)) total_seconds=$((done_at - start))"
done
