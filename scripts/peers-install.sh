#!/usr/bin/env bash
# Installs the real peers the integration tests talk to (the tests' global setups start them):
#   dockerd + a local registry (Debian's docker.io, docker-registry), moto's S3 server (PyPI, in a
#   project-local venv), fake-gcs-server and act (Go module proxy). Azurite comes with `npm ci`.
# Idempotent: whatever is already installed is left alone. Fails loudly when something cannot be
# installed, so that a missing peer never turns into skipped tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

need_apt=()
command -v dockerd >/dev/null 2>&1 || need_apt+=(docker.io)
command -v docker-registry >/dev/null 2>&1 || need_apt+=(docker-registry)
# The Docker tests' base image is a static busybox; their auth registry's htpasswd file needs htpasswd.
dpkg -s busybox-static >/dev/null 2>&1 || need_apt+=(busybox-static)
command -v htpasswd >/dev/null 2>&1 || need_apt+=(apache2-utils)
# The workflows the end-to-end tests run under act use jq in their shell steps (as GitHub's runners have it).
command -v jq >/dev/null 2>&1 || need_apt+=(jq)
if [ "${#need_apt[@]}" -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# moto and every dependency exactly as scripts/locks/peers.lock pins them.
peers="$root/.venv-peers"
bash "$root/scripts/locks/sync.sh" "$peers" "$root/scripts/locks/peers.lock"

gobin="$root/.tools/go/bin"
# Go is on the machine but not always on a non-login shell's PATH.
command -v go >/dev/null 2>&1 || [ ! -x /usr/local/go/bin/go ] || export PATH="/usr/local/go/bin:$PATH"
mkdir -p "$gobin"
[ -x "$gobin/fake-gcs-server" ] || GOBIN="$gobin" go install "github.com/fsouza/fake-gcs-server@$(cat "$root/scripts/fake-gcs-server-version.txt")"
[ -x "$gobin/act" ] || GOBIN="$gobin" go install "github.com/nektos/act@$(cat "$root/scripts/act-version.txt")"
# docker buildx (Debian bookworm has no plugin package), for build_backend: buildx. The Docker tests
# link this directory into their DOCKER_CONFIG. Pinned to a version tested against the 20.10 daemon
# (API 1.41), which some releases refuse (0.31.x, docker/buildx#3654).
plugins="$root/.tools/docker-cli-plugins"
if ! [ -x "$plugins/docker-buildx" ]; then
  buildx_version="$(cat "$root/scripts/buildx-version.txt")"
  mkdir -p "$plugins"
  GOBIN="$plugins" go install -ldflags "-X github.com/docker/buildx/version.Version=$buildx_version" "github.com/docker/buildx/cmd/buildx@$buildx_version"
  mv "$plugins/buildx" "$plugins/docker-buildx"
fi

for tool in dockerd docker-registry docker busybox htpasswd jq "$peers/bin/moto_server" "$gobin/fake-gcs-server" "$gobin/act" "$plugins/docker-buildx" "$root/node_modules/.bin/azurite-blob"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "peer missing after install: $tool" >&2; exit 1; }
done
echo "peers installed" >&2
