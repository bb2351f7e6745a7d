// Layout shift of the first screens, signed in: the build served by a throwaway PocketBase, loaded
// in Debian's Chromium as a phone of 360×640, 390×844 and 412×823, on a new device (the session in localStorage,
// nothing in IndexedDB, no service worker: the card comes from the server) and on a returning one
// (opened before: the service worker serves the app, the card and code are on the device). Every
// 'layout-shift' entry from the navigation until 3 s after the load event and the screen's last
// part (my code drawn, the card editable) is kept with its sources
// (the node that moved, its rect before and after); CLS here is their sum, leaving out shifts
// right after input (there is none). Also prints how far the app's header, navigation and heading
// land from where the static skeleton (app.html) drew them, which CLS cannot see (the skeleton is
// removed, not moved). Prints figures and the shifting nodes; asserts nothing.
// Usage: node scripts/bench-cls.js [--runs 3] [--phones 3] [--slow] (--slow: Chromium's CPU 4× slower and a
// slow 4G network, as Lighthouse's mobile preset throttles with devtools; both loads are printed
// unless --fast or --slow is given).
import { chromium } from 'playwright-core';
import { ensureBuild, newPersonWithCard } from './lib/bench-app.js';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './lib/chromium.js';
import { atMost, figure } from './lib/bench-report.js';
import { BUILD_DIR, startThrowawayPocketBase } from './lib/pocketbase.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
/** @type {('fast' | 'slow')[]} */
const SPEEDS = process.argv.includes('--slow')
	? ['slow']
	: process.argv.includes('--fast')
		? ['fast']
		: ['fast', 'slow'];
// Lighthouse's devtools throttling of a mobile load: 4× CPU, 562.5 ms RTT, 1.6 Mbit/s down.
const SLOW_NETWORK = {
	offline: false,
	latency: 562.5,
	downloadThroughput: (1638.4 * 1024) / 8,
	uploadThroughput: (675 * 1024) / 8
};
// Each route and what shows that its first screen is complete (the code drawn, the card editable).
/** @type {[string, string][]} */
const ROUTES = [
	['/swap', 'svg[role=img][aria-label^="Tend code for"]'],
	['/me', 'form.card-editor button[type=submit]:not([disabled])']
];
// Phones, emulated as such (touch, a mobile viewport, their pixel ratios): a desktop window of the
// same size lays text out differently and misses shifts of less than a pixel. 412×823 at 1.75 is
// the phone Lighthouse's mobile preset emulates.
const VIEWPORTS = [
	{ width: 360, height: 640, deviceScaleFactor: 2 },
	{ width: 390, height: 844, deviceScaleFactor: 3 },
	{ width: 412, height: 823, deviceScaleFactor: 1.75 }
];
const SETTLE_MS = 3000;
// --phones 2: only the first two phones (Lighthouse's own part loads the third).
const phonesArg = process.argv.indexOf('--phones');
const PHONES = phonesArg > 0 ? Number(process.argv[phonesArg + 1]) : VIEWPORTS.length;

// In every page, from its first script on: the layout shifts, each source described while its
// node is still in the page; and where the skeleton's landmarks were drawn, while it shows.
const OBSERVE = `(() => {
	const describe = (node) => {
		if (!node) return '(removed node)';
		const element = node.nodeType === 1 ? node : node.parentElement;
		if (!element) return '#text';
		const id = element.id ? '#' + element.id : '';
		const classes = [...element.classList].filter((c) => !c.startsWith('svelte-'));
		const text = (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
		return element.tagName.toLowerCase() + id + classes.map((c) => '.' + c).join('') +
			(text ? ' "' + text + '"' : '');
	};
	const box = (r) => [r.x, r.y, r.width, r.height].map((n) => Math.round(n)).join(',');
	window.__shifts = [];
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			window.__shifts.push({
				value: entry.value,
				at: entry.startTime,
				hadRecentInput: entry.hadRecentInput,
				sources: entry.sources.map((s) => ({
					node: describe(s.node),
					from: box(s.previousRect),
					to: box(s.currentRect)
				}))
			});
		}
	}).observe({ type: 'layout-shift', buffered: true });
	window.__skeleton = null;
	const look = () => {
		const skeleton = document.getElementById('app-skeleton');
		if (!skeleton || getComputedStyle(skeleton).display === 'none') return;
		const rect = (selector) => {
			const element = skeleton.querySelector(selector);
			return element ? element.getBoundingClientRect().toJSON() : null;
		};
		window.__skeleton = {
			header: rect('.app-header'),
			nav: rect('.app-nav'),
			heading: rect('.skeleton-heading')
		};
	};
	document.addEventListener('DOMContentLoaded', look);
})();`;

