// beforeBundleCommand of `tauri build` (src-tauri/tauri.conf.json). Builds the
// `loket` admin CLI with the same profile and target as the app and copies it
// to target/bundle-extra/, where `bundle > linux > deb > files` picks it up as
// /usr/bin/loket in the Debian package. On Windows it leaves loket.exe there
// for the release workflow to attach beside the installer.
//
// Node rather than a shell script because the hook also runs on Windows
// (under cmd), and node is there wherever the Tauri CLI is.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const debug = process.env.TAURI_ENV_DEBUG === 'true';
const exe = process.platform === 'win32' ? 'loket.exe' : 'loket';

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8' });

// Same target as the app: an explicit --target moves the output folder.
const host = /^host: (\S+)$/m.exec(run('rustc', ['-vV']))?.[1];
const target = process.env.TAURI_ENV_TARGET_TRIPLE;
const crossTarget = target && target !== host ? target : null;

// `-p loket-tte -p loket-cli`, as `make build` does, not `-p loket-cli`
// alone: cargo unifies dependency features over the packages it builds, so
// the CLI alone would compile loket-core and its dependencies a second time
// with other features (measured: 44 s more for the debug package test). The
// app itself is already built at this point and is not rebuilt.
const args = ['build', '-p', 'loket-tte', '-p', 'loket-cli'];
if (!debug) args.push('--release');
if (crossTarget) args.push('--target', crossTarget);
console.log(`stage-cli: cargo ${args.join(' ')}`);
execFileSync('cargo', args, { cwd: root, stdio: 'inherit' });

// CARGO_TARGET_DIR or a config may move target/; cargo knows where.
const meta = JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps']));
const built = join(meta.target_directory, crossTarget ?? '', debug ? 'debug' : 'release', exe);
const stageDir = join(root, 'target', 'bundle-extra');
mkdirSync(stageDir, { recursive: true });
copyFileSync(built, join(stageDir, exe));
console.log(`stage-cli: ${built} -> ${join(stageDir, exe)}`);
