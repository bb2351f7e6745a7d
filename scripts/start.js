// `npm start`: build the app if its sources changed, make sure the pinned PocketBase exists,
// then serve the app and the API from one origin (migrations are applied on start).
// HOST, PORT and TEND_DATA_DIR configure it (TEND_TRUSTED_PROXY_* and TEND_ADMIN_UI are read by
// pocketbase/pb_hooks/serve.pb.js); Ctrl-C stops PocketBase with it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILD_DIR, ROOT, ensurePocketBaseOrExit, servePocketBase } from './lib/pocketbase.js';

const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '8090';
const dataDir = resolve(ROOT, process.env.TEND_DATA_DIR ?? 'pb_data');

/** Newest modification time under a path (file or folder), in ms. */
function newestMtime(/** @type {string} */ path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function buildIfNeeded() {
	const stamp = join(BUILD_DIR, 'index.html');
	const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
	const inputs = [
		'src',
		'static',
		'svelte.config.js',
		'vite.config.ts',
		'scripts/lib/bootstrap-script.js',
		'package-lock.json'
	];
	const changedAt = Math.max(...inputs.map((p) => newestMtime(join(ROOT, p))));
	if (builtAt > changedAt) return;
	console.log('Building the app…');
	const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
	const result = spawnSync(npx, ['vite', 'build', '--logLevel', 'warn'], {
		cwd: ROOT,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

buildIfNeeded();
const bin = ensurePocketBaseOrExit();

const adminUi = process.env.TEND_ADMIN_UI?.trim().toLowerCase() === 'off' ? 'off' : 'at /_/';
console.log(`Tend on http://${host}:${port}  (data: ${dataDir}; admin UI ${adminUi})`);
const child = servePocketBase(bin, { dataDir, http: `${host}:${port}` });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.on(signal, () => child.kill('SIGTERM'));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
