// `npm run pocketbase`: makes sure the pinned PocketBase is built and prints its path.
// Any arguments are passed to it with the project's folders, e.g. `npm run pocketbase -- migrate up`.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT, dirArgs, ensurePocketBaseOrExit } from './lib/pocketbase.js';

const bin = ensurePocketBaseOrExit();
const args = process.argv.slice(2);
if (args.length === 0) {
	console.log(bin);
} else {
	const dataDir = resolve(ROOT, process.env.TEND_DATA_DIR ?? 'pb_data');
	const run = spawnSync(bin, [...args, ...dirArgs(dataDir)], { stdio: 'inherit' });
	process.exit(run.status ?? 1);
}
