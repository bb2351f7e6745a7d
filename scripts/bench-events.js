// Bench: joins/s through POST /api/tend/events/join into an empty event, next to joins into one
// that already has 10,000 members, measured in the same run on loopback (alternating chunks, so
// other load on the machine weighs on both alike), and the time of the first hundred joins into
// the empty event next to a hundred into the full one (the "within 2×"). The 10,000 are
// seeded the old way in one SQL statement and moved into event_members by the real migration
// (scripts/lib/seed-conference.js); the joiners are seeded too, and the superuser impersonates
// them. Loopback is not excluded from rate limits: every join pays the per-IP budget's check.
// Prints figures, asserts nothing.
// Usage: node scripts/bench-events.js [--members 10000] [--joins 1000] [--concurrency 16]
import { rmSync } from 'node:fs';
import { atLeast, atMost, figure } from './lib/bench-report.js';
import { requestJson } from './lib/http.js';
import { migrationsFolder, startThrowawayPocketBase } from './lib/pocketbase.js';
import { SEED_MIGRATION, conferenceSeed, seededUserId } from './lib/seed-conference.js';

/** @param {string} name @param {number} fallback */
function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const MEMBERS = arg('members', 10_000);
const JOINS = arg('joins', 1000); // into each event
const CONCURRENCY = arg('concurrency', 16);
const HUNDRED = 100;

// user 0 organises both; 1 … MEMBERS are in FULL; then the joiners of EMPTY, then those of FULL
const EMPTY = { id: 'benchemptyevent', name: 'Empty', joinCode: 'MPTYVNT2', organiser: 0 };
const FULL = { id: 'benchfullevent1', name: 'Full', joinCode: 'FLLVNT23', organiser: 0 };
const firstJoiner = MEMBERS + 1;
const users = firstJoiner + 2 * (JOINS + HUNDRED);

/**
 * Runs `jobs` with CONCURRENCY workers; returns ok count, errors by status and seconds.
 * @param {Array<() => Promise<number>>} jobs each resolves to an HTTP status
 */
