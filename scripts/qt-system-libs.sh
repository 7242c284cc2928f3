#!/usr/bin/env bash
# Qt's system libraries on Debian/Ubuntu: install the missing ones when run as root, else print
# the exact apt-get line. Pass "gui" to also check what a real X11 window needs (make run).
set -u
want_gui=${1:-}

# soname -> Debian package
libs=(
  "libEGL.so.1 libegl1" "libGL.so.1 libgl1" "libxkbcommon.so.0 libxkbcommon0"
  "libfontconfig.so.1 libfontconfig1" "libfreetype.so.6 libfreetype6" "libdbus-1.so.3 libdbus-1-3"
  "libglib-2.0.so.0 libglib2.0-0" "libX11.so.6 libx11-6"
)
if [ "$want_gui" = "gui" ]; then
  libs+=(
    "libxkbcommon-x11.so.0 libxkbcommon-x11-0" "libxcb-cursor.so.0 libxcb-cursor0"
    "libxcb-icccm.so.4 libxcb-icccm4" "libxcb-keysyms.so.1 libxcb-keysyms1"
    "libxcb-image.so.0 libxcb-image0" "libxcb-render-util.so.0 libxcb-render-util0"
    "libxcb-shape.so.0 libxcb-shape0" "libxcb-randr.so.0 libxcb-randr0"
    "libX11-xcb.so.1 libx11-xcb1" "libxcb-xkb.so.1 libxcb-xkb1"
  )
fi

command -v ldconfig >/dev/null 2>&1 || exit 0
command -v dpkg >/dev/null 2>&1 || exit 0   # not Debian/Ubuntu: nothing we can check this way

have=$(ldconfig -p 2>/dev/null)
missing=()
for pair in "${libs[@]}"; do
  so=${pair% *}; pkg=${pair#* }
  grep -q "$so" <<<"$have" || missing+=("$pkg")
done
# Fonts: Qt draws no text without at least one.
if ! fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null | head -1)" ]; then
  missing+=("fonts-dejavu-core" "fontconfig")
fi
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = "0" ]; then
  echo "Installing Qt's system libraries: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && $line
else
  echo "Qt needs system libraries that are missing. Run:"
  echo "  sudo apt-get update && sudo $line"
  exit 1
fi
