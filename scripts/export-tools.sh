#!/usr/bin/env bash
# The programs the export tests check Folio's files with (epubcheck on a JRE, pandoc, poppler's
# pdftotext and pdffonts): on Debian/Ubuntu, install the missing ones when run as root, else
# say which checks will not run. Quiet when everything is there; never fails the build, since
# the tests run (and say which external checks ran) without them.
set -u

# program-or-file -> Debian package
tools=(
  "java default-jre-headless" "/usr/share/java/epubcheck.jar epubcheck" "pandoc pandoc"
  "pdftotext poppler-utils" "pdffonts poppler-utils"
)
missing=()
for pair in "${tools[@]}"; do
  what=${pair% *}; pkg=${pair#* }
  if [[ $what == /* ]]; then [ -e "$what" ] && continue; else command -v "$what" >/dev/null 2>&1 && continue; fi
  [[ " ${missing[*]-} " == *" $pkg "* ]] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the export checkers: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq >/dev/null 2>&1 \
    && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    exit 0
  fi
  echo "Could not install ${missing[*]}: those export checks will not run."
else
  echo "Not installed: ${missing[*]} (apt-get install ${missing[*]}): those export checks will not run."
fi
exit 0
