#!/bin/sh
# The browser libraries come from the npm registry: we need node and npm.
set -e
if command -v npm >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's nodejs and npm for the browser libraries…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  exit 0
fi
echo "Node.js and npm are needed to fetch the browser libraries." >&2
echo "Install them with:  sudo apt-get install nodejs npm" >&2
exit 1
