// The JavaScript a first visit downloads, gzipped: the build served by a throwaway PocketBase,
// loaded in Debian's Chromium; every script response is counted (gzip -9 of its bytes, as a
// server would send it). Two first loads: signed out (/signin) and signed in (/swap).
// "First screen" is what was requested until the page shows its first screen (the budget);
// "deferred" is what the app loads after that, when the browser is idle (sync engine, service
// worker registration), counted until the network has been quiet for half a second.
import { trackRequests } from './lib/network-quiet.js';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './lib/chromium.js';
import { BUILD_DIR, startThrowawayPocketBase } from './lib/pocketbase.js';
import { ensureBuild } from './lib/bench-app.js';
import { atMost, figure } from './lib/bench-report.js';

const BUDGET_KB = 60;

ensureBuild();

const server = await startThrowawayPocketBase({ publicDir: BUILD_DIR });
const browser = await chromium.launch({
	executablePath: CHROMIUM_BIN,
	args: CHROMIUM_ARGS
});

/** Loads a path in a fresh context and returns the scripts fetched, with gzipped sizes. */
async function measure(
	/** @type {string} */ path,
	/** @type {string | null} */ authJson,
	/** @type {string} */ readySelector
) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	if (authJson) {
		await context.addInitScript({
			content: `localStorage.setItem('pocketbase_auth', ${JSON.stringify(authJson)});`
		});
	}
	// In the page: the moment the first screen shows (its marker element appears).
	await context.addInitScript({
		content: `new MutationObserver((_, observer) => {
			if (document.querySelector(${JSON.stringify(readySelector)})) {
				window.__firstScreenAt = performance.now();
				observer.disconnect();
			}
		}).observe(document, { childList: true, subtree: true });`
	});
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
	const requests = trackRequests(page);
	await page.goto(`${server.url}${path}`);
	await page.waitForFunction(() => '__firstScreenAt' in window);
	await requests.waitForQuiet();
	if (readySelector === '[role=tab]') {
		await page.getByRole('img', { name: /Tend code for/ }).waitFor({ timeout: 15_000 });
		await requests.waitForQuiet();
	}
	/** @type {string[]} */
	const firstScreenUrls = await page.evaluate(() => {
		const at = /** @type {{ __firstScreenAt: number }} */ (/** @type {unknown} */ (window))
			.__firstScreenAt;
		return performance
			.getEntriesByType('resource')
			.filter((entry) => entry.name.endsWith('.js') && entry.startTime <= at)
			.map((entry) => entry.name);
	});
	await context.close();
	return { scripts, firstScreen: new Set(firstScreenUrls) };
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
	// A person with a card, so that /swap goes on to draw their code.
	await fetch(`${server.url}/api/collections/cards/records`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: auth.token },
		body: JSON.stringify({ name: 'Bench Person', headline: 'Measuring' })
	});

	/** @type {[string, string, string, string | null, string][]} label, name in the table, path, session, marker */
	const visits = [
		['signed out, /signin', '/signin', '/signin', null, 'form button[type=submit]'],
		['signed in, /swap', '/swap signed in', '/swap', authJson, '[role=tab]']
	];
	for (const [label, short, path, authValue, ready] of visits) {
		const { scripts, firstScreen } = await measure(path, authValue, ready);
		// The document's inline bootstrap is not a resource entry; count what was fetched.
		const sizeOf = (/** @type {string[]} */ urls) =>
			urls.reduce((sum, url) => sum + (scripts.get(url) ?? 0), 0);
		const total = sizeOf([...firstScreen]);
		const deferred = sizeOf([...scripts.keys()].filter((url) => !firstScreen.has(url)));
		const isScannerLoaded = [...scripts.keys()].some((u) => /html5-qrcode|scanner/i.test(u));
		if (process.env.BENCH_VERBOSE) {
			for (const [url, size] of [...scripts].sort((a, b) => b[1] - a[1])) {
				const when = firstScreen.has(url) ? 'first' : 'later';
				console.log(
					`   ${(size / 1024).toFixed(1).padStart(6)} KB  ${when}  ${new URL(url).pathname}`
				);
			}
		}
		console.log(
			`first load (${label}): ${(total / 1024).toFixed(1)} KB gzipped JS for the first screen` +
				` in ${firstScreen.size} files (budget ${BUDGET_KB} KB${total / 1024 > BUDGET_KB ? ', OVER' : ''})` +
				`, then ${(deferred / 1024).toFixed(1)} KB deferred` +
				`; scanner in first load: ${isScannerLoaded ? 'YES' : 'no'}`
		);
		const kb = total / 1024;
		figure(`first-load JS, ${short} (gzip)`, kb, 'KB', {
			...atMost(kb, BUDGET_KB, 'KB'),
			note:
				`first screen, ${firstScreen.size} files; then ${(deferred / 1024).toFixed(1)} KB deferred` +
				`; scanner in first load: ${isScannerLoaded ? 'YES' : 'no'}`
		});
	}
} finally {
	await browser.close();
	await server.dispose();
}
