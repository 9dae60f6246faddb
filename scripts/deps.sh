#!/usr/bin/env bash
# Installs the Debian 12 packages trioscope needs to build, run and test, if any are missing.
set -euo pipefail

packages=(
  g++ cmake make pkg-config ccache           # toolchain
  nlohmann-json3-dev                          # scenario files
  libimgui-dev libglfw3-dev libstb-dev        # the app (Dear ImGui 1.86 + GLFW + OpenGL 3)
  libgl-dev libgl1-mesa-dri fonts-dejavu-core # OpenGL (Mesa) and the UI font
  libgtest-dev libbenchmark-dev               # tests and benchmarks
  xvfb xauth xdotool                          # GUI tests without a screen, real key events
  python3 python3-jsonschema                  # test drivers, schema check
  python3-trio                                # real Trio (0.22): exported programs are run in it
  libcairo2-dev libgif-dev libpng-dev         # exports: PNG and PDF through cairo, GIF through giflib
  libfreetype-dev libfontconfig-dev           # exports: DejaVu measured and drawn from its files
  ffmpeg                                      # exports: MP4 and WebM (optional at run time)
  poppler-utils librsvg2-bin libxml2-utils    # export tests: PDF, SVG and XML read back
  chromium chromium-driver python3-selenium   # export tests: slides.html in a headless browser
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
