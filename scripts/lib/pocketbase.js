// The pinned PocketBase: built once from pocketbase/ (go.mod pins the version) into a
// git-ignored cache keyed by that version and the build inputs, shared by `npm start`,
// `npm run dev`, the tests and the bench. POCKETBASE_BIN may point at an official prebuilt
// binary of the same version instead. Also: one way to start it with every folder explicit.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	renameSync,
	writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const PB_SRC = join(ROOT, 'pocketbase');
export const MIGRATIONS_DIR = join(PB_SRC, 'pb_migrations');
export const HOOKS_DIR = join(PB_SRC, 'pb_hooks');
export const BUILD_DIR = join(ROOT, 'build');

/** The PocketBase version pinned in pocketbase/go.mod, without the leading "v". */
export function pinnedVersion() {
	const goMod = readFileSync(join(PB_SRC, 'go.mod'), 'utf8');
	const match = /github\.com\/pocketbase\/pocketbase v(\d+\.\d+\.\d+)/.exec(goMod);
	if (!match?.[1])
		throw new Error('pocketbase/go.mod does not pin github.com/pocketbase/pocketbase');
	return match[1];
}

/** Where the Go build of the pinned version is cached (changes when any .go file or go.sum changes). */
export function cachedBinaryPath() {
	const hash = createHash('sha256');
	const goFiles = readdirSync(PB_SRC)
		.filter((f) => f.endsWith('.go'))
		.sort();
	for (const file of ['go.mod', 'go.sum', ...goFiles]) {
		hash.update(file);
		hash.update(readFileSync(join(PB_SRC, file)));
	}
	const key = `v${pinnedVersion()}-${hash.digest('hex').slice(0, 12)}`;
	const name = process.platform === 'win32' ? 'pocketbase.exe' : 'pocketbase';
	return join(ROOT, '.cache', 'pocketbase', key, name);
}

/** Reads "pocketbase version X" from a binary; null when it does not run. */
function binaryVersion(/** @type {string} */ bin) {
	const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
	if (out.status !== 0) return null;
	return /version\s+v?(\d+\.\d+\.\d+)/.exec(out.stdout)?.[1] ?? null;
}

/**
 * Returns the path of a PocketBase binary of the pinned version, building it with Go once if
 * needed. Throws an Error whose message says exactly what to do when that is impossible.
 */
export function ensurePocketBase({ quiet = false } = {}) {
	const wanted = pinnedVersion();
	const override = process.env.POCKETBASE_BIN;
	if (override) {
		const version = binaryVersion(override);
		if (version !== wanted) {
			throw new Error(
				`POCKETBASE_BIN=${override} is ${version ? `PocketBase ${version}` : 'not a runnable PocketBase'}, ` +
					`but Tend pins PocketBase ${wanted}. Point it at the official ${wanted} binary ` +
					'or unset it to build the pinned version with Go.'
			);
		}
		return override;
	}
	const bin = cachedBinaryPath();
	if (existsSync(bin)) return bin;

	const go = spawnSync('go', ['version'], { encoding: 'utf8' });
	if (go.status !== 0) {
		throw new Error(
			`PocketBase ${wanted} is not built yet and Go is not installed.\n` +
				'Either install Go 1.25 or newer (https://go.dev/dl/) and run the command again,\n' +
				`or download the official PocketBase ${wanted} binary for your platform and run\n` +
				'  POCKETBASE_BIN=/path/to/pocketbase npm start'
		);
	}
	if (!quiet) console.log(`Building PocketBase ${wanted} with ${go.stdout.trim()} (once)…`);
	mkdirSync(resolve(bin, '..'), { recursive: true });
	const tmp = `${bin}.tmp-${process.pid}`;
	const build = spawnSync('go', ['build', '-trimpath', '-ldflags', '-s -w', '-o', tmp, '.'], {
		cwd: PB_SRC,
		stdio: quiet ? 'pipe' : 'inherit',
		env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' }
	});
	if (build.status !== 0) {
		throw new Error(
			`Building PocketBase ${wanted} failed (see the Go output above). It needs Go 1.25 or newer ` +
				'and access to the Go module proxy; or set POCKETBASE_BIN to an official binary of that version.'
		);
	}
	renameSync(tmp, bin); // atomic: a concurrent run never sees a half-written binary
	return bin;
}

