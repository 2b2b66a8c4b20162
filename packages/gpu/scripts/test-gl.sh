#!/usr/bin/env bash
# Runs the gpu.js parity suite on headless-gl (Mesa's software OpenGL under Xvfb) on a Debian machine.
#
#   pnpm --filter @nn/gpu test:gl            # install, build `gl` if needed, run the suite
#   GL_SKIP_APT=1 pnpm --filter @nn/gpu test:gl   # the Debian packages are already there
#   GL_BUILD_ONLY=1 ...                      # stop after building `gl`
#
# (1) apt-get installs the X11/GL headers `gl` compiles against, pkg-config and Xvfb (needs root or sudo);
# (2) `gl` (the optional dependency of gpu.js that pnpm leaves unbuilt: see "ignoredBuiltDependencies" in the
#     root package.json) is built in place: prebuild-install first, else node-gyp from source (5–6 min on
#     2 idle cores, 20 on a busy one); it is only rebuilt when its binary is missing or does not load;
# (3) vitest runs src/gpujs under `xvfb-run -a` with NN_GPUJS_MODE=headlessgl, which makes the parity suite
#     test that mode only and fail (not skip) when it is unavailable.
set -euo pipefail

pkg_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$pkg_dir"

# (1) system packages
if [[ "${GL_SKIP_APT:-0}" != "1" ]]; then
  sudo_cmd=""
  if [[ "$(id -u)" != "0" ]]; then sudo_cmd="sudo"; fi
  if ! command -v apt-get >/dev/null; then
    echo "test:gl: apt-get not found; install the X11/GL headers, pkg-config and xvfb by hand and set GL_SKIP_APT=1" >&2
    exit 1
  fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    libx11-dev libxi-dev libxext-dev libgl1-mesa-dev pkg-config xvfb xauth python3 make g++
fi

# (2) the native `gl` module, resolved from gpu.js exactly as gpu.js resolves it
gl_dir="$(node -e '
  const path = require("node:path");
  const gpujs = path.dirname(require.resolve("gpu.js/package.json"));
  console.log(path.dirname(require.resolve("gl/package.json", { paths: [gpujs] })));
')"
gl_loads() {
  # loading needs no display; creating a context does (that is checked under xvfb below)
  GL_DIR="$gl_dir" node -e 'require(process.env.GL_DIR)' >/dev/null 2>&1
}
if gl_loads; then
  echo "test:gl: gl is built ($gl_dir)"
else
  echo "test:gl: building gl in $gl_dir"
  started=$(date +%s)
  (
    cd "$gl_dir"
    # Offline machines: no prebuilt binary, and node-gyp cannot download headers; the ones installed
    # with Node (<prefix>/include/node) serve.
    node_prefix="$(dirname "$(dirname "$(command -v node)")")"
    nodedir_flag=()
    if [[ -f "$node_prefix/include/node/node.h" ]]; then nodedir_flag=(--nodedir="$node_prefix"); fi
    node ../prebuild-install/bin.js || node ../node-gyp/bin/node-gyp.js rebuild "${nodedir_flag[@]}" -j "$(nproc)"
  )
  echo "test:gl: gl built in $(( $(date +%s) - started )) s"
  gl_loads || { echo "test:gl: gl was built but its binary does not load" >&2; exit 1; }
fi
if [[ "${GL_BUILD_ONLY:-0}" == "1" ]]; then exit 0; fi

# (3) the parity suite on headless-gl
# One test file at a time: each opens GL contexts on the one Xvfb, and llvmpipe uses every core anyway.
NN_GPUJS_MODE=headlessgl xvfb-run -a -s "-screen 0 1024x768x24" npx vitest run src/gpujs --no-file-parallelism "$@"