/**
 * One load of `url` in a new tab of `context`: its layout shifts and the skeleton's offsets.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 */
async function measure(
	context,
	url,
	/** @type {string} */ done,
	/** @type {'fast' | 'slow'} */ speed
) {
	const page = await context.newPage();
	if (speed === 'slow') {
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK);
	}
	await page.goto(url, { waitUntil: 'load' });
	const loadedAt = Date.now();
	await page.locator(done).waitFor({ timeout: 30_000 });
	const doneAfter = Date.now() - loadedAt;
	await page.waitForTimeout(SETTLE_MS);
	const result = await page.evaluate(() => {
		// `any`: the globals the init script above put on the page (__shifts and the rest).
		const w = /** @type {any} */ (window);
		const rect = (/** @type {string} */ selector) =>
			document.querySelector(selector)?.getBoundingClientRect().toJSON() ?? null;
		return {
			doneAfter: 0,
			shifts: /** @type {Shift[]} */ (w.__shifts),
			skeleton: w.__skeleton,
			app: {
				header: rect('body > .app-root header.app-header'),
				nav: rect('body > .app-root nav.app-nav'),
				heading: rect('main h1:not(.visually-hidden), main [role=tablist]')
			}
		};
	});
	await page.close();
	return { ...result, doneAfter };
}

/**
 * @typedef {{ value: number, at: number, hadRecentInput: boolean,
 *   sources: { node: string, from: string, to: string }[] }} Shift
 */

/** The skeleton's landmarks against the app's: the largest top or height difference, in px. */
function skeletonOffset(
	/** @type {Record<string, DOMRect | null> | null} */ skeleton,
	/** @type {Record<string, DOMRect | null>} */ app
) {
	if (!skeleton) return 'not drawn';
	return Object.entries(skeleton)
		.map(([name, was]) => {
			const is = app[name];
			if (!was || !is) return `${name} ?`;
			// The heading placeholder is only as wide as a heading: its top is what must match.
			const drift = Math.max(
				Math.abs(was.top - is.top),
				name === 'heading' ? 0 : Math.abs(was.height - is.height)
			);
			return `${name} ${drift.toFixed(0)} px`;
		})
		.join(', ');
}

/** The worst CLS of any load at each speed (figures in the bench table). */
const worstOf = { fast: 0, slow: 0 };

/** Prints one route × viewport × device line and the shifts of its runs. */
function report(
	/** @type {string} */ label,
	/** @type {'fast' | 'slow'} */ speed,
	/** @type {Awaited<ReturnType<typeof measure>>[]} */ runs
) {
	const scores = runs.map((run) =>
		run.shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0)
	);
	const worst = Math.max(...scores);
	worstOf[speed] = Math.max(worstOf[speed], worst);
	const doneAfter = Math.max(...runs.map((run) => run.doneAfter));
	console.log(
		`${label}: CLS ${scores.map((s) => s.toFixed(4)).join(' / ')} (worst ${worst.toFixed(4)})` +
			`; complete ≤ ${(doneAfter / 1000).toFixed(1)} s after load` +
			`; skeleton vs app: ${skeletonOffset(runs[0]?.skeleton ?? null, runs[0]?.app ?? {})}`
	);
	/** @type {Map<string, { count: number, total: number }>} */
	const nodes = new Map();
	for (const run of runs) {
		for (const shift of run.shifts) {
			for (const source of shift.sources) {
				const key =
					`${source.node}  [${source.from}] → [${source.to}]  at ${Math.round(shift.at / 100) / 10} s` +
					(shift.hadRecentInput ? ' (after input: not counted)' : '');
				const seen = nodes.get(key) ?? { count: 0, total: 0 };
				nodes.set(key, { count: seen.count + 1, total: seen.total + shift.value });
			}
		}
	}
	for (const [key, { count, total }] of nodes) {
		console.log(`     ${(total / count).toFixed(4)} ×${count}  ${key}`);
	}
}

