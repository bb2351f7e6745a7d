// Vitest globalSetup: one real PocketBase for a test run, on a free loopback port with a
// temporary data folder, the project's migrations and hooks, and build/ as its public folder.
// Invariant: the temp folder and the process are removed on teardown, whatever happened.
// Tests reach it through inject('pbUrl'); a small loopback control server (inject('pbControlUrl'))
// lets a test stop, start or restart PocketBase on the same data folder: see restartPocketBase()
// in tests/support/pb-harness.ts.
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
	BUILD_DIR,
	ensurePocketBase,
	runPocketBase,
	servePocketBase,
	waitForHealth
} from '../../scripts/lib/pocketbase.js';

declare module 'vitest' {
	export interface ProvidedContext {
		pbUrl: string;
		pbSuperuserEmail: string;
		pbSuperuserPassword: string;
		pbControlUrl: string;
		pbDataDir: string;
	}
}

const SUPERUSER_EMAIL = 'superuser@tend.test';
const SUPERUSER_PASSWORD = 'superuser-password-1';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Stops a PocketBase process and resolves when it has exited. */
async function stopProcess(child: ChildProcess | null): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
	await exited;
	clearTimeout(timer);
}

/** Signs in as the superuser and returns its token. */
async function superuserToken(url: string): Promise<string> {
	const res = await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ identity: SUPERUSER_EMAIL, password: SUPERUSER_PASSWORD })
	});
	if (!res.ok) throw new Error(`superuser sign-in failed: ${res.status}`);
	return ((await res.json()) as { token: string }).token;
}

/** Lets ordinary tests ignore per-IP limits (the rate-limit tests switch it off and back). */
async function excludeLoopback(url: string): Promise<void> {
	const token = await superuserToken(url);
	const res = await fetch(`${url}/api/settings`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json', authorization: token },
		body: JSON.stringify({ rateLimits: { excludedIPs: ['127.0.0.1'] } })
	});
	if (!res.ok) throw new Error(`could not exclude 127.0.0.1 from rate limits: ${res.status}`);
}

/** Starts PocketBase, builds its data folder and a control server; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const bin = ensurePocketBase({ quiet: true });
	const dataDir = mkdtempSync(join(tmpdir(), 'tend-pb-'));
	runPocketBase(bin, dataDir, ['migrate', 'up']);
	runPocketBase(bin, dataDir, ['superuser', 'upsert', SUPERUSER_EMAIL, SUPERUSER_PASSWORD]);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let child: ChildProcess | null = null;

	const start = async (): Promise<void> => {
		if (child && child.exitCode === null && child.signalCode === null) return;
		child = servePocketBase(bin, {
			dataDir,
			http: `127.0.0.1:${port}`,
			publicDir: BUILD_DIR,
			stdio: process.env.PB_LOG ? 'inherit' : 'ignore'
		});
		await waitForHealth(url);
	};
	const stop = async (): Promise<void> => {
		await stopProcess(child);
		child = null;
	};

	try {
		await start();
		await excludeLoopback(url);
	} catch (error) {
		await stop();
		rmSync(dataDir, { recursive: true, force: true });
		throw error;
	}

	// POST /stop, /start or /restart: answered once PocketBase is down or healthy again.
	const control = createHttpServer((req, res) => {
		const action = req.method === 'POST' ? req.url : '';
		const run =
			action === '/stop'
				? stop()
				: action === '/start'
					? start()
					: action === '/restart'
						? stop().then(start)
						: null;
		if (!run) {
			res.writeHead(404).end();
			return;
		}
		run.then(
			() => res.writeHead(204).end(),
			(error: unknown) => res.writeHead(500).end(String(error))
		);
	});
	await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
	const controlPort = (control.address() as AddressInfo).port;

	project.provide('pbUrl', url);
	project.provide('pbSuperuserEmail', SUPERUSER_EMAIL);
	project.provide('pbSuperuserPassword', SUPERUSER_PASSWORD);
	project.provide('pbControlUrl', `http://127.0.0.1:${controlPort}`);
	project.provide('pbDataDir', dataDir);

	return async () => {
		await new Promise<void>((resolve) => control.close(() => resolve()));
		await stop();
		rmSync(dataDir, { recursive: true, force: true });
	};
}
