// Bench: a soak at half capacity. Measures this machine's swaps/s (closed loop, 10 s), then offers
// half of that as an open loop (a swap every 1/rate s, whatever the answers) for `--minutes`
// (default 10) with 1,000 live streams open, and prints per minute: swaps answered, errors, p95
// latency and PocketBase's resident memory. Flat means the last minute looks like the first.
// Starts its own PocketBase; bounded (time, and at most 200 requests in flight); asserts nothing.
// Usage: node scripts/bench-soak.js [--minutes 10] [--streams 1000] [--rate swaps/s]
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
	loopbackLimits,
	makeUsers,
	quantile,
	reconnectIntervalsOf,
	stream,
	swap
} from './lib/live-clients.js';
import { atMost, figure } from './lib/bench-report.js';
import { freePort, startThrowawayPocketBase } from './lib/pocketbase.js';

/** @param {string} name @param {number} fallback */
function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const MINUTES = arg('minutes', 10);
const STREAMS = arg('streams', 1000);
/** Swaps/s offered; by default half the capacity measured first. */
const RATE = arg('rate', 0);
// 249,500 ordered pairs, so every swap of the soak is a new one; and at most ~300 swaps each in 10
// minutes at 250/s, under the 600 an hour a person may make (lib/rate.js), which 250 swappers hit.
const SWAPPERS = 500;
const MAX_IN_FLIGHT = 200;

/**
 * What PocketBase holds in memory: its resident memory (from /proc), Go's heap in use and all Go
 * has from the system, and the data database's open SQLite connections (from the server's own
 * figures, TEND_PPROF: pocketbase/profile.go); what is resident beyond Go's is SQLite's (page
 * caches, up to 32 MB per connection). With the database's and the request log's size on disk
 * (with their WAL), in MB.
 * @param {number | undefined} pid
 * @param {string} dataDir
 * @param {string} figuresUrl
 */
async function memoryOf(pid, dataDir, figuresUrl) {
	const size = (/** @type {string} */ name) => {
		try {
			return (
				(statSync(join(dataDir, name)).size +
					(existsSync(join(dataDir, `${name}-wal`))
						? statSync(join(dataDir, `${name}-wal`)).size
						: 0)) /
				2 ** 20
			);
		} catch {
			return NaN;
		}
	};
	let rss = NaN;
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
	} catch {
		// gone
	}
	/** @type {{ goHeapMb: number, goSysMb: number, data: { open: number } }} */
	let figures = { goHeapMb: NaN, goSysMb: NaN, data: { open: NaN } };
	try {
		figures = await (await fetch(figuresUrl)).json();
	} catch {
		// not answering: NaN
	}
	return {
		rss,
		goHeap: figures.goHeapMb,
		goSys: figures.goSysMb,
		connections: figures.data.open,
		dbMb: size('data.db'),
		auxMb: size('auxiliary.db')
	};
}

const figuresPort = await freePort();
// TEND_ACTIVE_REQUESTS=0 in the environment measures the server without its admission limit.
const server = await startThrowawayPocketBase({
	env: { TEND_PPROF: `127.0.0.1:${figuresPort}` }
});
const sample = () =>
	memoryOf(
		server.process()?.pid,
		server.dataDir,
		`http://127.0.0.1:${figuresPort}/debug/tend/memory`
	);
