// The follow-up engine at scale: plan() over a seeded network of 10,000 contacts and 100,000
// interactions (with tombstones, card changes, decisions, events), in Node and in Debian's
// Chromium. The engine (src/lib/domain/follow-ups/plan.ts) is bundled with vite's own builder
// (no other tool), once as an ES module for Node and once as a classic script for the page; the
// same generator builds the same network in both. Median of the timed runs after a warm-up.
// Three figures: cold, plain plan() (every interaction read, as on opening the app or on the
// server); warm, the app's createPlanner() replanning after a decision (a new decisions array:
// its pass over the interactions and its candidates are reused, only decisions and the daily cap
// are applied again); and the planner after a new interaction (a new interactions array: read
// again, the candidates made again).
// Target: ≤ 20 ms median. Prints figures; asserts nothing.
// Usage: node scripts/bench-follow-ups.js [--people 10000] [--interactions 100000] [--runs 21]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { median, quantile } from './lib/bench-app.js';
import { atMost, figure } from './lib/bench-report.js';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './lib/chromium.js';
import { ROOT } from './lib/pocketbase.js';

const arg = (/** @type {string} */ name, /** @type {number} */ fallback) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SPEC = {
	people: arg('--people', 10_000),
	interactions: arg('--interactions', 100_000),
	runs: arg('--runs', 21),
	warmUp: 5
};

/**
 * Runs where the engine is (Node, or the page with `TendEngine`): builds the seeded network
 * through the app's parsers, then times plan() and eventFollowUps(). Self-contained, so it can be
 * handed to the page as it is.
 * @param {{ people: number, interactions: number, runs: number, warmUp: number }} spec
 * @param {any} engine the bundle's exports: untyped here, since in Chromium it is a page global (the
 *   engine's own sources carry its types)
 * @param {() => number} [cpuMs] this process's CPU time in ms, where it can be read (Node)
 */
