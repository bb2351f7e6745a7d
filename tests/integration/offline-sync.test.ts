// The device's sync engine against the real PocketBase: a queue built offline drains through the
// batch API exactly once, a swap goes through its route, and PocketBase restarting in the middle
// of a drain (some batches committed, one maybe committed without a reply) loses and duplicates
// nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { getRecord, openLocalStore } from '../../src/lib/offline/local-store';
import { listOutbox } from '../../src/lib/offline/outbox';
import { newRecordId } from '../../src/lib/offline/record-id';
import { SyncEngine } from '../../src/lib/offline/sync-engine';
import { newPerson, newUser, restartPocketBase, tokenOf } from '../support/pb-harness';

let dbCount = 0;

async function deviceFor(pb: PocketBase) {
	const db = await openLocalStore(`tend-integration-${++dbCount}-${Date.now()}`);
	const engine = new SyncEngine({
		db,
		pb,
		collections: ['connections', 'interactions'],
		timeoutMs: 10_000,
		isRetryScheduled: false
	});
	return { db, engine };
}

interface Queued {
	connections: Map<string, string | null>; // id → final memoryNote, null when forgotten
	interactions: Map<string, string>; // id → the connection it names
	live: string[];
}

/** Queues `count` changes offline: creates, updates, notes naming connections, some deletes. */
async function queueChanges(
	engine: SyncEngine,
	count: number,
	queued: Queued = { connections: new Map(), interactions: new Map(), live: [] }
): Promise<Queued> {
	const { live } = queued;
	for (let i = 0; i < count; i++) {
		const roll = i % 10;
		const target = live[(i * 7) % Math.max(live.length, 1)];
		if (roll < 4 || !target) {
			const id = newRecordId();
			const note = `met #${i}`;
			await engine.write({
				action: 'create',
				collection: 'connections',
				record: { id, memoryNote: note }
			});
			queued.connections.set(id, note);
			live.push(id);
		} else if (roll < 8) {
			const note = `updated #${i}`;
			await engine.write({
				action: 'update',
				collection: 'connections',
				record: { id: target, memoryNote: note }
			});
			queued.connections.set(target, note);
		} else if (roll < 9) {
			const id = newRecordId();
			const record = {
				id,
				kind: 'note',
				text: `note #${i}`,
				at: new Date().toISOString(),
				people: [target]
			};
			await engine.write({ action: 'create', collection: 'interactions', record });
			queued.interactions.set(id, target);
		} else {
			// Forgetting is a tombstone (the records API refuses DELETE): the server blanks it and
			// tombstones the notes that named only this connection.
			const deleted = new Date().toISOString();
			await engine.write({
				action: 'update',
				collection: 'connections',
				record: { id: target, deleted },
				body: { deleted }
			});
			queued.connections.set(target, null);
			live.splice(live.indexOf(target), 1);
		}
	}
	return queued;
}

async function expectExactlyOnce(
	pb: PocketBase,
	queued: Queued,
	extraConnections = 0
): Promise<void> {
	const all = await pb.collection('connections').getFullList({ requestKey: null });
	const connections = all.filter((c) => !c.deleted);
	const alive = [...queued.connections].filter(([, note]) => note !== null);
	expect(connections).toHaveLength(alive.length + extraConnections);
	const byId = new Map(connections.map((c) => [c.id, c]));
	for (const [id, note] of alive) expect(byId.get(id)?.memoryNote).toBe(note);
	const forgotten = [...queued.connections].filter(([, note]) => note === null).map(([id]) => id);
	expect(
		all
			.filter((c) => c.deleted)
			.map((c) => c.id)
			.sort()
	).toEqual(forgotten.sort());
	// A swap adds the server's own "met" interaction; every queued note is there exactly once,
	// as a tombstone when the person it named was forgotten.
	const interactions = await pb.collection('interactions').getFullList({ requestKey: null });
	const notes = interactions.filter((r) => r.kind === 'note');
	expect(notes.map((r) => r.id).sort()).toEqual([...queued.interactions.keys()].sort());
	const isForgotten = (id: string) =>
		queued.connections.get(queued.interactions.get(id) ?? '') === null;
	for (const note of notes) expect(Boolean(note.deleted)).toBe(isForgotten(note.id));
}

describe('offline sync against PocketBase', () => {
	it('a queue built offline drains exactly once, in few requests', async () => {
		const me = await newUser('drain');
		const { db, engine } = await deviceFor(me.pb);
		const queued = await queueChanges(engine, 250);
		let batches = 0;
		me.pb.beforeSend = (url, options) => {
			if (url.endsWith('/api/batch')) batches++;
			return { url, options };
		};
		await engine.sync();
		expect(engine.status.current).toMatchObject({
			pendingCount: 0,
			failedItems: [],
			lastError: null
		});
		expect(await listOutbox(db)).toEqual([]);
		expect(batches).toBeLessThanOrEqual(4);
		await expectExactlyOnce(me.pb, queued);
		// The engine pulled the server's copies: the owner is now known locally.
		const [someId] = [...queued.connections].find(([, note]) => note !== null) ?? [];
		expect((await getRecord(db, 'connections', someId ?? ''))?.owner).toBe(me.id);
	});

	it('PocketBase restarting in the middle of a drain loses and duplicates nothing', async () => {
		const me = await newPerson('restart'); // a swap is mutual: the scanner needs a card
		const bob = await newPerson('bob');
		const { db, engine } = await deviceFor(me.pb);
		const queued = await queueChanges(engine, 300);
		const swapConnection = newRecordId();
		const token = await tokenOf(bob);
		await engine.write({
			action: 'swap',
			swap: {
				id: newRecordId(),
				connectionId: swapConnection,
				token,
				scannedAt: new Date().toISOString()
			},
			connection: { id: swapConnection, snapshot: { name: 'bob' } }
		});
		await queueChanges(engine, 300, queued);

		let batches = 0;
		let restarting: Promise<void> | null = null;
		me.pb.beforeSend = (url, options) => {
			// The third batch leaves while PocketBase goes down: it may commit without a reply.
			if (url.endsWith('/api/batch') && ++batches === 3) restarting = restartPocketBase();
			return { url, options };
		};
		await engine.sync();
		expect(restarting).not.toBeNull();
		await restarting;
		for (let attempt = 0; attempt < 50 && (await listOutbox(db)).length > 0; attempt++) {
			await engine.sync();
			if ((await listOutbox(db)).length > 0) await new Promise((r) => setTimeout(r, 200));
		}
		expect(engine.status.current).toMatchObject({ pendingCount: 0, failedItems: [] });
		const connections = await me.pb.collection('connections').getFullList({ requestKey: null });
		expect(connections.filter((c) => c.card === bob.cardId)).toHaveLength(1);
		expect((await getRecord(db, 'connections', swapConnection))?.card).toBe(bob.cardId);
		await expectExactlyOnce(me.pb, queued, 1);
	});
});
