// Lighthouse (12, mobile preset: a mid-range phone's screen, simulated slow 4G and 4× slower CPU)
// on the screens a person meets first, each as a new device opens it: /signin and the public card
// page signed out, /swap, /me and Follow-ups signed in (the session in localStorage) but with
// nothing in IndexedDB and no service worker, so the card comes from the server. Debian's Chromium
// is started by playwright-core with a fresh profile and a debugging port that Lighthouse drives;
// the session is put in place first and Lighthouse is told not to clear the origin's storage.
// Prints performance, accessibility and best practices (and CLS) of each run and their medians
// (targets: performance ≥ 95, accessibility 100, CLS 0), with Lighthouse's benchmark index of the
// machine in each run: the simulated phone is 4× slower than the machine, so on a shared VM whose
// speed changes by 2× within minutes the score changes with it. Then Chromium's own installability
// check (`Page.getInstallabilityErrors`, must be empty) once the service worker controls /signin.
// Asserts nothing.
// Usage: node scripts/bench-lighthouse.js [--runs 3] [--page /me] [--devtools | --both] [--save DIR]
// (throttling: Lighthouse's "simulate" unless --devtools, or both with --both).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { codeText, ensureBuild, median, newPersonWithCard } from './lib/bench-app.js';
import { atLeast, atMost, figure } from './lib/bench-report.js';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './lib/chromium.js';
import { requestJson } from './lib/http.js';
import { BUILD_DIR, freePort, startThrowawayPocketBase } from './lib/pocketbase.js';

/** @param {string} flag */
const argAfter = (flag) => {
	const at = process.argv.indexOf(flag);
	return at > 0 ? process.argv[at + 1] : undefined;
};
const RUNS = Number(argAfter('--runs') ?? 3);
/** With --save DIR, each run's full Lighthouse report (JSON) is written there, to see its long tasks. */
const SAVE_DIR = argAfter('--save');
if (SAVE_DIR) mkdirSync(SAVE_DIR, { recursive: true });
// Lighthouse's default ("simulate") computes the slow network and CPU from an unthrottled load, so
// the layout shifts it sees are those of a fast load; "devtools" really slows the load down
// (Chromium's own throttling), which shows the shifts a slow phone on a venue's network meets.
/** @type {('simulate' | 'devtools')[]} */
const THROTTLINGS = process.argv.includes('--both')
	? ['simulate', 'devtools']
	: process.argv.includes('--devtools')
		? ['devtools']
		: ['simulate'];
const CARD = {
	name: 'Bench Person',
	headline: 'Measuring the first load',
	company: 'Tend',
	canHelpWith: 'Benchmarks',
	lookingFor: 'Fast phones'
};

/**
 * The screens measured: a name, and for a run the URL and the session to put in place (if any).
 * @typedef {{ name: string, open: (base: string) => Promise<{ url: string, auth: string | null }> }} Screen
 * @type {Screen[]}
 */
const ALL_SCREENS = [
	{ name: '/signin', open: async (base) => ({ url: `${base}/signin`, auth: null }) },
	{
		name: 'public card',
		open: async (base) => {
			const auth = JSON.parse(await newPersonWithCard(base, CARD));
			const reply = await requestJson(base, 'GET', '/api/tend/token', undefined, auth.token);
			const token = String(reply.json?.token ?? '');
			if (!token) throw new Error(`swap token: ${reply.status}`);
			const url = codeText(base, token, CARD);
			return { url, auth: null };
		}
	},
	{
		name: '/swap',
		open: async (base) => ({ url: `${base}/swap`, auth: await newPersonWithCard(base, CARD) })
	},
	{
		name: '/me',
		open: async (base) => ({ url: `${base}/me`, auth: await newPersonWithCard(base, CARD) })
	},
	{
		name: '/follow-ups',
		open: async (base) => ({ url: `${base}/follow-ups`, auth: await newPersonWithCard(base, CARD) })
	}
];
const onlyPage = argAfter('--page');
const SCREENS = ALL_SCREENS.filter((s) => !onlyPage || s.name === onlyPage);

/**
 * A fresh browser profile (a new device) with a debugging port, the session in place if given.
 * @param {string} baseUrl
 * @param {string | null} auth
 */
