// Bench: draining a queue of offline changes into PocketBase, one request per change versus the
// sync engine's way (consecutive changes grouped into batch requests of up to 100, through the
// same SDK calls as src/lib/offline/push.ts). Removing a person is what the app sends: an update
// making the connection a tombstone (`deleted`; the records API refuses DELETE), so the server's
// record count includes the tombstones. Starts its own PocketBase on a temporary data
// folder and a free port with a signed-in user; prints time and request count; asserts nothing.
// Target (issue 4): 500 changes in ≤ 3 s with ≥ 10× fewer requests than one per change.
// Usage: node scripts/bench-sync.js [--sizes 100,500]
import PocketBase from 'pocketbase';
import { atLeast, atMost, figure } from './lib/bench-report.js';
import { startThrowawayPocketBase } from './lib/pocketbase.js';

const sizesArg = process.argv.indexOf('--sizes');
const SIZES = (sizesArg > 0 ? String(process.argv[sizesArg + 1]) : '100,500')
	.split(',')
	.map(Number);
const MAX_BATCH = 100;

/** A client-style id: 15 chars [a-z0-9]. */
function rid() {
	const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
	let out = '';
	for (let i = 0; i < 15; i++) out += abc[Math.floor(Math.random() * abc.length)];
	return out;
}

/**
 * @typedef {{ action: 'create' | 'update', id: string, body: Record<string, unknown> }} Change
 */

/** A queue like a conference day: new contacts, notes edited, a few removed. @param {number} n */
function queue(n) {
	/** @type {Change[]} */
	const changes = [];
	/** @type {string[]} */
	const live = [];
	for (let i = 0; i < n; i++) {
		const target = live[(i * 7) % Math.max(live.length, 1)];
		if (i % 10 < 6 || !target) {
			const id = rid();
			changes.push({ action: 'create', id, body: { id, memoryNote: `met #${i}` } });
			live.push(id);
		} else if (i % 10 < 9) {
			changes.push({ action: 'update', id: target, body: { memoryNote: `edited #${i}` } });
		} else {
			// removed: a tombstone, as src/lib/services/people.service.ts forgets a person
			changes.push({ action: 'update', id: target, body: { deleted: new Date().toISOString() } });
			live.splice(live.indexOf(target), 1);
		}
	}
	return changes;
}

/** @param {string} url */
async function signedInClient(url) {
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	const email = `bench-${rid()}@tend.test`;
	const password = 'bench-password-1';
	await pb.collection('users').create({ email, password, passwordConfirm: password });
	await pb.collection('users').authWithPassword(email, password);
	let requests = 0;
	pb.beforeSend = (u, options) => {
		requests++;
		return { url: u, options };
	};
	return { pb, requests: () => requests };
}

/** One request per change, in order. @param {PocketBase} pb @param {Change[]} changes */
async function onePerChange(pb, changes) {
	const records = pb.collection('connections');
	for (const c of changes) {
		if (c.action === 'create') await records.create(c.body);
		else await records.update(c.id, c.body);
	}
}

/** Batches of up to MAX_BATCH, in order, as the engine sends them. @param {PocketBase} pb @param {Change[]} changes */
async function batched(pb, changes) {
	for (let start = 0; start < changes.length; start += MAX_BATCH) {
		const batch = pb.createBatch();
		for (const c of changes.slice(start, start + MAX_BATCH)) {
			const records = batch.collection('connections');
			if (c.action === 'create') records.create(c.body);
			else records.update(c.id, c.body);
		}
		await batch.send();
	}
}

async function main() {
	const server = await startThrowawayPocketBase();
	const url = server.url;
	try {
		console.log(`PocketBase on ${url}; each row drains a fresh queue for a fresh signed-in user`);
		console.log('changes  way                 time      requests  server records');
		for (const n of SIZES) {
			/** @type {Record<string, {ms: number, requests: number}>} */
			const results = {};
			for (const [name, drain] of /** @type {const} */ ([
				['one request/change', onePerChange],
				['batches of 100', batched]
			])) {
				const { pb, requests } = await signedInClient(url);
				const changes = queue(n);
				const before = requests();
				const started = performance.now();
				await drain(pb, changes);
				const ms = performance.now() - started;
				const sent = requests() - before;
				const onServer = (await pb.collection('connections').getList(1, 1)).totalItems;
				results[name] = { ms, requests: sent };
				console.log(
					`${String(n).padStart(7)}  ${name.padEnd(18)} ${(ms / 1000).toFixed(3).padStart(6)} s  ${String(sent).padStart(8)}  ${onServer}`
				);
			}
			const one = results['one request/change'];
			const batch = results['batches of 100'];
			if (one && batch) {
				console.log(
					`         → batches: ${(one.requests / batch.requests).toFixed(0)}× fewer requests, ${(one.ms / batch.ms).toFixed(1)}× faster`
				);
				// the targets (issue 4) are for 500 changes
				const seconds = batch.ms / 1000;
				const fewer = one.requests / batch.requests;
				const faster = one.ms / batch.ms;
				figure(`outbox drain, ${n} changes, batched`, seconds, 's', {
					...(n === 500 ? atMost(seconds, 3, 's') : {}),
					note: `${batch.requests} requests, batches of ${MAX_BATCH}`
				});
				figure(`requests, one per change ÷ batched, ${n} changes`, fewer, '×', {
					...(n === 500 ? atLeast(fewer, 10, '×') : {}),
					note: `${one.requests} requests one per change ÷ ${batch.requests} in batches`
				});
				figure(`drain time, one per change ÷ batched, ${n} changes`, faster, '×', {
					note: `${(one.ms / 1000).toFixed(2)} s one per change ÷ ${seconds.toFixed(2)} s in batches`
				});
			}
		}
	} finally {
		await server.dispose();
	}
}

await main();
