#!/usr/bin/env bash
# Copy the web app's browser libraries from npm (versions in web-assets/package.json) into
# src/chronologue/web/static/vendor/. The copies are committed: the app serves them and fetches nothing.
# Run again only to change a version.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp web-assets/package.json "$work/"
(cd "$work" && npm install --no-audit --no-fund --ignore-scripts --silent && npm ls --all > versions.txt)
out=src/chronologue/web/static/vendor
rm -rf "$out" && mkdir -p "$out/leaflet/images" "$out/markercluster"
cp "$work/node_modules/leaflet/dist/leaflet.js" "$work/node_modules/leaflet/dist/leaflet.css" "$out/leaflet/"
cp "$work/node_modules/leaflet/dist/images/"*.png "$out/leaflet/images/"
cp "$work/node_modules/leaflet/LICENSE" "$out/leaflet/LICENSE"
mc="$work/node_modules/leaflet.markercluster"
cp "$mc/dist/leaflet.markercluster.js" "$mc/dist/MarkerCluster.css" "$mc/dist/MarkerCluster.Default.css" \
  "$mc/MIT-LICENCE.txt" "$out/markercluster/"
cp "$work/versions.txt" "$out/VERSIONS.txt"
echo "vendored into $out:" && cat "$out/VERSIONS.txt"
