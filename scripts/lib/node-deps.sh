# Installs the npm dependencies when node_modules is missing or older than package-lock.json.
ensure_node_deps() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing npm dependencies (npm ci)" >&2
    npm ci --no-audit --no-fund
  fi
}
