// Opening the installed app offline to my code on screen: the build served by a throwaway
// PocketBase, loaded once online in Debian's Chromium so that the service worker installs and my
// swap token is stored; then the server is stopped and the browser put offline, and /swap is
// opened in a new tab again and again (as a person opens the installed app). Each run is timed
// from the navigation's start to the first frame after my QR code is in the page, all served by
// the service worker and IndexedDB. Prints the median of the runs (target ≤ 1 s); asserts nothing.
// Usage: node scripts/bench-offline-open.js [--runs 10]
import { chromium } from 'playwright-core';
import { ensureBuild, median, newPersonWithCard } from './lib/bench-app.js';
import { atMost, figure } from './lib/bench-report.js';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './lib/chromium.js';
import { BUILD_DIR, startThrowawayPocketBase } from './lib/pocketbase.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;
const CODE = 'svg[role=img][aria-label^="Tend code for"]';

ensureBuild();
const server = await startThrowawayPocketBase({ publicDir: BUILD_DIR });
const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, args: CHROMIUM_ARGS });

try {
	const authJson = await newPersonWithCard(server.url, {
		name: 'Bench Person',
		headline: 'Offline'
	});
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await context.addInitScript({
		content: `if (!localStorage.getItem('pocketbase_auth')) {
			localStorage.setItem('pocketbase_auth', ${JSON.stringify(authJson)});
		}`
	});
	// In every page: the first frame after my code is in the document, since navigation start.
	await context.addInitScript({
		content: `new MutationObserver((_, observer) => {
			if (document.querySelector(${JSON.stringify(CODE)})) {
				observer.disconnect();
				requestAnimationFrame(() => { window.__codeShownAt = performance.now(); });
			}
		}).observe(document, { childList: true, subtree: true });`
	});

	// Online, once: the worker installs (the app registers it when idle) and takes control.
	const first = await context.newPage();
	await first.goto(`${server.url}/swap`);
	await first.locator(CODE).waitFor({ timeout: 30_000 });
	await first.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r));
		}
	});
	await first.close();

	await server.stop();
	await context.setOffline(true);
	/** @type {number[]} */
	const times = [];
	let isFromWorker = true;
	for (let run = 0; run < RUNS; run++) {
		const page = await context.newPage();
		const response = await page.goto(`${server.url}/swap`);
		isFromWorker &&= Boolean(response?.fromServiceWorker());
		await page.waitForFunction(() => '__codeShownAt' in window, null, { timeout: 30_000 });
		times.push(
			await page.evaluate(
				() =>
					/** @type {{ __codeShownAt: number }} */ (/** @type {unknown} */ (window)).__codeShownAt
			)
		);
		await page.close();
	}
	const fastest = Math.min(...times);
	const slowest = Math.max(...times);
	console.log(
		`offline open to my code: median ${median(times).toFixed(0)} ms over ${RUNS} runs` +
			` (min ${fastest.toFixed(0)}, max ${slowest.toFixed(0)}; target ≤ 1000 ms)` +
			`; server stopped, browser offline, page from the service worker: ${isFromWorker ? 'yes' : 'NO'}`
	);
	const middle = median(times);
	figure('offline open to my code, median', middle, 'ms', {
		...atMost(middle, 1000, 'ms'),
		note:
			`${RUNS} runs, min ${fastest.toFixed(0)}, max ${slowest.toFixed(0)}` +
			(isFromWorker ? '' : '; page NOT from the service worker')
	});
} finally {
	await browser.close();
	await server.dispose();
}
