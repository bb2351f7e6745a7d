// Requests on each app open (target ≤ 8 to the API): a signed-in person opens Tend in Debian's
// Chromium at 390×844, served by a throwaway PocketBase, on each entry screen — first as a new
// device (the session in localStorage, nothing in IndexedDB, no service worker), then reopened
// (the service worker serves the app, the data is on the device). Every request the page makes is
// counted from the navigation until the network has been quiet for 1.5 s (the live stream left
// out of "in flight", counted once), split into API requests (`/api/…`) and the app's own files.
// Prints the counts and the API requests by kind; asserts nothing.
// Usage: node scripts/bench-requests.js
import { chromium } from 'playwright-core';
import { ensureBuild, newPersonWithCard } from './lib/bench-app.js';
import { atMost, figure } from './lib/bench-report.js';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './lib/chromium.js';
import { trackRequests } from './lib/network-quiet.js';
import { BUILD_DIR, startThrowawayPocketBase } from './lib/pocketbase.js';

const SCREENS = ['/swap', '/me', '/people', '/follow-ups'];
const QUIET_MS = 1500;

/**
 * Opens `url` in `page` and returns every request it made until the network was quiet.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 */
async function requestsOfOpen(page, url) {
	/** @type {string[]} */
	const requests = [];
	/** @param {import('playwright-core').Request} request */
	const onRequest = (request) => {
		const { pathname } = new URL(request.url());
		requests.push(`${request.method()} ${pathname}`);
	};
	page.on('request', onRequest);
	const quiet = trackRequests(page);
	await page.goto(url);
	await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
	await quiet.waitForQuiet({ quietMs: QUIET_MS });
	page.off('request', onRequest);
	const api = requests.filter((r) => r.split(' ')[1]?.startsWith('/api/'));
	return { all: requests.length, api };
}

/** "3× GET /api/tend/token, 1× POST /api/tend/pull": the API requests by kind. */
function byKind(/** @type {string[]} */ api) {
	/** @type {Map<string, number>} */
	const counts = new Map();
	for (const r of api) counts.set(r, (counts.get(r) ?? 0) + 1);
	return [...counts].map(([r, n]) => `${n}× ${r}`).join(', ');
}

ensureBuild();
const server = await startThrowawayPocketBase({ publicDir: BUILD_DIR });
const browser = await chromium.launch({
	executablePath: CHROMIUM_BIN,
	headless: true,
	args: CHROMIUM_ARGS
});
try {
	let worst = 0;
	for (const screen of SCREENS) {
		const auth = await newPersonWithCard(server.url, {
			name: 'Bench Person',
			headline: 'Counting requests',
			company: 'Tend'
		});
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		try {
			const page = await context.newPage();
			await page.goto(`${server.url}/api/health`);
			await page.evaluate((value) => localStorage.setItem('pocketbase_auth', value), auth);
			for (const open of ['new device', 'reopened']) {
				const { all, api } = await requestsOfOpen(page, `${server.url}${screen}`);
				worst = Math.max(worst, api.length);
				console.log(
					`   ${screen}, ${open}: ${api.length} API requests (${byKind(api)}), ${all} requests in all`
				);
				figure(`API requests on open, ${screen}, ${open}`, api.length, '', {
					...atMost(api.length, 8, ''),
					note: byKind(api)
				});
			}
		} finally {
			await context.close();
		}
	}
	console.log(`Requests on app open: at most ${worst} API requests on any screen (target ≤ 8)`);
} finally {
	await browser.close();
	await server.dispose();
}
