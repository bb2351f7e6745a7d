// Bench: durability under kill -9. A bounded swap run (closed loop, --concurrency in flight, over
// loopback) against a PocketBase on a throwaway data folder; after a random 1–2.5 s of load (or
// --swaps acknowledged, whichever comes first) the server gets SIGKILL with swaps in flight. It is
// started again on the same folder and, once healthy, a superuser lists swaps, connections and
// met interactions: every swap the server acknowledged (200, answered before or even after the
// signal) must be there whole (the swap row, both connections with the ids it answered, a "met"
// on each side; docs/protocol.md, POST /api/tend/swaps). Swaps left unanswered by the kill are
// then sent again with the same ids, as the device's outbox does, and no pair may exist twice
// (exactly once: a second connection for one owner and card, a second swap row for one pair or a
// second "met" naming one connection each count as a duplicate). --kills rounds on the same data
// folder, each with fresh pairs; every check covers all swaps acknowledged so far.
// What it can and cannot see: a kill -9 loses the process, not the kernel's page cache, so this
// checks that the server answers only after its transaction committed, that WAL recovery keeps
// every commit and that replays stay harmless. A power loss (where synchronous=FULL in
// pocketbase/durability.go matters) is not simulated: with --normal (synchronous=NORMAL) the
// figures should read the same. Users are seeded in SQL and impersonated (no password hashing).
// Prints figures, asserts nothing.
// Usage: node scripts/bench-durability.js [--users 300] [--concurrency 16] [--kills 3] [--swaps 1500] [--normal]
import { rmSync } from 'node:fs';
import { atMost, figure } from './lib/bench-report.js';
import { requestJson as req } from './lib/http.js';
import { rid } from './lib/live-clients.js';
import {
	ensurePocketBaseOrExit,
	migrationsFolder,
	startThrowawayPocketBase
} from './lib/pocketbase.js';
import { SEED_MIGRATION, conferenceSeed, seededUserId } from './lib/seed-conference.js';

/** @param {string} name @param {number} fallback */
function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const USERS = arg('users', 300);
const CONCURRENCY = arg('concurrency', 16);
const KILLS = arg('kills', 3);
/** At most this many acknowledged swaps per round before the kill. */
const MAX_ACKS = arg('swaps', 1500);
/** The kill comes after a random time of load in [MIN_LOAD_S, MAX_LOAD_S]. */
const MIN_LOAD_S = 1;
const MAX_LOAD_S = arg('seconds', 2.5);
const NORMAL = process.argv.includes('--normal');

/** @typedef {{ id: string, token: string, swapToken: string, card: string }} User */

/**
 * One swap as this bench sent it, and what became of it: `acked` (200 naming it), `refused`
 * (another answer), `lost` (no answer: the connection died with the server).
 * @typedef {object} Attempt
 * @property {string} id            the client swap id
 * @property {string} connectionId  the scanner's connection id as the device chose it
 * @property {User} scanner
 * @property {User} owner           the card owner (scanned)
 * @property {string} scannedAt
 * @property {number} round
 * @property {'sent' | 'acked' | 'refused' | 'lost'} state
 * @property {number} [status]
 * @property {string} [connection]  the answer's scanner connection id
 * @property {string} [peer]        the answer's card owner connection id
 * @property {boolean} [atKill]     in flight when the signal was sent
 * @property {boolean} [resent]     sent again after the restart (it was lost)
 * @property {boolean} [isNew]      the answer's isNew
 */

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** Fisher–Yates, in place. @template T @param {T[]} list */
function shuffle(list) {
	for (let i = list.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[list[i], list[j]] = [/** @type {T} */ (list[j]), /** @type {T} */ (list[i])];
	}
	return list;
}

/**
 * Runs `jobs` with CONCURRENCY workers.
 * @param {Array<() => Promise<void>>} jobs
 */
