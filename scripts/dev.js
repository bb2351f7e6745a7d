// `npm run dev`: PocketBase on :8090 (hooks reload on change) plus the Vite dev server,
// which proxies /api and /_ to it. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT, ensurePocketBaseOrExit, servePocketBase } from './lib/pocketbase.js';

const dataDir = resolve(ROOT, process.env.TEND_DATA_DIR ?? 'pb_data');
const bin = ensurePocketBaseOrExit();
const pb = servePocketBase(bin, { dataDir, http: '127.0.0.1:8090', watchHooks: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const vite = spawn(npx, ['vite', 'dev', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });

const stop = () => {
	pb.kill('SIGTERM');
	vite.kill('SIGTERM');
};
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']))
	process.on(signal, stop);
pb.on('exit', stop);
vite.on('exit', (code) => {
	stop();
	process.exit(code ?? 0);
});
