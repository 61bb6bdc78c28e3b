#!/usr/bin/env bash
# Install the Debian packages the project needs when they are missing.
#   system-deps.sh publish   what building the PDFs needs (Pango for WeasyPrint, the PDFs'
#                            type: Linux Libertine and Biolinum) and
#                            what the checks need (hunspell-en-gb: the spelling check;
#                            dict-freedict-nld-eng and dict-wn: the lexical check)
#   system-deps.sh test      that, and what the tests need: Chromium (browser tests),
#                            nginx with its brotli module (serving tests), npm (axe-core),
#                            poppler-utils, faketime (builds with the clock moved),
#                            Liberation fonts (the look tests under Arial's metrics),
#                            Java and EPUBCheck (the W3C Nu HTML checker and EPUBCheck)
# As root this runs apt-get; otherwise it names what to install and fails.
set -euo pipefail
what="${1:-test}"

need=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || need+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || need+=(fonts-dejavu-core)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || need+=(fonts-dejavu-extra)
# The PDFs' type (publication/outputs/pdf.py FACES)
[ -e /usr/share/fonts/opentype/linux-libertine/LinLibertine_R.otf ] || need+=(fonts-linuxlibertine)
# Hunspell's British English dictionary: the spelling check of `check` and `publish`
[ -e /usr/share/hunspell/en_GB.dic ] || need+=(hunspell-en-gb)
# FreeDict's Dutch–English dictionary and WordNet (dictd files): the lexical check
[ -e /usr/share/dictd/freedict-nld-eng.index ] || need+=(dict-freedict-nld-eng)
[ -e /usr/share/dictd/wn.index ] || need+=(dict-wn)
if [ "$what" = test ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/sbin/nginx ] || need+=(nginx)
  [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need+=(libnginx-mod-http-brotli-static)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v npm >/dev/null || need+=(npm)
  command -v faketime >/dev/null || need+=(faketime)
  # Arial's metrics (Liberation Sans): the look tests hold under a second font set
  [ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need+=(fonts-liberation)
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
