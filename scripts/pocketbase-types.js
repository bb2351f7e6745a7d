// PocketBase's TypeScript declarations for the JS hooks (the `$app`, `routerAdd`, `core.*` globals),
// copied to a fixed path, .cache/pocketbase/types.d.ts, that the hooks reference and
// pocketbase/tsconfig.json type-checks them against. PocketBase embeds the file in its jsvm
// plugin and writes it into its data folder when it starts; the pinned module (pocketbase/go.mod)
// holds the same file, so `npm run check` needs no running server: only Go's module cache, which
// building the pinned PocketBase fills (the module is downloaded here when it is missing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PB_SRC, ROOT } from './lib/pocketbase.js';

const MODULE = 'github.com/pocketbase/pocketbase';
export const TYPES_FILE = join(ROOT, '.cache', 'pocketbase', 'types.d.ts');

const version = /github\.com\/pocketbase\/pocketbase (v[\w.-]+)/.exec(
	readFileSync(join(PB_SRC, 'go.mod'), 'utf8')
)?.[1];
if (!version) {
	console.error(`pocketbase/go.mod does not pin ${MODULE}.`);
	process.exit(1);
}

/** Where Go keeps (or downloads) the pinned module's source. */
function moduleDir() {
	const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
	const run = spawnSync('go', ['mod', 'download', '-json', `${MODULE}@${version}`], {
		cwd: PB_SRC,
		encoding: 'utf8',
		env
	});
	if (run.error || run.status !== 0) {
		console.error(
			`Go could not find ${MODULE}@${version} (needed for the hooks' type check): ` +
				`${run.error?.message ?? run.stderr}`
		);
		process.exit(1);
	}
	return /** @type {{ Dir: string }} */ (JSON.parse(run.stdout)).Dir;
}

const source = join(moduleDir(), 'plugins', 'jsvm', 'internal', 'types', 'generated', 'types.d.ts');
if (!existsSync(source)) {
	console.error(`${source} is missing: update scripts/pocketbase-types.js to ${version}.`);
	process.exit(1);
}
mkdirSync(join(ROOT, '.cache', 'pocketbase'), { recursive: true });
// Written, not copied: the module cache's files are read-only, and a copy would keep that mode.
rmSync(TYPES_FILE, { force: true });
writeFileSync(TYPES_FILE, readFileSync(source));
