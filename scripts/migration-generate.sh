#!/usr/bin/env bash
# Generates a TypeORM migration for one service from the difference between its entities and a scratch
# database built by its existing migrations. Usage: npm run migration:generate -- <service> <Name>
set -euo pipefail
service=${1:?usage: migration-generate.sh <service> <Name>}
name=${2:?usage: migration-generate.sh <service> <Name>}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
base=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ocop}
scratch="ocop_migration_${service}_$$"
scratch_url="${base%/*}/${scratch}"
admin_url="${base%/*}/postgres"
sql() { node -e "const {Client}=require('pg');const c=new Client({connectionString:process.argv[1]});c.connect().then(()=>c.query(process.argv[2])).then(()=>c.end()).catch(e=>{console.error(e.message);process.exit(1)})" "$admin_url" "$1"; }

echo "[migration] building…"
npx tsc -b
echo "[migration] scratch database ${scratch}"
sql "CREATE DATABASE \"${scratch}\""
trap 'sql "DROP DATABASE IF EXISTS \"${scratch}\" WITH (FORCE)" || true' EXIT
DATABASE_URL="$scratch_url" node "services/${service}/dist/migrate.js"
DATABASE_URL="$scratch_url" node node_modules/typeorm/cli.js migration:generate -p \
  -d "services/${service}/dist/database/data-source.js" "services/${service}/src/database/migrations/${name}"
# List the new migration last in the service's index (migrations are listed explicitly, in order).
file=$(ls -t "services/${service}/src/database/migrations/"*"-${name}.ts" 2>/dev/null | head -1 || true)
if [[ -n "$file" ]]; then
  node - "$file" "services/${service}/src/database/migrations/index.ts" <<'NODE'
const fs = require('fs');
const [file, index] = process.argv.slice(2);
const base = require('path').basename(file, '.ts');
const cls = /export class (\w+)/.exec(fs.readFileSync(file, 'utf8'))[1];
let text = fs.readFileSync(index, 'utf8');
const imports = [...text.matchAll(/^import .*;$/gm)];
const last = imports[imports.length - 1];
text = text.slice(0, last.index + last[0].length) + `\nimport { ${cls} } from './${base}';` + text.slice(last.index + last[0].length);
text = text.replace(/,?\s*\];\s*$/, `, ${cls}];\n`);
fs.writeFileSync(index, text);
console.log(`[migration] ${base} written and listed in ${index}; review it before committing`);
NODE
  npx --no-install prettier --write "$file" "services/${service}/src/database/migrations/index.ts" >/dev/null
fi