/** A browser context's options for a phone of this size. */
function phone(/** @type {(typeof VIEWPORTS)[number]} */ { width, height, deviceScaleFactor }) {
	return { viewport: { width, height }, deviceScaleFactor, isMobile: true, hasTouch: true };
}

ensureBuild();
const server = await startThrowawayPocketBase({ publicDir: BUILD_DIR });
const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, args: CHROMIUM_ARGS });

try {
	const authJson = await newPersonWithCard(server.url, {
		name: 'Bench Person',
		headline: 'Measuring layout shift',
		company: 'Tend',
		canHelpWith: 'Benchmarks',
		lookingFor: 'Steady screens'
	});
	const signIn = `if (!localStorage.getItem('pocketbase_auth')) {
		localStorage.setItem('pocketbase_auth', ${JSON.stringify(authJson)});
	}`;
	const speedLabel = (/** @type {'fast' | 'slow'} */ speed) =>
		speed === 'slow' ? 'CPU 4× slower, slow 4G' : 'unthrottled';
	console.log(
		`\nCLS from navigation to 3 s after load, ${RUNS} runs each, ${SPEEDS.map(speedLabel).join(' and ')} (target 0)`
	);
	for (const viewport of VIEWPORTS.slice(0, PHONES)) {
		for (const [route, done] of ROUTES) {
			const size = `${viewport.width}×${viewport.height}@${viewport.deviceScaleFactor}x`;
			const url = `${server.url}${route}`;

			// A new device: a fresh profile each run.
			for (const speed of SPEEDS) {
				const fresh = [];
				for (let run = 0; run < RUNS; run++) {
					const context = await browser.newContext(phone(viewport));
					await context.addInitScript({ content: signIn });
					await context.addInitScript({ content: OBSERVE });
					fresh.push(await measure(context, url, done, speed));
					await context.close();
				}
				report(`${route} ${size} new device, ${speedLabel(speed)}`, speed, fresh);
			}

			// A returning device: opened once (the worker installs and takes control, the data
			// syncs), then opened again in new tabs, at each speed.
			const context = await browser.newContext(phone(viewport));
			await context.addInitScript({ content: signIn });
			await context.addInitScript({ content: OBSERVE });
			const first = await context.newPage();
			await first.goto(`${server.url}/swap`);
			await first.getByRole('img', { name: /Tend code for/ }).waitFor({ timeout: 30_000 });
			await first.evaluate(async () => {
				await navigator.serviceWorker.ready;
				if (!navigator.serviceWorker.controller) {
					await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r));
				}
			});
			await first.close();
			for (const speed of SPEEDS) {
				const returning = [];
				for (let run = 0; run < RUNS; run++)
					returning.push(await measure(context, url, done, speed));
				report(`${route} ${size} returning device, ${speedLabel(speed)}`, speed, returning);
			}
			await context.close();
		}
	}
	for (const speed of SPEEDS) {
		figure(`layout shift of /swap and /me, worst load, ${speedLabel(speed)}`, worstOf[speed], '', {
			...atMost(worstOf[speed], 0, ''),
			note: `new and returning device, ${PHONES} phone sizes, ${RUNS} runs each`
		});
	}
} finally {
	await browser.close();
	await server.dispose();
}