async function load(jobs) {
	let next = 0;
	let ok = 0;
	/** @type {Record<string, number>} */
	const errors = {};
	const started = performance.now();
	const worker = async () => {
		while (next < jobs.length) {
			const job = /** @type {() => Promise<number>} */ (jobs[next++]);
			const status = await job();
			if (status === 200) ok++;
			else errors[status] = (errors[status] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return { ok, errors, seconds: (performance.now() - started) / 1000 };
}

/** @typedef {{ ok: number, errors: Record<string, number>, seconds: number }} Totals */

/** Adds one run to running totals. @param {Totals} total @param {Totals} run */
function add(total, run) {
	total.ok += run.ok;
	total.seconds += run.seconds;
	for (const [k, v] of Object.entries(run.errors)) total.errors[k] = (total.errors[k] ?? 0) + v;
}

/** Prints one figure line; returns joins/s. @param {string} label @param {Totals} r */
function report(label, r) {
	const rate = r.ok / r.seconds;
	const errs = Object.keys(r.errors).length ? ` errors ${JSON.stringify(r.errors)}` : '';
	console.log(
		`${label.padEnd(44)} ${String(r.ok).padStart(5)} in ${r.seconds.toFixed(2)} s = ${rate.toFixed(0)}/s${errs}`
	);
	return rate;
}

const migrations = migrationsFolder({
	extra: {
		[SEED_MIGRATION]: conferenceSeed({
			users,
			events: [
				{ ...EMPTY, members: [0, 0] },
				{ ...FULL, members: [1, MEMBERS + 1] }
			]
		})
	}
});
const seeding = performance.now();
const server = await startThrowawayPocketBase({ migrationsDir: migrations });
const base = server.url;
try {
	console.log(
		`PocketBase on ${base}: ${users} users seeded and ${MEMBERS} members migrated in ` +
			`${((performance.now() - seeding) / 1000).toFixed(1)} s; concurrency ${CONCURRENCY}`
	);
	const su = (
		await requestJson(base, 'POST', '/api/collections/_superusers/auth-with-password', {
			identity: server.superuser.email,
			password: server.superuser.password
		})
	).json.token;

	/** Tokens of seeded users [from, to), by superuser impersonation. */
	const tokensOf = async (/** @type {number} */ from, /** @type {number} */ to) => {
		/** @type {string[]} */
		const tokens = [];
		await load(
			Array.from({ length: to - from }, (_, k) => async () => {
				const reply = await requestJson(
					base,
					'POST',
					`/api/collections/users/impersonate/${seededUserId(from + k)}`,
					{ duration: 3600 },
					su
				);
				tokens[k] = reply.json.token;
				return reply.status;
			})
		);
		return tokens;
	};
	const emptyJoiners = await tokensOf(firstJoiner, firstJoiner + JOINS + HUNDRED);
	const fullJoiners = await tokensOf(firstJoiner + JOINS + HUNDRED, users);

	/** One join per token into the event with `code`. */
	const joins = (/** @type {string[]} */ tokens, /** @type {string} */ code) =>
		tokens.map(
			(token) => async () =>
				(await requestJson(base, 'POST', '/api/tend/events/join', { code }, token)).status
		);

	// The first hundred into the empty event, then a hundred into the one with MEMBERS.
	const firstHundred = await load(joins(emptyJoiners.slice(0, HUNDRED), EMPTY.joinCode));
	const hundredMore = await load(joins(fullJoiners.slice(0, HUNDRED), FULL.joinCode));

	const chunk = Math.ceil(JOINS / 5);
	/** @type {{ empty: Totals, full: Totals }} */
	const total = {
		empty: { ok: 0, errors: {}, seconds: 0 },
		full: { ok: 0, errors: {}, seconds: 0 }
	};
	const intoEmpty = joins(emptyJoiners.slice(HUNDRED), EMPTY.joinCode);
	const intoFull = joins(fullJoiners.slice(HUNDRED), FULL.joinCode);
	for (let i = 0; i < JOINS; i += chunk) {
		add(total.empty, await load(intoEmpty.slice(i, i + chunk)));
		add(total.full, await load(intoFull.slice(i, i + chunk)));
	}
	const emptyRate = report(`joins into an empty event (to ${JOINS + HUNDRED})`, total.empty);
	const fullRate = report(`joins into an event with ${MEMBERS + HUNDRED}+ members`, total.full);
	console.log(`full ÷ empty = ${(fullRate / emptyRate).toFixed(2)} (target: ≥ 0.5)`);
	const firstMs = firstHundred.seconds * 1000;
	const moreMs = hundredMore.seconds * 1000;
	console.log(
		`first ${HUNDRED} joins into the empty event ${firstMs.toFixed(0)} ms, ${HUNDRED} into the ` +
			`one with ${MEMBERS} ${moreMs.toFixed(0)} ms: ${(moreMs / firstMs).toFixed(2)}× (target: ≤ 2×)`
	);
	const members = MEMBERS.toLocaleString('en-US');
	figure('joins/s, empty event', emptyRate, '/s', { note: `concurrency ${CONCURRENCY}` });
	figure(`joins/s, event with ${members} members`, fullRate, '/s', {
		note: `concurrency ${CONCURRENCY}`
	});
	const rateRatio = fullRate / emptyRate;
	figure(`joins/s, ${members} members ÷ empty`, rateRatio, '×', {
		...atLeast(rateRatio, 0.5, '×'),
		note: `${fullRate.toFixed(0)}/s into the event with ${members} ÷ ${emptyRate.toFixed(0)}/s into the empty one, alternating chunks`
	});
	const timeRatio = moreMs / firstMs;
	figure(`time of ${HUNDRED} joins, ${members} members ÷ empty`, timeRatio, '×', {
		...atMost(timeRatio, 2, '×'),
		note: `${moreMs.toFixed(0)} ms for ${HUNDRED} into the event with ${members} ÷ ${firstMs.toFixed(0)} ms for the first ${HUNDRED} into the empty one`
	});
} finally {
	await server.dispose();
	rmSync(migrations, { recursive: true, force: true });
}