async function newDevice(baseUrl, auth) {
	const profile = mkdtempSync(join(tmpdir(), 'tend-lighthouse-'));
	const port = await freePort();
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_BIN,
		headless: true,
		args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
		// Lighthouse emulates the phone's screen itself; playwright must not override it.
		viewport: null
	});
	if (auth) {
		// The session, as signing in leaves it; on a page of the origin that is not the app.
		const seed = await context.newPage();
		await seed.goto(`${baseUrl}/api/health`);
		await seed.evaluate((value) => localStorage.setItem('pocketbase_auth', value), auth);
		await seed.close();
	}
	return {
		context,
		port,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

/**
 * What Lighthouse names as the largest contentful paint (a selector and its text), or "?".
 * @param {any} lhr
 */
function lcpElementOf(lhr) {
	const items = lhr.audits['largest-contentful-paint-element']?.details?.items ?? [];
	for (const item of items) {
		for (const row of item?.items ?? []) {
			const node = row?.node;
			if (node?.selector) return `${node.selector} "${String(node.nodeLabel ?? '').slice(0, 40)}"`;
		}
	}
	return '?';
}

/**
 * One Lighthouse run on a screen in a fresh browser profile (a new device).
 * @param {string} baseUrl
 * @param {Screen} screen
 * @param {'simulate' | 'devtools'} throttling
 */
async function runOnce(baseUrl, screen, throttling) {
	const { url, auth } = await screen.open(baseUrl);
	const device = await newDevice(baseUrl, auth);
	try {
		const result = await lighthouse(url, {
			port: device.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices'],
			disableStorageReset: true,
			throttlingMethod: throttling,
			// Signed in, the app holds its live stream (/api/tend/live) open, so the network never goes
			// quiet and Lighthouse waits its whole limit (45 s) on every run. Simulated throttling
			// loads at full speed, done (the sections under the fold too) within 2-3 s: 6 s leaves
			// a quiet window after it (the same scores as 15 s, 9 s less per run). Devtools
			// throttling really loads slowly (/me complete about 8 s after load on slow 4G): 15 s.
			maxWaitForLoad: throttling === 'devtools' ? 15_000 : 6_000
		});
		if (!result) throw new Error('Lighthouse returned no result');
		const { lhr } = result;
		if (SAVE_DIR) {
			const name = `${screen.name.replace(/\W+/g, '-').replace(/^-/, '')}-${throttling}-${Date.now()}.json`;
			writeFileSync(join(SAVE_DIR, name), JSON.stringify(lhr));
		}
		if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
		// The load limit above is expected to be reached signed in; any other warning is shown.
		for (const warning of lhr.runWarnings ?? []) {
			if (!/loaded too slowly/.test(String(warning)))
				console.log(`   Lighthouse warning: ${warning}`);
		}
		return {
			performance: Math.round((lhr.categories.performance?.score ?? NaN) * 100),
			accessibility: Math.round((lhr.categories.accessibility?.score ?? NaN) * 100),
			bestPractices: Math.round((lhr.categories['best-practices']?.score ?? NaN) * 100),
			cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
			lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
			fcp: lhr.audits['first-contentful-paint']?.numericValue ?? NaN,
			tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
			si: lhr.audits['speed-index']?.numericValue ?? NaN,
			lcpElement: lcpElementOf(lhr),
			// Lighthouse's own measure of this machine's speed during the run (higher is faster): the
			// simulated 4× slower phone is 4× slower than this machine was at that moment.
			benchmarkIndex: lhr.environment?.benchmarkIndex ?? NaN,
			finalUrl: lhr.finalDisplayedUrl
		};
	} finally {
		await device.close();
	}
}

/**
 * Chromium's installability errors for the app, once its service worker controls /signin.
 * @param {string} baseUrl
 * @returns {Promise<string[]>}
 */
async function installabilityErrors(baseUrl) {
	const device = await newDevice(baseUrl, null);
	try {
		const page = await device.context.newPage();
		await page.goto(`${baseUrl}/signin`);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller) {
				await new Promise((resolve) =>
					navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
				);
			}
		});
		const cdp = await device.context.newCDPSession(page);
		/** @type {{ installabilityErrors: { errorId: string, errorArguments: { name: string, value: string }[] }[] }} */
		const reply = await cdp.send('Page.getInstallabilityErrors');
		return reply.installabilityErrors.map(
			(e) => e.errorId + e.errorArguments.map((a) => ` ${a.name}=${a.value}`).join('')
		);
	} finally {
		await device.close();
	}
}

ensureBuild();
const server = await startThrowawayPocketBase({ publicDir: BUILD_DIR });
try {
	for (const throttling of THROTTLINGS) {
		for (const screen of SCREENS) {
			/** @type {Awaited<ReturnType<typeof runOnce>>[]} */
			const runs = [];
			for (let i = 0; i < RUNS; i++) {
				const run = await runOnce(server.url, screen, throttling);
				runs.push(run);
				console.log(
					`   ${screen.name}, ${throttling} run ${i + 1}: performance ${run.performance},` +
						` accessibility ${run.accessibility}, best practices ${run.bestPractices},` +
						` CLS ${run.cls.toFixed(3)}, FCP ${run.fcp.toFixed(0)} ms, LCP ${run.lcp.toFixed(0)} ms,` +
						` TBT ${run.tbt.toFixed(0)} ms, SI ${run.si.toFixed(0)} ms, machine ${run.benchmarkIndex.toFixed(0)}` +
						` (${new URL(run.finalUrl).pathname}; LCP: ${run.lcpElement})`
				);
			}
			const performance = median(runs.map((r) => r.performance));
			const accessibility = median(runs.map((r) => r.accessibility));
			const bestPractices = median(runs.map((r) => r.bestPractices));
			const cls = median(runs.map((r) => r.cls));
			const machine = median(runs.map((r) => r.benchmarkIndex));
			console.log(
				`Lighthouse mobile, ${screen.name} on a new device, ${throttling} throttling, median of ${RUNS}:` +
					` performance ${performance} (target ≥ 95), accessibility ${accessibility} (target 100),` +
					` best practices ${bestPractices}, CLS ${cls.toFixed(3)} (target 0)` +
					` (Lighthouse's benchmark index of this machine: median ${machine.toFixed(0)})`
			);
			const note = `median of ${RUNS}, ${throttling} throttling, machine index ${machine.toFixed(0)}`;
			figure(`Lighthouse performance, ${screen.name}`, performance, '', {
				...atLeast(performance, 95, ''),
				note
			});
			figure(`Lighthouse accessibility, ${screen.name}`, accessibility, '', {
				...atLeast(accessibility, 100, ''),
				note
			});
			figure(`Lighthouse best practices, ${screen.name}`, bestPractices, '', { note });
			figure(`Lighthouse CLS, ${screen.name}`, cls, '', { ...atMost(cls, 0, ''), note });
		}
	}
	const errors = await installabilityErrors(server.url);
	console.log(
		`Chromium's installability errors for the app: ${errors.length ? errors.join('; ') : 'none'} (target none)`
	);
	figure('installability errors (Chromium)', errors.length, '', {
		...atMost(errors.length, 0, ''),
		...(errors.length ? { note: errors.join('; ') } : {})
	});
} finally {
	await server.dispose();
}
