// Bench: swaps/s through POST /api/tend/swaps against plain record creates/s into a collection
// with an owner rule (`decisions`), measured in the same run on loopback. Starts its own
// PocketBase on a temporary data folder and a free port; bounded (count and time); prints figures,
// asserts nothing. Then the same swaps with synchronous=FULL (Tend's) and NORMAL (PocketBase's
// default) side by side. Usage: node scripts/bench-swaps.js [--swaps 3000] [--users 64] [--concurrency 24]
import { atLeast, figure } from './lib/bench-report.js';
import { requestJson } from './lib/http.js';
import { startThrowawayPocketBase } from './lib/pocketbase.js';

/** @param {string} name @param {number} fallback */
function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const SWAPS = arg('swaps', 3000);
const USERS = arg('users', 64);
const CONCURRENCY = arg('concurrency', 24);
const MAX_SECONDS = arg('seconds', 20);
/** JS runtimes kept warm: a request that finds none free builds a one-off runtime (slow). */

/** A client-style id. */
function rid() {
	const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
	let out = '';
	for (let i = 0; i < 15; i++) out += abc[Math.floor(Math.random() * abc.length)];
	return out;
}

const req = requestJson;

/**
 * Runs `jobs` with `concurrency` workers until done or the deadline; returns ok count, errors, seconds.
 * @param {Array<() => Promise<number>>} jobs each resolves to an HTTP status
 */