function runBench(spec, engine, cpuMs) {
	let a = 0x5eed;
	const random = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	/** @type {<T>(list: T[]) => T} */
	// `any`: a JSDoc generic arrow cannot name T in its body; the index is always in range.
	const pick = (list) => /** @type {any} */ (list[Math.floor(random() * list.length)]);
	const TOPICS = (
		'rust typescript hiring design investors climate security mentoring ' +
		'product marketing sales kubernetes databases accessibility research fundraising ' +
		'writing speaking community open-source robotics biology music education health'
	).split(' ');
	const phrase = () => `${pick(TOPICS)} and ${pick(TOPICS)} ${random() < 0.5 ? pick(TOPICS) : ''}`;
	const day = 86_400_000;
	const now = Date.parse('2026-06-01T10:00:00.000Z');
	const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
	// Unique 15-character [a-z0-9] ids: the prefix, then the index in base 36, left-padded.
	const id = (/** @type {string} */ prefix, /** @type {number} */ n) =>
		prefix + n.toString(36).padStart(15 - prefix.length, '0');
	const events = Array.from({ length: 40 }, (_, i) =>
		engine.parseEvent({ id: id('e', i), name: `Conf ${i}`, startsAt: iso(now - i * 20 * day) })
	);
	/** @type {any[]} records from the bundle's parsers (untyped at this boundary) */
	const connections = [];
	for (let i = 0; i < spec.people; i++) {
		const metAt = iso(now - random() * 900 * day);
		connections.push(
			engine.parseConnection({
				id: id('p', i),
				snapshot: {
					name: `${pick(['Ann', 'Bo', 'Chen', 'Dana', 'Eli', 'Noor'])} ${i}`,
					canHelpWith: random() < 0.7 ? phrase() : '',
					lookingFor: random() < 0.7 ? phrase() : '',
					links: random() < 0.5 ? [{ kind: 'email', url: `mailto:p${i}@example.org` }] : []
				},
				event: random() < 0.6 ? pick(events).id : '',
				metAt,
				memoryNote: random() < 0.9 ? `Talked about ${phrase()}` : '',
				promise: random() < 0.1 ? `send the ${pick(TOPICS)} article` : '',
				cadence: pick(['', 'close', 'regular', 'occasional', 'none']),
				archived: random() < 0.05,
				deleted: random() < 0.02 ? iso(now - day) : '',
				created: metAt,
				updated: metAt
			})
		);
	}
	const KINDS = ['gave', 'asked', 'note', 'conversation', 'followed_up', 'introduced', 'met'];
	/** @type {any[]} records from the bundle's parsers (untyped at this boundary) */
	const interactions = [];
	for (let i = 0; i < spec.interactions; i++) {
		const kind = pick(KINDS);
		const first = pick(connections).id;
		interactions.push(
			engine.parseInteraction({
				id: id('i', i),
				kind,
				at: iso(now - random() * 900 * day),
				people: kind === 'introduced' ? [first, pick(connections).id] : [first],
				deleted: random() < 0.03 ? iso(now) : ''
			})
		);
	}
	const cardChanges = Array.from({ length: 2000 }, (_, i) =>
		engine.parseCardChange({
			id: id('g', i),
			connection: pick(connections).id,
			changes: [{ field: pick(['headline', 'company', 'name']), from: 'Engineer', to: 'CTO' }],
			created: iso(now - random() * 60 * day)
		})
	);
	const decisions = Array.from({ length: 2000 }, (_, i) => {
		const c = pick(connections);
		return engine.parseDecision({
			id: id('d', i),
			promptId: `thank_you:${c.id}:${c.metAt.slice(0, 10)}`,
			state: pick(['done', 'dismissed', 'snoozed']),
			until: iso(now + random() * 10 * day),
			updated: iso(now - random() * day)
		});
	});
	const input = {
		me: { name: 'Bench Me', canHelpWith: 'rust mentoring and hiring', lookingFor: 'investors' },
		connections,
		interactions,
		cardChanges,
		events,
		decisions,
		settings: { dailyCap: 5, defaultCadence: 'occasional' },
		now,
		timeZone: 'Europe/Berlin'
	};
	/** @type {number[]} */
	const planTimes = [];
	/** @type {number[]} */
	const eventTimes = [];
	/** @type {number[]} */
	const planCpu = [];
	let result = engine.plan(input);
	for (let run = 0; run < spec.warmUp + spec.runs; run++) {
		const cpuStart = cpuMs ? cpuMs() : 0;
		const start = performance.now();
		result = engine.plan(input);
		const planned = performance.now();
		const cpuPlanned = cpuMs ? cpuMs() : 0;
		engine.eventFollowUps(input, result);
		const listed = performance.now();
		if (run >= spec.warmUp) {
			planTimes.push(planned - start);
			if (cpuMs) planCpu.push(cpuPlanned - cpuStart);
			eventTimes.push(listed - planned);
		}
	}
	// Warm: the planner, after a decision each run (a new decisions array, one more decision).
	const planner = engine.createPlanner();
	planner.plan(input);
	/** @type {number[]} */
	const warmTimes = [];
	/** @type {number[]} */
	const warmEventTimes = [];
	/** @type {number[]} */
	const warmCpu = [];
	for (let run = 0; run < spec.warmUp + spec.runs; run++) {
		const c = pick(connections);
		const decided = {
			...input,
			decisions: input.decisions.concat(
				engine.parseDecision({
					id: id('w', run),
					promptId: `check_in:${c.id}:${c.metAt.slice(0, 10)}`,
					state: 'dismissed',
					updated: iso(now + run)
				})
			)
		};
		const cpuStart = cpuMs ? cpuMs() : 0;
		const start = performance.now();
		const warm = planner.plan(decided);
		const planned = performance.now();
		const cpuPlanned = cpuMs ? cpuMs() : 0;
		planner.eventFollowUps(decided, warm);
		const listed = performance.now();
		if (run >= spec.warmUp) {
			warmTimes.push(planned - start);
			if (cpuMs) warmCpu.push(cpuPlanned - cpuStart);
			warmEventTimes.push(listed - planned);
		}
	}
	// After a logged interaction: one more interaction (a new array), so everything is read again.
	/** @type {number[]} */
	const loggedTimes = [];
	let logged = input.interactions;
	for (let run = 0; run < spec.warmUp + spec.runs; run++) {
		logged = logged.concat(
			engine.parseInteraction({
				id: id('l', run),
				kind: 'gave',
				at: iso(now + run),
				people: [pick(connections).id]
			})
		);
		const next = { ...input, interactions: logged };
		const start = performance.now();
		planner.plan(next);
		if (run >= spec.warmUp) loggedTimes.push(performance.now() - start);
	}
	return {
		loggedTimes,
		planTimes,
		eventTimes,
		warmTimes,
		warmEventTimes,
		planCpu,
		warmCpu,
		prompts: result.all.length,
		todays: result.todays.length,
		comingUp: result.comingUp.length
	};
}

