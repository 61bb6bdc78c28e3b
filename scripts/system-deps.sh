#!/usr/bin/env bash
# Install the Debian packages the project needs when they are missing.
#   system-deps.sh publish   what building the PDFs needs (Pango for WeasyPrint, fonts) and
#                            what the checks need (hunspell-en-gb: the spelling check)
#   system-deps.sh test      that, and what the tests need: Chromium (browser tests),
#                            nginx with its brotli module (serving tests), npm (axe-core),
#                            poppler-utils, faketime (builds with the clock moved),
#                            Java and EPUBCheck (the W3C Nu HTML checker and EPUBCheck)
# As root this runs apt-get; otherwise it names what to install and fails.
set -euo pipefail
what="${1:-test}"

need=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || need+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || need+=(fonts-dejavu-core)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || need+=(fonts-dejavu-extra)
# Hunspell's British English dictionary: the spelling check of `check` and `publish`
[ -e /usr/share/hunspell/en_GB.dic ] || need+=(hunspell-en-gb)
if [ "$what" = test ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/sbin/nginx ] || need+=(nginx)
  [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need+=(libnginx-mod-http-brotli-static)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v npm >/dev/null || need+=(npm)
  command -v faketime >/dev/null || need+=(faketime)
  # ip (and unshare, util-linux): the serving steps tested on a stock nginx in namespaces
  command -v ip >/dev/null || need+=(iproute2)
  command -v java >/dev/null || need+=(default-jre-headless)
  [ -e /usr/share/java/epubcheck.jar ] || need+=(epubcheck)
fi

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
