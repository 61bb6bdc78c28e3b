#!/bin/sh
# Serve an edition with Debian's nginx: deploy/nginx/install.sh [DIST] (default: dist).
# Run as root on the server, after `make publish` (or with a dist/ copied there):
#   1. the site into /var/www/samen-tegen-mensenhandel/ (the previous one replaced whole);
#   2. dist/nginx/'s headers snippet into /etc/nginx/snippets/ and the server into
#      /etc/nginx/sites-available/, enabled in sites-enabled/;
#   3. Debian's default site disabled (its `default_server` would answer every request,
#      with "Welcome to nginx!" and without the publication's headers); it stays in
#      sites-available/ to enable again;
#   4. `nginx -t`, which must pass without a warning, then nginx reloaded (or started).
# Needs nginx and libnginx-mod-http-brotli-static (apt-get install nginx
# libnginx-mod-http-brotli-static). Run it again after every publication: the headers'
# Content-Security-Policy holds the hashes of that edition's scripts.
set -eu

dist="${1:-dist}"
name=samen-tegen-mensenhandel
www="/var/www/$name"
etc=/etc/nginx

for f in "$dist/EDITION" "$dist/site/index.html" "$dist/nginx/$name.conf" "$dist/nginx/$name-headers.conf"; do
  [ -f "$f" ] || { echo "install.sh: $f is missing: give the folder make publish wrote (dist/)" >&2; exit 3; }
done
command -v nginx >/dev/null || { echo "install.sh: nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-static)" >&2; exit 3; }

# 1. The site, replaced whole: copied beside it first, then renamed into place.
mkdir -p "$(dirname "$www")"
rm -rf "$www.new" "$www.old"
cp -R "$dist/site" "$www.new"
chmod -R a+rX "$www.new"
if [ -d "$www" ]; then mv "$www" "$www.old"; fi
mv "$www.new" "$www"
rm -rf "$www.old"

# 2. The headers snippet and the server, enabled.
mkdir -p "$etc/snippets" "$etc/sites-available" "$etc/sites-enabled"
cp "$dist/nginx/$name-headers.conf" "$etc/snippets/$name-headers.conf"
cp "$dist/nginx/$name.conf" "$etc/sites-available/$name.conf"
ln -sf "../sites-available/$name.conf" "$etc/sites-enabled/$name.conf"

# 3. Debian's default site off: this server answers on port 80.
if [ -e "$etc/sites-enabled/default" ] || [ -L "$etc/sites-enabled/default" ]; then
  rm -f "$etc/sites-enabled/default"
  echo "install.sh: disabled Debian's default site ($etc/sites-enabled/default; it stays in sites-available/)"
fi

# 4. The configuration, without errors or warnings, then in use.
out="$(nginx -t 2>&1)" || { echo "$out" >&2; exit 1; }
if echo "$out" | grep -q '\[warn\]'; then
  echo "$out" >&2
  echo "install.sh: nginx -t warns; nothing was reloaded" >&2
  exit 1
fi
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
  systemctl reload nginx
elif [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
  # A reload is a signal: nginx answers with the old configuration until its old
  # workers are gone. Wait for that (10 s at most), so that "served" below is true.
  master="$(cat /run/nginx.pid)"
  old="$(ps -o pid= --ppid "$master" | tr -s ' \n' ' ')"
  nginx -s reload
  for _ in $(seq 1 100); do
    left=""
    for pid in $old; do
      if [ "$(ps -o ppid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$master" ]; then left="$pid"; fi
    done
    [ -z "$left" ] && break
    sleep 0.1
  done
else
  nginx
fi
echo "install.sh: $www served by nginx on port 80"