/** Bundles the engine and the record parsers: `es` for Node, `iife` (window.TendEngine) for pages. */
async function bundleEngine() {
	const dir = mkdtempSync(join(tmpdir(), 'tend-bench-follow-ups-'));
	const entry = join(dir, 'entry.ts');
	const domain = join(ROOT, 'src/lib/domain');
	writeFileSync(
		entry,
		`export { createPlanner, plan, eventFollowUps } from '${domain}/follow-ups/plan';\n` +
			`export { parseCardChange, parseConnection, parseDecision, parseEvent, parseInteraction } from '${domain}/records';\n`
	);
	try {
		const output = await build({
			configFile: false,
			logLevel: 'silent',
			root: dir,
			build: {
				write: false,
				minify: true,
				lib: { entry, formats: ['es', 'iife'], name: 'TendEngine', fileName: 'engine' }
			}
		});
		const outputs = Array.isArray(output) ? output : [output];
		/** @type {Record<string, string>} */
		const code = {};
		for (const out of outputs) {
			if (!('output' in out)) continue;
			for (const chunk of out.output) {
				if (chunk.type === 'chunk')
					code[chunk.fileName.includes('iife') ? 'iife' : 'es'] = chunk.code;
			}
		}
		if (!code.es || !code.iife) throw new Error('the engine bundle is missing a format');
		return { es: code.es, iife: code.iife };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** @param {number[]} values */
function figures(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return `median ${median(sorted).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms (n=${sorted.length})`;
}

/**
 * Prints one engine's lines and records its three medians.
 * @param {string} where the engine with its version ("Node v20.19.0")
 * @param {string} short its name in a figure ("Node")
 * @param {ReturnType<typeof runBench>} result
 */
function report(where, short, result) {
	console.log(
		`${where}: cold plan() ${figures(result.planTimes)}; target ≤ 20 ms median` +
			` (${result.prompts} open prompts, ${result.todays} today, ${result.comingUp} coming up)`
	);
	if (result.planCpu.length) {
		console.log(
			`${where}: plan() CPU time ${figures(result.planCpu)} (what the wall time would be on an idle core)`
		);
	}
	console.log(`${where}: cold eventFollowUps() ${figures(result.eventTimes)}`);
	console.log(
		`${where}: warm planner.plan() after a decision ${figures(result.warmTimes)}; target ≤ 20 ms median`
	);
	if (result.warmCpu.length) {
		console.log(`${where}: warm planner.plan() CPU time ${figures(result.warmCpu)}`);
	}
	console.log(
		`${where}: warm planner.eventFollowUps() after a decision ${figures(result.warmEventTimes)}`
	);
	console.log(
		`${where}: planner.plan() after a logged interaction (all read again) ${figures(result.loggedTimes)}`
	);
	const network = `${SPEC.people} contacts, ${SPEC.interactions} interactions; ${where}`;
	/** @param {string} name @param {number[]} values @param {boolean} targeted */
	const record = (name, values, targeted) => {
		const sorted = [...values].sort((a, b) => a - b);
		const value = median(sorted);
		figure(`${name}, ${short}, median`, value, 'ms', {
			...(targeted ? atMost(value, 20, 'ms') : {}),
			note: `p95 ${quantile(sorted, 0.95).toFixed(1)} ms, n=${sorted.length}; ${network}`
		});
	};
	record('cold plan()', result.planTimes, true);
	record('replan after a decision', result.warmTimes, true);
	record('replan after a new interaction', result.loggedTimes, false);
}

const bundle = await bundleEngine();
console.log(
	`network: ${SPEC.people} contacts, ${SPEC.interactions} interactions, 2,000 card changes, 2,000 decisions; engine bundle ${(bundle.iife.length / 1024).toFixed(1)} KB minified`
);
const engine = await import(
	`data:text/javascript;base64,${Buffer.from(bundle.es).toString('base64')}`
);
const cpuMs = () => {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
};
report(`Node ${process.version}`, 'Node', runBench(SPEC, engine, cpuMs));

console.log(
	`load average while measuring: ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')} on ${cpus().length} cores`
);
const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, args: CHROMIUM_ARGS });
try {
	const page = await browser.newPage();
	await page.setContent('<!doctype html><title>follow-ups bench</title>');
	await page.addScriptTag({ content: bundle.iife });
	const result = await page.evaluate(
		({ source, spec }) =>
			new Function('spec', 'engine', `return (${source})(spec, engine);`)(
				spec,
				// `any`: the page global the engine's IIFE bundle defines.
				/** @type {any} */ (globalThis).TendEngine
			),
		{ source: runBench.toString(), spec: SPEC }
	);
	report(`Chromium ${browser.version()}`, 'Chromium', result);
} finally {
	await browser.close();
}