const base = server.url;
/** @type {ReturnType<typeof stream>[]} */
const open = [];
try {
	const limits = await loopbackLimits(server);
	await limits(false);
	const swappers = await makeUsers(base, SWAPPERS, true);
	const crowd = await makeUsers(base, Math.ceil(STREAMS / 8));
	await limits(true);
	for (let i = 0; i < STREAMS; i++) {
		const user = crowd[Math.floor(i / 8)];
		if (user) open.push(stream(base, user.token, reconnectIntervalsOf(Math.random)));
	}
	while (open.some((s) => s.state.hellos === 0)) await new Promise((r) => setTimeout(r, 50));

	/** @type {[number, number][]} */
	const pairs = [];
	for (let d = 1; d < SWAPPERS; d++) {
		for (let o = 0; o < SWAPPERS; o++) pairs.push([(o + d) % SWAPPERS, o]);
	}
	pairs.sort(() => Math.random() - 0.5);
	let next = 0;
	/** One swap of the next pair: its status and milliseconds. */
	const swapOnce = async () => {
		const [s, o] = pairs[next++ % pairs.length] ?? [0, 1];
		const scanner = swappers[s];
		const owner = swappers[o];
		const started = performance.now();
		let status = 0;
		try {
			const reply = await swap(base, scanner?.token ?? '', owner?.swapToken ?? '');
			status = reply.status;
		} catch {
			status = 0;
		}
		return { status, ms: performance.now() - started };
	};

	// capacity: closed loop at concurrency 4 for 10 s
	let closedOk = 0;
	const until = Date.now() + 10_000;
	const closedStart = performance.now();
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			while (Date.now() < until) if ((await swapOnce()).status === 200) closedOk++;
		})
	);
	const capacity = closedOk / ((performance.now() - closedStart) / 1000);
	const rate = RATE > 0 ? RATE : capacity / 2;
	console.log(
		`PocketBase on ${base}: capacity ${capacity.toFixed(0)} swaps/s (closed loop, concurrency 4); ` +
			`soak at ${rate.toFixed(0)}/s for ${MINUTES} min with ${open.length} live streams open`
	);
	figure(`swaps/s capacity, ${STREAMS.toLocaleString('en-US')} live streams`, capacity, '/s', {
		note: `closed loop, concurrency 4, 10 s, ${open.length} streams open; the soak offers ${rate.toFixed(0)}/s`
	});

	/** @type {{ ok: number, errors: Record<string, number>, latencies: number[], dropped: number }[]} */
	const minutes = Array.from({ length: MINUTES }, () => ({
		ok: 0,
		errors: {},
		latencies: [],
		dropped: 0
	}));
	/** @type {Awaited<ReturnType<typeof memoryOf>>[]} */
	const memory = [];
	let inFlight = 0;
	const soakStart = performance.now();
	const soakEnd = soakStart + MINUTES * 60_000;
	let sent = 0;
	await new Promise((resolve) => {
		const tick = setInterval(() => {
			const now = performance.now();
			if (now >= soakEnd) {
				clearInterval(tick);
				resolve(undefined);
				return;
			}
			const minute = minutes[Math.floor((now - soakStart) / 60_000)];
			if (!minute) return;
			const due = Math.floor(((now - soakStart) / 1000) * rate);
			for (; sent < due; sent++) {
				if (inFlight >= MAX_IN_FLIGHT) {
					minute.dropped++;
					continue;
				}
				inFlight++;
				void swapOnce().then(({ status, ms }) => {
					inFlight--;
					if (status === 200) {
						minute.ok++;
						minute.latencies.push(ms);
					} else minute.errors[status] = (minute.errors[status] ?? 0) + 1;
				});
			}
		}, 20);
		const sampler = setInterval(() => {
			void sample().then((m) => memory.push(m));
			if (performance.now() >= soakEnd) clearInterval(sampler);
		}, 60_000);
	});
	while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
	if (memory.length < MINUTES) memory.push(await sample()); // the last minute's, at its end

	console.log(
		'minute  answered  errors            p95 ms  RSS MB  Go heap MB  Go sys MB  rest MB  SQLite conns  DB MB  log MB'
	);
	const cell = (/** @type {number | undefined} */ n, /** @type {number} */ width) =>
		(n ?? NaN).toFixed(0).padStart(width);
	minutes.forEach((m, i) => {
		const errors = Object.keys(m.errors).length ? JSON.stringify(m.errors) : '0';
		const dropped = m.dropped ? ` (+${m.dropped} not sent: ${MAX_IN_FLIGHT} in flight)` : '';
		const mem = memory[i];
		console.log(
			`${String(i + 1).padStart(6)}  ${String(m.ok).padStart(8)}  ${(errors + dropped).padEnd(16)}  ${cell(quantile(m.latencies, 0.95), 6)}` +
				`  ${cell(mem?.rss, 6)}  ${cell(mem?.goHeap, 10)}  ${cell(mem?.goSys, 9)}  ${cell((mem?.rss ?? NaN) - (mem?.goSys ?? NaN), 7)}  ${cell(mem?.connections, 12)}  ${cell(mem?.dbMb, 5)}  ${cell(mem?.auxMb, 6)}`
		);
	});
	const first = minutes[0];
	const last = minutes.at(-1);
	if (first && last) {
		const answered = last.ok / first.ok;
		const p95 = quantile(last.latencies, 0.95) / quantile(first.latencies, 0.95);
		const rss = (memory.at(-1)?.rss ?? NaN) / (memory[0]?.rss ?? NaN);
		const goHeap = (memory.at(-1)?.goHeap ?? NaN) / (memory[0]?.goHeap ?? NaN);
		console.log(
			`last ÷ first minute: answered ${answered.toFixed(2)}, p95 ${p95.toFixed(2)}, ` +
				`RSS ${rss.toFixed(2)}, Go heap ${goHeap.toFixed(2)} (flat: all near 1, no errors)`
		);
		const lastOf = `minute ${minutes.length} ÷ minute 1`;
		figure('swaps answered, last ÷ first minute', answered, '×', {
			note: `${last.ok} ÷ ${first.ok}`
		});
		figure('swap p95, last ÷ first minute', p95, '×', {
			note: `${lastOf}: ${quantile(last.latencies, 0.95).toFixed(0)} ms ÷ ${quantile(first.latencies, 0.95).toFixed(0)} ms`
		});
		figure("PocketBase's RSS, last ÷ first minute", rss, '×', {
			note: `${lastOf}: ${(memory.at(-1)?.rss ?? NaN).toFixed(0)} MB ÷ ${(memory[0]?.rss ?? NaN).toFixed(0)} MB`
		});
		figure('Go heap, last ÷ first minute', goHeap, '×', {
			note: `${lastOf}: ${(memory.at(-1)?.goHeap ?? NaN).toFixed(0)} MB ÷ ${(memory[0]?.goHeap ?? NaN).toFixed(0)} MB`
		});
	}
	const errors = minutes.reduce(
		(sum, m) => sum + Object.values(m.errors).reduce((a, b) => a + b, 0),
		0
	);
	const notSent = minutes.reduce((sum, m) => sum + m.dropped, 0);
	figure('swap errors over the soak', errors, '', {
		...atMost(errors, 0, ''),
		note:
			`${MINUTES} min at ${rate.toFixed(0)}/s with ${open.length} live streams` +
			(notSent ? `; ${notSent} not sent (${MAX_IN_FLIGHT} in flight)` : '')
	});
} finally {
	for (const s of open) s.close();
	await server.dispose();
}
