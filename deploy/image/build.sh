#!/usr/bin/env bash
# Offline image build (no registry, no Docker engine): for air-gapped users and for the project's own tests.
#
#   deploy/image/build.sh [gateway|server|legacy-api|all] [--trim] [--out DIR]
#
# For each component: `dotnet publish -r linux-x64 --self-contained` → a distroless root file system holding the app,
# exactly the shared libraries it needs (the ldd closure of the apphost and every native library in the publish
# output, plus libssl/libcrypto, which .NET dlopens at run time so ldd never shows them; libsodium comes with NSec),
# /etc/passwd + /etc/group with the user 10001, an empty world-writable /tmp, and the CA bundle → `buildah from
# scratch`, copy, config (user, entrypoint, port, OCI labels with a fixed created date) → commit with a fixed
# timestamp (the commit time of HEAD), so two builds of the same commit give the same image digest.
# Output: images localhost/passport-<component>:<version> in local container storage, and
# <out>/passport-<component>.oci.tar (oci-archive), and <out>/build-report.txt (sizes, digests, seconds).
# Needs: the .NET SDK, buildah (Debian: apt-get install buildah podman runc), ldd/ldconfig (libc-bin), ca-certificates.
# --trim publishes with PublishTrimmed (TrimMode=partial); ship it only where the whole test suite passes on it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/artifacts/images"
TRIM=0
WHAT=()
while [ $# -gt 0 ]; do
  case "$1" in
    --trim) TRIM=1 ;;
    --out) OUT="$2"; shift ;;
    gateway|server|legacy-api) WHAT+=("$1") ;;
    all) WHAT+=(gateway server legacy-api) ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#WHAT[@]} -eq 0 ] && WHAT=(gateway server legacy-api)
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

for tool in dotnet buildah ldd ldconfig; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (apt-get install buildah podman runc libc-bin)" >&2; exit 2; }
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
REVISION="${REVISION:-$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)}"
EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)}"
CREATED="$(date -u -d "@$EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
SOURCE="https://github.com/passport/passport-gateway"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

project_of() {
  case "$1" in
    gateway) echo "src/Passport.Gateway/Passport.Gateway.csproj Passport.Gateway" ;;
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
  extra="$(ldconfig -p | awk '/libssl\.so\.3 .*x86-64|libcrypto\.so\.3 .*x86-64/ {print $NF}')"
  { find "$app" -type f \( -name '*.so' -o -name '*.so.*' -o -perm -u+x \) -print; echo "$extra"; } | while read -r f; do
    [ -n "$f" ] || continue
    head -c 4 "$f" 2>/dev/null | grep -q 'ELF' || continue
    case "$f" in "$app"/*) ;; *) echo "$f" ;; esac
    ldd "$f" 2>/dev/null | awk '/=> \// {print $3} /^\s*\/[^ ]+ \(0x/ {print $1}'
  done | sort -u
}

report() { echo "$*" | tee -a "$OUT/build-report.txt"; }

for what in "${WHAT[@]}"; do
  read -r proj app <<<"$(project_of "$what")"
  name="passport-$what"; [ "$what" = legacy-api ] && name="passport-legacy-api"
  work="$OUT/$what"
  rm -rf "$work"; mkdir -p "$work"
  start=$(date +%s)

  trim_args=()
  [ "$TRIM" -eq 1 ] && trim_args=(-p:PublishTrimmed=true -p:TrimMode=partial)
  dotnet publish "$ROOT/$proj" -c Release -r linux-x64 --self-contained true -nologo -v:q \
    -p:DebugType=none -p:DebugSymbols=false -p:GenerateDocumentationFile=false "${trim_args[@]}" \
    -o "$work/publish" >"$work/publish.log" 2>&1 || { tail -30 "$work/publish.log"; exit 1; }
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
  chmod 1777 "$rootfs/tmp"
  chown -R 10001:10001 "$rootfs/home/app" 2>/dev/null || true
  find "$rootfs" -exec touch -h -d "@$EPOCH" {} +

  ctr="$(buildah from --pull=never scratch)"
  trap 'buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
  buildah copy --quiet "$ctr" "$rootfs/" / >/dev/null
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
  image="localhost/$name:$VERSION"
  buildah commit --quiet --rm --format oci --timestamp "$EPOCH" --identity-label=false "$ctr" "$image" >/dev/null
  trap - EXIT
  rm -f "$OUT/$name.oci.tar"
  buildah push --quiet "$image" "oci-archive:$OUT/$name.oci.tar:$image" >/dev/null
  done_at=$(date +%s)

  digest="$(buildah inspect --type image --format '{{.FromImageDigest}}' "$image")"
  report "$name trim=$TRIM version=$VERSION revision=$REVISION digest=$digest" \
    "publish_bytes=$(du -sb "$work/publish" | cut -f1) rootfs_bytes=$(du -sb "$rootfs" | cut -f1)" \
    "archive_bytes=$(stat -c %s "$OUT/$name.oci.tar") publish_seconds=$((publish_done - start)) total_seconds=$((done_at - start))"
done
