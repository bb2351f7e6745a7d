// Bench: what connected phones cost a swap, now that live updates are per-user notices
// (pocketbase/live.go). Swaps/s (closed loop) with 0, 1,000 and 3,000 live streams open, each
// ratio to 0 in the same run; the p50/p95 time from a swap's answer to the notice on the card
// owner's stream while 3,000 streams are open; and the time for 3,000 streams from one IP to be
// back (hello received) after a restart, reconnecting with the device's jittered waits. Streams
// belong to users 8 at a time (the most one user may hold), which is the worst case per user.
// The swappers sign up through the API (with cards); the crowd that only holds streams is seeded in
// one SQL statement (scripts/lib/seed-conference.js) and signed in by superuser impersonation,
// since signing up hundreds through the API is a minute of password hashing that measures nothing.
// Starts its own PocketBase; bounded; prints figures, asserts nothing.
// Usage: node scripts/bench-live.js [--streams 3000] [--swaps 600] [--concurrency 4]
import { rmSync } from 'node:fs';
import {
	loopbackLimits,
	makeUsers,
	quantile,
	reconnectIntervalsOf,
	stream,
	swap
} from './lib/live-clients.js';
import { atLeast, atMost, figure } from './lib/bench-report.js';
import { requestJson } from './lib/http.js';
import { migrationsFolder, startThrowawayPocketBase } from './lib/pocketbase.js';
import { SEED_MIGRATION, conferenceSeed, seededUserId } from './lib/seed-conference.js';

/** @param {string} name @param {number} fallback */
function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const MAX_STREAMS = arg('streams', 3000);
const SWAPS = arg('swaps', 600);
const CONCURRENCY = arg('concurrency', 4);
const PER_USER = 8;
const SWAPPERS = 80;
const CROWD = Math.ceil(MAX_STREAMS / PER_USER);

