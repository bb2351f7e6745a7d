// The JavaScript a first visit downloads, gzipped: the build served by a throwaway PocketBase,
// loaded in Debian's Chromium; every script response is counted (gzip -9 of its bytes, as a
// server would send it). Two first loads: signed out (/signin) and signed in (/swap).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { BUILD_DIR, ROOT, startThrowawayPocketBase } from './lib/pocketbase.js';

const BUDGET_KB = 60;

if (!existsSync(`${BUILD_DIR}/index.html`) || process.env.BENCH_REBUILD !== '0') {
	const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
		cwd: ROOT,
		stdio: 'inherit'
	});
	if (built.status !== 0) process.exit(1);
}

const server = await startThrowawayPocketBase({ publicDir: BUILD_DIR });
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run'
	]
});

/** Loads a path in a fresh context and returns the scripts fetched, with gzipped sizes. */
async function measure(/** @type {string} */ path, /** @type {string | null} */ authJson) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	if (authJson) {
		await context.addInitScript({
			content: `localStorage.setItem('pocketbase_auth', ${JSON.stringify(authJson)});`
		});
	}
	const page = await context.newPage();
	/** @type {Map<string, number>} */
	const scripts = new Map();
	page.on('response', async (response) => {
		if (response.request().resourceType() !== 'script') return;
		try {
			scripts.set(response.url(), gzipSync(await response.body(), { level: 9 }).length);
		} catch {
			// a redirect or aborted response has no body
		}
	});
	await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
	await context.close();
	return scripts;
}

try {
	const email = `bench-${Date.now()}@tend.invalid`;
	const password = 'bench-password-1';
	await fetch(`${server.url}/api/collections/users/records`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password, passwordConfirm: password })
	});
	const auth = await fetch(`${server.url}/api/collections/users/auth-with-password`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ identity: email, password })
	}).then((r) => r.json());
	const authJson = JSON.stringify({ token: auth.token, record: auth.record });

	for (const [label, path, authValue] of /** @type {const} */ ([
		['signed out, /signin', '/signin', null],
		['signed in, /swap', '/swap', authJson]
	])) {
		const scripts = await measure(path, authValue);
		const total = [...scripts.values()].reduce((a, b) => a + b, 0);
		const isScannerLoaded = [...scripts.keys()].some((u) => /html5-qrcode|scanner/i.test(u));
		console.log(
			`first load (${label}): ${(total / 1024).toFixed(1)} KB gzipped JS in ${scripts.size} files` +
				` (budget ${BUDGET_KB} KB${total / 1024 > BUDGET_KB ? ', OVER' : ''})` +
				`; scanner in first load: ${isScannerLoaded ? 'YES' : 'no'}`
		);
	}
} finally {
	await browser.close();
	await server.dispose();
}
