// Lighthouse (12, mobile preset: a mid-range phone's screen, simulated slow 4G and 4× slower CPU)
// on /me as a new device opens it: signed in (the session in localStorage) but with nothing in
// IndexedDB and no service worker, so the card comes from the server. Debian's Chromium is started
// by playwright-core with a fresh profile and a debugging port that Lighthouse drives; the session
// is put in place first and Lighthouse is told not to clear the origin's storage. Prints the
// performance score and the cumulative layout shift of each run and their medians, for each way
// of throttling (targets: performance ≥ 95, CLS 0), with Lighthouse's benchmark index of the
// machine in each run: the simulated phone is 4× slower than the machine, so on a shared VM whose
// speed changes by 2× within minutes the score changes with it. Asserts nothing.
// Usage: node scripts/bench-lighthouse.js [--runs 3] [--simulate | --devtools]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { ensureBuild, median, newPersonWithCard } from './lib/bench-app.js';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './lib/chromium.js';
import { BUILD_DIR, freePort, startThrowawayPocketBase } from './lib/pocketbase.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
// Lighthouse's default ("simulate") computes the slow network and CPU from an unthrottled load, so
// the layout shifts it sees are those of a fast load; "devtools" really slows the load down
// (Chromium's own throttling), which shows the shifts a slow phone on a venue's network meets.
// Both are printed unless one is asked for.
/** @type {('simulate' | 'devtools')[]} */
const THROTTLINGS = process.argv.includes('--devtools')
	? ['devtools']
	: process.argv.includes('--simulate')
		? ['simulate']
		: ['simulate', 'devtools'];

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
 * One Lighthouse run on /me in a fresh browser profile (a new device).
 * @param {string} baseUrl
 * @param {'simulate' | 'devtools'} throttling
 */
async function runOnce(baseUrl, throttling) {
	const authJson = await newPersonWithCard(baseUrl, {
		name: 'Bench Person',
		headline: 'Measuring the first load',
		company: 'Tend',
		canHelpWith: 'Benchmarks',
		lookingFor: 'Fast phones'
	});
	const profile = mkdtempSync(join(tmpdir(), 'tend-lighthouse-'));
	const port = await freePort();
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_BIN,
		headless: true,
		args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
		// Lighthouse emulates the phone's screen itself; playwright must not override it.
		viewport: null
	});
	try {
		// The session, as signing in leaves it; on a page of the origin that is not the app.
		const seed = await context.newPage();
		await seed.goto(`${baseUrl}/api/health`);
		await seed.evaluate((value) => localStorage.setItem('pocketbase_auth', value), authJson);
		await seed.close();
		const result = await lighthouse(`${baseUrl}/me`, {
			port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance'],
			disableStorageReset: true,
			throttlingMethod: throttling
		});
		if (!result) throw new Error('Lighthouse returned no result');
		const { lhr } = result;
		if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
		return {
			performance: Math.round((lhr.categories.performance?.score ?? NaN) * 100),
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
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

ensureBuild();
const server = await startThrowawayPocketBase({ publicDir: BUILD_DIR });
try {
	for (const throttling of THROTTLINGS) {
		/** @type {Awaited<ReturnType<typeof runOnce>>[]} */
		const runs = [];
		for (let i = 0; i < RUNS; i++) {
			const run = await runOnce(server.url, throttling);
			runs.push(run);
			console.log(
				`   ${throttling} run ${i + 1}: performance ${run.performance}, CLS ${run.cls.toFixed(3)},` +
					` FCP ${run.fcp.toFixed(0)} ms, LCP ${run.lcp.toFixed(0)} ms, TBT ${run.tbt.toFixed(0)} ms,` +
					` SI ${run.si.toFixed(0)} ms, machine ${run.benchmarkIndex.toFixed(0)}` +
					` (${new URL(run.finalUrl).pathname}; LCP: ${run.lcpElement})`
			);
		}
		console.log(
			`Lighthouse mobile, /me on a new device, ${throttling} throttling:` +
				` performance ${median(runs.map((r) => r.performance))} (target ≥ 95),` +
				` CLS ${median(runs.map((r) => r.cls)).toFixed(3)} (target 0), median of ${RUNS} runs` +
				` (Lighthouse's benchmark index of this machine: median ${median(runs.map((r) => r.benchmarkIndex)).toFixed(0)})`
		);
	}
} finally {
	await server.dispose();
}
