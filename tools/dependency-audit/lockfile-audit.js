#!/usr/bin/env node
// Offline checks of package-lock.json (see audit.sh): integrity hashes, sources, install scripts.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

/**
 * Packages allowed to run a script at install time, each reviewed: what it does and why it may.
 * A new one fails the audit until someone looks at it and adds it here.
 */
const REVIEWED_INSTALL_SCRIPTS = {
  'node_modules/@swc/core': 'selects the prebuilt native binary for the platform (jest transform)',
  'node_modules/@parcel/watcher': 'selects a prebuilt native file watcher (Nx, development only)',
  'node_modules/nx': 'Nx post-install (development only)',
  'node_modules/@grpc/proto-loader/node_modules/protobufjs': 'protobufjs post-install version check (Temporal SDK)',
  'node_modules/@scarf/scarf': 'install analytics of swagger-ui-dist; turned off by scarfSettings.enabled=false in package.json',
};

const problems = [];
let checked = 0;
const packages = Object.entries(lock.packages ?? {});
const workspaces = new Set(packages.map(([path]) => path).filter((path) => path && !path.includes('node_modules/')));
for (const [path, entry] of packages) {
  if (!path.includes('node_modules/')) continue;
  if (entry.link) {
    if (!workspaces.has(entry.resolved)) problems.push(`${path} links to ${entry.resolved}, not a workspace`);
    continue;
  }
  checked += 1;
  if (!entry.integrity || !entry.integrity.startsWith('sha512-'))
    problems.push(`${path}@${entry.version}: no sha512 integrity hash`);
  const source = entry.resolved ?? '';
  if (/^(git|git\+|github:|file:|http:)/.test(source) || (source && !source.startsWith('https://registry.npmjs.org/')))
    problems.push(`${path}@${entry.version}: installed from ${source}, not the npm registry`);
  if (entry.hasInstallScript && !REVIEWED_INSTALL_SCRIPTS[path])
    problems.push(`${path}@${entry.version}: runs an install script nobody has reviewed (add it to REVIEWED_INSTALL_SCRIPTS)`);
}
for (const path of Object.keys(REVIEWED_INSTALL_SCRIPTS))
  if (!lock.packages?.[path]?.hasInstallScript) problems.push(`${path}: listed as reviewed but has no install script now`);

const tag = '[audit]';
if (problems.length > 0) {
  for (const problem of problems) console.error(`${tag} lockfile: ${problem}`);
  process.exit(1);
}
console.log(
  `${tag} lockfile: ${checked} packages pinned by sha512, none from git, a URL or a local path; ` +
    `${Object.keys(REVIEWED_INSTALL_SCRIPTS).length} reviewed install scripts, no other`,
);