/** ensurePocketBase() for command-line scripts: prints what to do and exits when it can't. */
export function ensurePocketBaseOrExit() {
	try {
		return ensurePocketBase();
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
}

/**
 * @typedef {object} ServeOptions
 * @property {string} dataDir      the pb_data folder
 * @property {string} http         host:port to listen on
 * @property {string} [publicDir]  static files (the SPA build)
 * @property {string} [migrationsDir] another migrations folder (see migrationsFolder)
 * @property {boolean} [watchHooks] restart on pb_hooks changes (dev only)
 * @property {Record<string, string>} [env]
 * @property {'inherit' | 'pipe' | 'ignore'} [stdio]
 */

/** The arguments every PocketBase command gets: all folders explicit. */
export function dirArgs(/** @type {string} */ dataDir, migrationsDir = MIGRATIONS_DIR) {
	return [`--dir=${dataDir}`, `--hooksDir=${HOOKS_DIR}`, `--migrationsDir=${migrationsDir}`];
}

/**
 * A temporary migrations folder: the project's migrations but those named in `without`, plus
 * `extra` files (name → source), e.g. a seed that inserts thousands of rows in one statement
 * where going through the API would take minutes. The caller removes it.
 * @param {{ without?: string[], extra?: Record<string, string> }} [options]
 */
export function migrationsFolder({ without = [], extra = {} } = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'tend-migrations-'));
	for (const name of readdirSync(MIGRATIONS_DIR)) {
		if (name.endsWith('.js') && !without.includes(name)) {
			copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
		}
	}
	for (const [name, source] of Object.entries(extra)) writeFileSync(join(dir, name), source);
	return dir;
}

/** Starts `pocketbase serve` (which applies pending migrations first). */
export function servePocketBase(/** @type {string} */ bin, /** @type {ServeOptions} */ opts) {
	const args = [
		'serve',
		`--http=${opts.http}`,
		...dirArgs(opts.dataDir, opts.migrationsDir),
		`--publicDir=${opts.publicDir ?? BUILD_DIR}`,
		'--indexFallback',
		`--hooksWatch=${opts.watchHooks ? 'true' : 'false'}`,
		'--automigrate=false',
		// Warm JS runtimes for the hooks: above this many concurrent requests PocketBase builds
		// throwaway ones (measured: swaps/s fell by half at 32 concurrent requests with the default 15).
		'--hooksPool=50'
	];
	return spawn(bin, args, {
		stdio: opts.stdio ?? 'inherit',
		env: { ...process.env, ...opts.env }
	});
}

/** Runs a one-off PocketBase command (migrate up, superuser upsert) and returns its output. */
export function runPocketBase(
	/** @type {string} */ bin,
	/** @type {string} */ dataDir,
	/** @type {string[]} */ args,
	migrationsDir = MIGRATIONS_DIR
) {
	const out = spawnSync(bin, [...args, ...dirArgs(dataDir, migrationsDir)], { encoding: 'utf8' });
	if (out.status !== 0) {
		throw new Error(`pocketbase ${args.join(' ')} failed:\n${out.stdout}\n${out.stderr}`);
	}
	return out.stdout;
}

/** Resolves once GET /api/health answers 200, or rejects after timeoutMs. */
export async function waitForHealth(/** @type {string} */ baseUrl, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const res = await fetch(`${baseUrl}/api/health`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`PocketBase did not answer at ${baseUrl}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** A free TCP port on loopback. */
/** @returns {Promise<number>} */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/**
 * @typedef {object} Throwaway
 * @property {string} url        base URL, e.g. http://127.0.0.1:41234
 * @property {string} dataDir    its temporary pb_data
 * @property {{ email: string, password: string }} superuser
 * @property {() => Promise<void>} stop     stops the server (data kept)
 * @property {() => Promise<void>} start    starts it again on the same data and port
 * @property {() => Promise<void>} dispose  stops it and deletes its data
 * @property {() => import('node:child_process').ChildProcess | null} process  the running server
 */

/**
 * Starts a PocketBase on a free loopback port with a temporary data folder, the project's
 * migrations (or `migrationsDir`, see migrationsFolder) and hooks and a superuser: for tests,
 * benches and type generation.
 * @param {{ publicDir?: string, stdio?: 'inherit' | 'pipe' | 'ignore', env?: Record<string, string>, migrationsDir?: string }} [options]
 * @returns {Promise<Throwaway>}
 */
export async function startThrowawayPocketBase(options = {}) {
	const { rmSync } = await import('node:fs');
	const bin = ensurePocketBase({ quiet: true });
	const dataDir = mkdtempSync(join(tmpdir(), 'tend-pb-'));
	const superuser = { email: 'superuser@tend.invalid', password: 'superuser-password-1' };
	const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
	runPocketBase(bin, dataDir, ['migrate', 'up'], migrationsDir);
	runPocketBase(
		bin,
		dataDir,
		['superuser', 'upsert', superuser.email, superuser.password],
		migrationsDir
	);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	/** @type {import('node:child_process').ChildProcess | null} */
	let child = null;
	const start = async () => {
		child = servePocketBase(bin, {
			dataDir,
			http: `127.0.0.1:${port}`,
			publicDir: options.publicDir,
			migrationsDir,
			stdio: options.stdio ?? 'ignore',
			env: options.env
		});
		await waitForHealth(url);
	};
	const stop = async () => {
		const running = child;
		child = null;
		if (!running || running.exitCode !== null) return;
		const exited = new Promise((r) => running.once('exit', r));
		running.kill('SIGTERM');
		await exited;
	};
	await start();
	return {
		url,
		dataDir,
		superuser,
		start,
		stop,
		process: () => child,
		dispose: async () => {
			await stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
