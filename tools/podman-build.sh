#!/usr/bin/env bash
# Builds docker/Dockerfile with Debian's podman on a machine that can reach Debian's mirrors and
# Maven Central but no container registry (docs/DEVELOPING.md, "The container image").
#   sudo tools/podman-build.sh [WORK_DIR]
# The Dockerfile's two base images are made from Debian packages with debootstrap and tagged with
# the names the Dockerfile uses, so the build itself runs the Dockerfile unchanged with
# --pull=never. PREFLOOP_M2=DIR lends the build a local Maven repository (read and written) instead
# of downloading every dependency again. Needs root, podman, runc and debootstrap (apt-get install).
# PODMAN_OPTS are given to the build and the run; the default suits a VM without CAP_SYS_RESOURCE
# and with hybrid cgroups, where crun refuses to start and the default ulimits cannot be set.
set -euo pipefail
work="${1:-/var/tmp/prefloop-podman}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

base() {  # image name, Debian packages, folder
  local image="$1" packages="$2" tree="$work/$3"
  if podman image exists "$image"; then
    echo "base image $image: already there"
    return
  fi
  echo "base image $image: debootstrap bookworm with $packages ..."
  rm -rf "$tree"
  debootstrap --variant=minbase --include="$packages" bookworm "$tree" "$mirror" > "$work/$3.log"
  rm -rf "$tree"/var/cache/apt/archives/*.deb "$tree"/var/lib/apt/lists/*
  tar -C "$tree" -c . | podman import --change 'CMD ["/bin/bash"]' - "$image"
  rm -rf "$tree"
}

mkdir -p "$work"
# Debian's Maven is 3.8; the build needs no 3.9 feature. The names are those the Dockerfile pulls.
base docker.io/library/maven:3.9-eclipse-temurin-17 openjdk-17-jdk-headless,maven build
base docker.io/library/eclipse-temurin:17-jre openjdk-17-jre-headless,ca-certificates jre

read -r -a opts <<< "${PODMAN_OPTS:---runtime runc --ulimit nofile=20000:20000 --ulimit nproc=4096:4096}"
volume=()
if [ -n "${PREFLOOP_M2:-}" ]; then
  volume=(--volume "$PREFLOOP_M2:/root/.m2")
fi
cd "$root"
revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
podman build "${opts[@]}" --pull=never --network host "${volume[@]}" \
  --build-arg GIT_REVISION="$revision" \
  --ignorefile docker/Dockerfile.dockerignore -f docker/Dockerfile -t prefloop:latest .
podman run "${opts[@]}" --rm prefloop:latest --version