async function load(jobs) {
	const deadline = Date.now() + MAX_SECONDS * 1000;
	let next = 0;
	let ok = 0;
	/** @type {Record<string, number>} */
	const errors = {};
	const started = performance.now();
	const worker = async () => {
		while (next < jobs.length && Date.now() < deadline) {
			const job = /** @type {() => Promise<number>} */ (jobs[next++]);
			const status = await job();
			if (status === 200) ok++;
			else errors[status] = (errors[status] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return { ok, errors, seconds: (performance.now() - started) / 1000 };
}

/** Creates the users with cards and tokens; returns [{ token, swapToken }]. */
async function makeUsers(
	/** @type {string} */ base,
	/** @type {{ email: string, password: string }} */ admin
) {
	const su = await req(base, 'POST', '/api/collections/_superusers/auth-with-password', {
		identity: admin.email,
		password: admin.password
	});
	await req(
		base,
		'PATCH',
		'/api/settings',
		{ rateLimits: { excludedIPs: ['127.0.0.1'] } },
		su.json.token
	);
	const users = [];
	for (let i = 0; i < USERS; i++) {
		const email = `bench${i}@tend.test`;
		await req(base, 'POST', '/api/collections/users/records', {
			email,
			password: 'bench-user-password',
			passwordConfirm: 'bench-user-password'
		});
		const auth = await req(base, 'POST', '/api/collections/users/auth-with-password', {
			identity: email,
			password: 'bench-user-password'
		});
		const token = auth.json.token;
		await req(
			base,
			'POST',
			'/api/collections/cards/records',
			{ name: `Bench ${i}`, headline: 'Benchmarking', company: 'Tend' },
			token
		);
		const swapToken = (await req(base, 'GET', '/api/tend/token', undefined, token)).json.token;
		users.push({ token, swapToken });
	}
	return users;
}

/** Prints one figure line. @param {string} label @param {{ ok: number, errors: Record<string, number>, seconds: number }} r */
function report(label, r) {
	const rate = r.ok / r.seconds;
	const errs = Object.keys(r.errors).length ? ` errors ${JSON.stringify(r.errors)}` : '';
	console.log(
		`${label.padEnd(34)} ${String(r.ok).padStart(5)} in ${r.seconds.toFixed(2)} s = ${rate.toFixed(0)}/s${errs}`
	);
	return rate;
}

/**
 * The swap jobs for a server's users: every ordered pair once (shuffled), up to SWAPS.
 * @param {string} base @param {{ token: string, swapToken: string }[]} users
 */
function swapJobs(base, users) {
	const n = users.length;
	const pairs = [];
	for (let d = 1; d < n && pairs.length < SWAPS; d++) {
		for (let o = 0; o < n && pairs.length < SWAPS; o++) pairs.push([(o + d) % n, o]);
	}
	pairs.sort(() => Math.random() - 0.5);
	return pairs.map(([s, o]) => {
		const scanner = /** @type {{ token: string }} */ (users[/** @type {number} */ (s)]);
		const owner = /** @type {{ swapToken: string }} */ (users[/** @type {number} */ (o)]);
		return async () =>
			(
				await req(
					base,
					'POST',
					'/api/tend/swaps',
					{
						id: rid(),
						connectionId: rid(),
						token: owner.swapToken,
						scannedAt: new Date().toISOString()
					},
					scanner.token
				)
			).status;
	});
}

/** @typedef {{ ok: number, errors: Record<string, number>, seconds: number }} Totals */

/**
 * Runs two job lists in alternating chunks (so that other load on the machine weighs on both
 * figures alike) and returns the totals of each.
 * @param {[string, Array<() => Promise<number>>][]} kinds
 */
async function alternate(kinds) {
	const chunk = Math.ceil(SWAPS / 6);
	/** @type {Record<string, Totals>} */
	const total = Object.fromEntries(kinds.map(([k]) => [k, { ok: 0, errors: {}, seconds: 0 }]));
	for (let i = 0; i < SWAPS; i += chunk) {
		for (const [kind, jobs] of kinds) {
			const r = await load(jobs.slice(i, i + chunk));
			const t = /** @type {Totals} */ (total[kind]);
			t.ok += r.ok;
			t.seconds += r.seconds;
			for (const [k, v] of Object.entries(r.errors)) t.errors[k] = (t.errors[k] ?? 0) + v;
		}
	}
	return total;
}

const server = await startThrowawayPocketBase();
const base = server.url;
try {
	const users = await makeUsers(base, server.superuser);
	const n = users.length;
	const creates = Array.from({ length: SWAPS }, (_, i) => {
		const u = /** @type {{ token: string }} */ (users[i % n]);
		return async () =>
			(
				await req(
					base,
					'POST',
					'/api/collections/decisions/records',
					{ id: rid(), promptId: `p-${i}`, state: 'done' },
					u.token
				)
			).status;
	});
	console.log(
		`PocketBase on ${base}: ${n} users, concurrency ${CONCURRENCY}, hooksPool 50, at most ${MAX_SECONDS} s per chunk`
	);
	const total = await alternate([
		['creates', creates],
		['swaps', swapJobs(base, users)]
	]);
	const createRate = report(
		'plain creates (decisions, owner rule)',
		/** @type {Totals} */ (total.creates)
	);
	const swapRate = report(
		'swaps (2 connections, 2 met, 1 swap)',
		/** @type {Totals} */ (total.swaps)
	);
	console.log(
		`swaps/s ÷ creates/s = ${(swapRate / createRate).toFixed(2)} (targets: ≥ 500 swaps/s, ≥ 0.5)`
	);
	const setup = `${n} users, concurrency ${CONCURRENCY}, loopback`;
	/** @param {Totals} t */
	const errorsOf = (t) =>
		Object.keys(t.errors).length ? `; errors ${JSON.stringify(t.errors)}` : '';
	figure('swaps/s', swapRate, '/s', {
		...atLeast(swapRate, 500, '/s'),
		note: `POST /api/tend/swaps, ${setup}${errorsOf(/** @type {Totals} */ (total.swaps))}`
	});
	figure('plain creates/s', createRate, '/s', {
		note: `decisions (owner rule), ${setup}${errorsOf(/** @type {Totals} */ (total.creates))}`
	});
	const ratio = swapRate / createRate;
	figure('swaps/s ÷ plain creates/s', ratio, '×', {
		...atLeast(ratio, 0.5, '×'),
		note: 'POST /api/tend/swaps ÷ creates into decisions (owner rule), same run, alternating'
	});

	// Durability: the same swaps on a second server with PocketBase's default synchronous=NORMAL
	// (commits not fsynced), alternating with this one (synchronous=FULL, pocketbase/durability.go).
	const normal = await startThrowawayPocketBase({ env: { TEND_DB_SYNCHRONOUS: 'normal' } });
	try {
		const normalUsers = await makeUsers(normal.url, normal.superuser);
		const side = await alternate([
			['full', swapJobs(base, users)],
			['normal', swapJobs(normal.url, normalUsers)]
		]);
		const fullRate = report('swaps, synchronous=FULL (default)', /** @type {Totals} */ (side.full));
		const normalRate = report('swaps, synchronous=NORMAL', /** @type {Totals} */ (side.normal));
		console.log(
			`swaps/s with FULL ÷ with NORMAL = ${(fullRate / normalRate).toFixed(2)} (the price of acknowledged = on disk)`
		);
		figure('swaps/s, synchronous FULL ÷ NORMAL', fullRate / normalRate, '×', {
			note:
				`${fullRate.toFixed(0)}/s with FULL (Tend's) ÷ ${normalRate.toFixed(0)}/s with NORMAL ` +
				"(PocketBase's default), two servers, alternating"
		});
	} finally {
		await normal.dispose();
	}
} finally {
	await server.dispose();
}
