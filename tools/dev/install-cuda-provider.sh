#!/usr/bin/env bash
# Puts ONNX Runtime's CUDA execution provider beside onnxruntime-node's CPU library, so
# MODEL_PROVIDER=cuda can load it (onnxruntime-node's own install script downloads it
# from outside npm, which this project skips: FACTS.md). The provider files come from the
# npm package com.github.asus4.onnxruntime.linux-x64-gpu@0.4.9 (ONNX Runtime 1.29, CUDA 13,
# MIT), the build proven with onnxruntime-node 1.29.0 on an H100.
#   tools/dev/install-cuda-provider.sh            # fetch the package from the npm registry
#   tools/dev/install-cuda-provider.sh PKG.tgz    # or use a tarball carried to a machine without network
# Then: LD_LIBRARY_PATH=<CUDA toolkit lib64>:$LD_LIBRARY_PATH MODEL_PROVIDER=cuda …
set -euo pipefail
cd "$(dirname "$0")/../.."
PACKAGE=com.github.asus4.onnxruntime.linux-x64-gpu@0.4.9
TARGET=node_modules/onnxruntime-node/bin/napi-v6/linux/x64
[ -f "$TARGET/libonnxruntime.so.1" ] || { echo "onnxruntime-node is not installed (run make deps)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
  tarball=$(realpath "$1")
else
  tarball="$work/$(cd "$work" && npm pack --silent "$PACKAGE")"
fi
tar -xzf "$tarball" -C "$work"
for lib in libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so; do
  found=$(find "$work" -name "$lib" -type f | head -n 1)
  [ -n "$found" ] || { echo "$lib not found in $tarball" >&2; exit 1; }
  cp "$found" "$TARGET/$lib"
  echo "» $TARGET/$lib"
done
echo "» CUDA provider installed; run with MODEL_PROVIDER=cuda and LD_LIBRARY_PATH including the CUDA toolkit's lib64 and cuDNN"