async function pool(jobs) {
	let next = 0;
	const worker = async () => {
		while (next < jobs.length) await /** @type {() => Promise<void>} */ (jobs[next++])();
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Sends (or sends again) one swap and records its fate on `a`. @param {string} base @param {Attempt} a */
async function send(base, a) {
	try {
		const reply = await req(
			base,
			'POST',
			'/api/tend/swaps',
			{ id: a.id, connectionId: a.connectionId, token: a.owner.swapToken, scannedAt: a.scannedAt },
			a.scanner.token
		);
		a.status = reply.status;
		const swap = reply.json?.swap;
		if (reply.status === 200 && swap?.id === a.id) {
			a.state = 'acked';
			a.connection = swap.connection;
			a.peer = swap.peerConnection;
			a.isNew = reply.json.isNew;
		} else {
			a.state = 'refused';
		}
	} catch {
		a.state = 'lost';
	}
}

/**
 * Every record of a collection, as a superuser sees it.
 * @param {string} base @param {string} su @param {string} collection @param {string} fields
 * @param {string} [filter]
 * @returns {Promise<any[]>}
 */
async function listAll(base, su, collection, fields, filter) {
	const items = [];
	for (let page = 1; ; page++) {
		const query = new URLSearchParams({
			page: String(page),
			perPage: '1000',
			skipTotal: '1',
			sort: 'id',
			fields
		});
		if (filter) query.set('filter', filter);
		const reply = await req(
			base,
			'GET',
			`/api/collections/${collection}/records?${query}`,
			undefined,
			su
		);
		if (reply.status !== 200) {
			throw new Error(`listing ${collection}: ${reply.status} ${JSON.stringify(reply.json)}`);
		}
		items.push(...reply.json.items);
		if (reply.json.items.length < 1000) return items;
	}
}

/**
 * What the server holds after a restart, indexed for the checks.
 * @typedef {object} Snapshot
 * @property {Map<string, { owner: string, card: string, connection: string, peerConnection: string }>} swaps by id
 * @property {Map<string, string[]>} connections  connection ids by `${owner}|${card}` (live ones)
 * @property {Map<string, number>} mets  "met" interactions by `${owner}|${connection named}`
 * @property {Map<string, number>} swapsByPair  swap rows by unordered pair of users
 * @property {number} rows  records listed
 */

/** @param {string} base @param {string} su @param {Map<string, string>} ownerOfCard @returns {Promise<Snapshot>} */
async function snapshot(base, su, ownerOfCard) {
	const [swapRows, connectionRows, metRows] = await Promise.all([
		listAll(base, su, 'swaps', 'id,owner,card,connection,peerConnection'),
		listAll(base, su, 'connections', 'id,owner,card,deleted'),
		listAll(base, su, 'interactions', 'id,owner,people', "kind = 'met'")
	]);
	/** @type {Snapshot} */
	const snap = {
		swaps: new Map(),
		connections: new Map(),
		mets: new Map(),
		swapsByPair: new Map(),
		rows: swapRows.length + connectionRows.length + metRows.length
	};
	for (const s of swapRows) {
		snap.swaps.set(s.id, s);
		const pair = [s.owner, ownerOfCard.get(s.card) ?? s.card].sort().join('|');
		snap.swapsByPair.set(pair, (snap.swapsByPair.get(pair) ?? 0) + 1);
	}
	for (const c of connectionRows) {
		if (c.deleted) continue;
		const key = `${c.owner}|${c.card}`;
		snap.connections.set(key, [...(snap.connections.get(key) ?? []), c.id]);
	}
	for (const m of metRows) {
		for (const connection of Array.isArray(m.people) ? m.people : []) {
			const key = `${m.owner}|${connection}`;
			snap.mets.set(key, (snap.mets.get(key) ?? 0) + 1);
		}
	}
	return snap;
}

/**
 * Which of a swap's records exist. For an acknowledged swap, the ids must be those it answered.
 * @param {Attempt} a @param {Snapshot} snap
 */
function partsOf(a, snap) {
	const mine = snap.connections.get(`${a.scanner.id}|${a.owner.card}`) ?? [];
	const theirs = snap.connections.get(`${a.owner.id}|${a.scanner.card}`) ?? [];
	const row = snap.swaps.get(a.id);
	const acked = a.state === 'acked';
	const mineId = acked ? a.connection : mine[0];
	const theirsId = acked ? a.peer : theirs[0];
	const parts = {
		swap:
			!!row &&
			row.owner === a.scanner.id &&
			row.card === a.owner.card &&
			(!acked || (row.connection === a.connection && row.peerConnection === a.peer)),
		connection: !!mineId && mine.includes(mineId),
		peerConnection: !!theirsId && theirs.includes(theirsId),
		met: (snap.mets.get(`${a.scanner.id}|${mineId}`) ?? 0) > 0,
		peerMet: (snap.mets.get(`${a.owner.id}|${theirsId}`) ?? 0) > 0
	};
	const present = Object.entries(parts).filter(([, v]) => v);
	return {
		whole: present.length === 5,
		none: present.length === 0,
		absent: Object.entries(parts)
			.filter(([, v]) => !v)
			.map(([k]) => k)
	};
}

/** Extra records beyond one per swap, per owner and card, per met connection. @param {Snapshot} snap */
function duplicatesOf(snap) {
	let connections = 0;
	let swaps = 0;
	let mets = 0;
	for (const ids of snap.connections.values()) connections += ids.length - 1;
	for (const n of snap.swapsByPair.values()) swaps += n - 1;
	for (const n of snap.mets.values()) mets += n - 1;
	return { connections, swaps, mets, total: connections + swaps + mets };
}

ensurePocketBaseOrExit();
const began = performance.now();
const migrations = migrationsFolder({
	extra: { [SEED_MIGRATION]: conferenceSeed({ users: USERS, events: [] }) }
});
const server = await startThrowawayPocketBase({
	migrationsDir: migrations,
	env: NORMAL ? { TEND_DB_SYNCHRONOUS: 'normal' } : {}
});
const base = server.url;
/** True between the SIGKILL and the restart: dispose() would wait for an exit already past. */
let down = false;
try {
	const superuser = async () =>
		(
			await req(base, 'POST', '/api/collections/_superusers/auth-with-password', {
				identity: server.superuser.email,
				password: server.superuser.password
			})
		).json.token;
	let su = await superuser();
	await req(base, 'PATCH', '/api/settings', { rateLimits: { excludedIPs: ['127.0.0.1'] } }, su);
	const durability = (await req(base, 'GET', '/api/tend/ops/durability', undefined, su)).json;

	/** @type {User[]} */
	const users = [];
	await pool(
		Array.from({ length: USERS }, (_, i) => async () => {
			const id = seededUserId(i);
			const auth = await req(
				base,
				'POST',
				`/api/collections/users/impersonate/${id}`,
				{ duration: 3600 },
				su
			);
			const token = auth.json.token;
			await req(base, 'POST', '/api/collections/cards/records', { name: `Kill ${i}` }, token);
			const issued = (await req(base, 'GET', '/api/tend/token', undefined, token)).json;
			if (!issued.token) throw new Error(`user ${i}: no swap token (${JSON.stringify(issued)})`);
			users.push({ id, token, swapToken: issued.token, card: issued.cardId });
		})
	);
	/** @type {Map<string, string>} */
	const ownerOfCard = new Map(users.map((u) => [u.card, u.id]));
	// every unordered pair at most once in the whole run, each way round at random
	/** @type {[User, User][]} */
	const pairs = [];
	for (let i = 0; i < users.length; i++) {
		for (let j = i + 1; j < users.length; j++) {
			const a = /** @type {User} */ (users[i]);
			const b = /** @type {User} */ (users[j]);
			pairs.push(Math.random() < 0.5 ? [a, b] : [b, a]);
		}
	}
	shuffle(pairs);
	let nextPair = 0;
	console.log(
		`PocketBase on ${base}: ${users.length} users with cards in ${((performance.now() - began) / 1000).toFixed(1)} s; ` +
			`data.db synchronous=${durability.synchronous}, journal ${durability.journalMode}; concurrency ${CONCURRENCY}; ` +
			`${KILLS} kills, each after ${MIN_LOAD_S}–${MAX_LOAD_S} s of load or ${MAX_ACKS} acknowledged swaps`
	);

	/** @type {Attempt[]} */
	const attempts = [];
	/** Acknowledged swaps found missing or partial at any check, by id. */
	const missingIds = new Set();
	/** @type {string[]} */
	const missingDetails = [];
	let landed = 0;
	let lostTotal = 0;
	let partialLost = 0;
	let ackedBeforeKill = 0;
	let duplicates = { connections: 0, swaps: 0, mets: 0, total: 0 };
	/** @type {Record<string, number>} */
	const refused = {};

	for (let round = 1; round <= KILLS; round++) {
		const killAfterMs = (MIN_LOAD_S + Math.random() * (MAX_LOAD_S - MIN_LOAD_S)) * 1000;
		/** @type {Set<Attempt>} */
		const inFlight = new Set();
		let killed = false;
		let acked = 0;
		const started = performance.now();
		const worker = async () => {
			while (!killed) {
				const pair = pairs[nextPair++];
				if (!pair) return;
				/** @type {Attempt} */
				const a = {
					id: rid(),
					connectionId: rid(),
					scanner: pair[0],
					owner: pair[1],
					scannedAt: new Date().toISOString(),
					round,
					state: 'sent'
				};
				attempts.push(a);
				inFlight.add(a);
				await send(base, a);
				inFlight.delete(a);
				if (a.state === 'acked') acked++;
			}
		};
		const workers = Promise.all(Array.from({ length: CONCURRENCY }, worker));
		while (acked < MAX_ACKS && performance.now() - started < killAfterMs && nextPair < pairs.length)
			await sleep(2);
		// the kill: whatever has no answer yet is in flight
		const child = server.process();
		if (!child) throw new Error('no PocketBase process to kill');
		const atKill = [...inFlight];
		for (const a of atKill) a.atKill = true;
		killed = true;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		down = true;
		const loadSeconds = (performance.now() - started) / 1000;
		const ackedAtKill = acked;
		await exited;
		await workers;
		const killedAt = performance.now();
		await server.start();
		down = false;
		const backIn = (performance.now() - killedAt) / 1000;

		const mine = attempts.filter((a) => a.round === round);
		const answeredAfter = atKill.filter((a) => a.state === 'acked').length;
		const lost = mine.filter((a) => a.state === 'lost');
		for (const a of mine.filter((x) => x.state === 'refused')) {
			refused[String(a.status)] = (refused[String(a.status)] ?? 0) + 1;
		}
		ackedBeforeKill += mine.filter((a) => a.state === 'acked').length;
		lostTotal += lost.length;

		// every acknowledged swap so far (earlier rounds too) must be there, whole
		const checking = performance.now();
		su = await superuser();
		const snap = await snapshot(base, su, ownerOfCard);
		const ackedSoFar = attempts.filter((a) => a.state === 'acked');
		let missingNow = 0;
		for (const a of ackedSoFar) {
			const parts = partsOf(a, snap);
			if (parts.whole) continue;
			missingNow++;
			if (!missingIds.has(a.id)) {
				missingIds.add(a.id);
				missingDetails.push(
					`${a.id} (round ${a.round}${a.atKill ? ', answered after the signal' : ''}${a.resent ? ', re-sent' : ''}): no ${parts.absent.join(', ')}`
				);
			}
		}
		// the unanswered: landed whole, or not at all (a part of one would break the transaction)
		let landedNow = 0;
		let partialNow = 0;
		for (const a of lost) {
			const parts = partsOf(a, snap);
			if (parts.whole) landedNow++;
			else if (!parts.none) partialNow++;
		}
		landed += landedNow;
		partialLost += partialNow;

		// the outbox: the unanswered go again with the same ids; then nothing may exist twice
		const again = mine.filter((a) => a.state === 'lost' || (a.status ?? 0) >= 500);
		for (const a of again) a.resent = true;
		await pool(again.map((a) => () => send(base, a)));
		const resentOk = again.filter((a) => a.state === 'acked');
		const replays = resentOk.filter((a) => a.isNew === false).length;
		const after = again.length ? await snapshot(base, su, ownerOfCard) : snap;
		duplicates = duplicatesOf(after);
		const resentMissing = resentOk.filter((a) => !partsOf(a, after).whole).length;

		console.log(
			`kill ${round} after ${loadSeconds.toFixed(2)} s of load: ${ackedAtKill + answeredAfter} acknowledged ` +
				`(${answeredAfter} answered after the signal), ${atKill.length} in flight, ${lost.length} unanswered; ` +
				`back up in ${backIn.toFixed(2)} s`
		);
		console.log(
			`  after the restart: acknowledged missing ${missingNow} of ${ackedSoFar.length} (all rounds); ` +
				`unanswered that landed ${landedNow} of ${lost.length}, partial ${partialNow}; ` +
				`re-sent ${again.length}: ${resentOk.length} × 200 (${replays} replays), ${resentMissing} missing; ` +
				`duplicates ${duplicates.total} (${snap.rows} → ${after.rows} records, ` +
				`checked in ${((performance.now() - checking) / 1000).toFixed(1)} s)`
		);
	}

	const acknowledged = attempts.filter((a) => a.state === 'acked').length;
	const missing = missingIds.size;
	console.log(
		`acknowledged swaps missing after kill -9: ${missing} of ${acknowledged} ` +
			`(${ackedBeforeKill} before the kills, ${acknowledged - ackedBeforeKill} re-sent) over ${KILLS} kill${KILLS === 1 ? '' : 's'} (target 0)`
	);
	for (const line of missingDetails.slice(0, 10)) console.log(`  missing ${line}`);
	console.log(
		`in flight unanswered at the kills: ${lostTotal}, of which landed ${landed} (informational), partial ${partialLost} (must be 0)`
	);
	console.log(
		`duplicate swaps after restart and re-send: ${duplicates.total} ` +
			`(connections ${duplicates.connections}, swap rows ${duplicates.swaps}, met ${duplicates.mets}; target 0)` +
			(Object.keys(refused).length ? `; refused answers ${JSON.stringify(refused)}` : '')
	);
	console.log(`total ${((performance.now() - began) / 1000).toFixed(1)} s`);
	const sync = `synchronous=${durability.synchronous}`;
	figure('acknowledged swaps missing after kill -9', missing, '', {
		...atMost(missing, 0, ''),
		note: `of ${acknowledged} acknowledged over ${KILLS} SIGKILLs on one data folder, ${sync}; partial unanswered ${partialLost}`
	});
	figure('swaps acknowledged before the kill', ackedBeforeKill, '', {
		note: `over ${KILLS} kills, concurrency ${CONCURRENCY}; ${lostTotal} in flight unanswered, ${landed} of them landed`
	});
	figure('duplicate swaps after restart', duplicates.total, '', {
		...atMost(duplicates.total, 0, ''),
		note: `after re-sending the unanswered with the same ids; connections ${duplicates.connections}, swap rows ${duplicates.swaps}, met ${duplicates.mets}`
	});
} finally {
	if (down) rmSync(server.dataDir, { recursive: true, force: true });
	else await server.dispose();
	rmSync(migrations, { recursive: true, force: true });
}