const migrations = migrationsFolder({
	extra: { [SEED_MIGRATION]: conferenceSeed({ users: CROWD, events: [] }) }
});
const server = await startThrowawayPocketBase({ migrationsDir: migrations });
const base = server.url;
/** @type {ReturnType<typeof stream>[]} */
const open = [];
try {
	const limits = await loopbackLimits(server);
	await limits(false);
	const swappers = await makeUsers(base, SWAPPERS, true);
	const su = (
		await requestJson(base, 'POST', '/api/collections/_superusers/auth-with-password', {
			identity: server.superuser.email,
			password: server.superuser.password
		})
	).json.token;
	/** @type {{ token: string }[]} */
	const crowd = [];
	for (let i = 0; i < CROWD; i += 8) {
		const batch = Array.from({ length: Math.min(8, CROWD - i) }, async (_, k) => {
			const reply = await requestJson(
				base,
				'POST',
				`/api/collections/users/impersonate/${seededUserId(i + k)}`,
				{ duration: 3600 },
				su
			);
			if (reply.status !== 200) throw new Error(`impersonate: ${reply.status}`);
			return { token: String(reply.json.token) };
		});
		crowd.push(...(await Promise.all(batch)));
	}
	// the per-IP limits are on again: 3,000 phones behind one venue NAT
	await limits(true);

	/** Opens crowd streams until `count` are open and have said hello. */
	const openStreams = async (/** @type {number} */ count) => {
		while (open.length < count) {
			const user = crowd[Math.floor(open.length / PER_USER)];
			if (!user) break;
			open.push(stream(base, user.token, reconnectIntervalsOf(Math.random)));
		}
		while (open.some((s) => s.state.hellos === 0)) await new Promise((r) => setTimeout(r, 50));
	};

	// Notice latency: each swapper's stream notes when its notices arrive.
	/** @type {Map<string, number[]>} */
	const arrivals = new Map();
	const swapperStreams = swappers.map((u) => {
		arrivals.set(u.id, []);
		return stream(base, u.token, reconnectIntervalsOf(Math.random), (at) =>
			arrivals.get(u.id)?.push(at)
		);
	});
	while (swapperStreams.some((s) => s.state.hellos === 0))
		await new Promise((r) => setTimeout(r, 50));

	// every ordered pair once: a second swap of the same two people creates nothing (no notice)
	/** @type {[number, number][]} */
	const pairs = [];
	for (let d = 1; d < SWAPPERS; d++) {
		for (let o = 0; o < SWAPPERS; o++) pairs.push([(o + d) % SWAPPERS, o]);
	}
	let pair = 0;
	/** Closed-loop swaps for at most `seconds`; the latency from each answer to the owner's notice. */
	const swapRun = async (/** @type {number} */ count, seconds = 20) => {
		/** @type {number[]} */
		const latencies = [];
		/** @type {Record<number, number>} */
		const statuses = {};
		/** @type {number[]} */
		const fromSent = [];
		let ok = 0;
		let next = 0;
		const deadline = Date.now() + seconds * 1000;
		const started = performance.now();
		const worker = async () => {
			while (next < count && Date.now() < deadline) {
				next++;
				const [s, o] = pairs[pair++ % pairs.length] ?? [0, 1];
				const scanner = swappers[s];
				const owner = swappers[o];
				if (!scanner || !owner) continue;
				const before = arrivals.get(owner.id)?.length ?? 0;
				const sentAt = performance.now();
				const reply = await swap(base, scanner.token, owner.swapToken);
				const answered = performance.now();
				statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
				if (reply.status !== 200) continue;
				ok++;
				// the owner's notice: the first arrival after this swap was sent
				const heard = arrivals.get(owner.id) ?? [];
				for (let t = 0; t < 200 && heard.length <= before; t++)
					await new Promise((r) => setTimeout(r, 5));
				const at = heard[before];
				if (at !== undefined) {
					latencies.push(Math.max(0, at - answered));
					fromSent.push(at - sentAt);
				}
			}
		};
		await Promise.all(Array.from({ length: CONCURRENCY }, worker));
		return { rate: ok / ((performance.now() - started) / 1000), latencies, fromSent, statuses };
	};

	console.log(
		`PocketBase on ${base}: ${SWAPPERS} swapping users, concurrency ${CONCURRENCY}, up to ${SWAPS} swaps per step, streams ${PER_USER} per user`
	);
	await swapRun(40); // warm-up
	/** @type {{ streams: number, rate: number, p95: number, sentP95: number, statuses: object }[]} */
	const rows = [];
	const step = async () => {
		const { rate, latencies, fromSent, statuses } = await swapRun(SWAPS);
		rows.push({
			streams: open.filter((s) => !s.state.closed).length,
			rate,
			p95: quantile(latencies, 0.95),
			sentP95: quantile(fromSent, 0.95),
			statuses
		});
	};
	await step();
	for (const count of [1000, MAX_STREAMS]) {
		await openStreams(count);
		await step();
	}
	// none again, after closing them (the database has grown meanwhile: both "none" count)
	const parked = open.splice(0);
	for (const s of parked) s.close();
	await step();
	const zero = ((rows[0]?.rate ?? NaN) + (rows.at(-1)?.rate ?? NaN)) / 2;
	for (const row of rows) {
		const failed = Object.entries(row.statuses).filter(([k]) => k !== '200');
		console.log(
			`${String(row.streams).padStart(5)} streams open: ${row.rate.toFixed(0).padStart(4)} swaps/s = ${(row.rate / zero).toFixed(2)} × none; ` +
				`owner's notice p95 ${row.p95.toFixed(0)} ms after the answer, ${row.sentP95.toFixed(0)} ms after sending` +
				(failed.length ? `; failed ${JSON.stringify(Object.fromEntries(failed))}` : '')
		);
	}
	console.log(
		'(× none: to the mean of the runs before and after; targets ≥ 0.8 at 1,000 and 3,000, notice p95 ≤ 1 s)'
	);
	const none = 'mean of the runs with none open before and after';
	figure('swaps/s, no live streams', zero, '/s', { note: `${none}, concurrency ${CONCURRENCY}` });
	for (const [i, count] of /** @type {const} */ ([
		[1, 1000],
		[2, MAX_STREAMS]
	])) {
		const row = rows[i];
		if (!row) continue;
		const streams = count.toLocaleString('en-US');
		figure(`swaps/s, ${streams} live streams`, row.rate, '/s', {
			note: `${row.streams} streams open, concurrency ${CONCURRENCY}`
		});
		const ratio = row.rate / zero;
		figure(`swaps/s, ${streams} streams ÷ none`, ratio, '×', {
			...atLeast(ratio, 0.8, '×'),
			note: `swaps/s with ${row.streams} streams open ÷ ${none}`
		});
		if (count === MAX_STREAMS) {
			figure(`owner's notice after swap, p95, ${streams} streams`, row.p95, 'ms', {
				...atMost(row.p95, 1000, 'ms'),
				note: `from the swap's answer to the notice on the owner's stream; ${row.sentP95.toFixed(0)} ms from sending`
			});
		}
	}

	// A restart with every stream open: how long until all are back (hello again), from one IP.
	await openStreams(MAX_STREAMS);
	const hellosBefore = open.map((s) => s.state.hellos);
	await server.stop();
	const stopped = performance.now();
	await server.start();
	const up = performance.now();
	const deadline = Date.now() + 60_000;
	while (open.some((s, i) => s.state.hellos <= (hellosBefore[i] ?? 0)) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 50));
	}
	const back = open.filter((s, i) => s.state.hellos > (hellosBefore[i] ?? 0));
	const last = Math.max(...back.map((s) => s.state.lastHelloAt));
	console.log(
		`restart: ${back.length} of ${open.length} streams back ${((last - up) / 1000).toFixed(1)} s after the server was up ` +
			`(${((last - stopped) / 1000).toFixed(1)} s after it stopped; target ≤ 15 s)`
	);
	const backIn = (last - up) / 1000;
	figure('all streams back after a restart', backIn, 's', {
		...atMost(backIn, 15, 's'),
		// not all back within 60 s: the target is missed whatever the last one's time
		...(back.length < open.length ? { met: false } : {}),
		note: `${back.length} of ${open.length} streams from one IP, after the server was up`
	});
	for (const s of swapperStreams) s.close();
} finally {
	for (const s of open) s.close();
	await server.dispose();
	rmSync(migrations, { recursive: true, force: true });
}
