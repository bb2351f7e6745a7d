import { describe, expect, it } from 'vitest';
import { parseInteraction } from '$lib/domain/records';
import { type LocalDb } from '$lib/offline/local-store';
import { putServerRecords } from '$lib/offline/local-writes';
import type { CollectionName, StoredRecord } from '$lib/offline/schema';
import { freshDb } from '$lib/offline/testing/factories';
import { forgetPerson } from '$lib/services/people.service';
import { deviceSession } from '$lib/services/testing/session';
import { Network } from './network-model.svelte';

const ADA = 'conn00000000ada';
const BOB = 'conn00000000bob';
const GONE = 'conn0000000gone';
const DELETED = '2026-05-09 09:00:00.000Z';

const person = (id: string, name: string, fields: Partial<StoredRecord> = {}): StoredRecord => ({
	id,
	owner: 'useruseruser001',
	snapshot: { name },
	metAt: '2026-05-01 09:00:00.000Z',
	created: '2026-05-01 09:00:00.000Z',
	...fields
});

/** A store with Ada and Bob in my network, one forgotten person, what happened and an event. */
async function seededDb(): Promise<LocalDb> {
	const db = await freshDb();
	await putServerRecords(db, 'connections', [
		person(ADA, 'Ada', { tags: ['maths', 'london'], event: 'event0000000001' }),
		person(BOB, 'Bob', { tags: ['london'] })
	]);
	// A tombstone the server has not purged yet (written straight to the store, as an old device has it).
	await db.put('connections', person(GONE, 'Gone', { deleted: DELETED }));
	await putServerRecords(db, 'interactions', [
		{ id: 'int00000000gave', kind: 'gave', people: [ADA], at: '2026-05-02 09:00:00.000Z' },
		{
			id: 'int0000000intro',
			kind: 'introduced',
			people: [ADA, BOB],
			at: '2026-05-04 09:00:00.000Z'
		},
		{ id: 'int000000asked1', kind: 'asked', people: [BOB], at: '2026-05-03 09:00:00.000Z' }
	]);
	await db.put('interactions', {
		id: 'int0000000oops1',
		kind: 'asked',
		people: [ADA],
		at: '2026-05-05 09:00:00.000Z',
		deleted: DELETED
	});
	await putServerRecords(db, 'card_changes', [
		{
			id: 'chg000000000001',
			connection: ADA,
			changes: [{ field: 'headline', from: 'Engineer', to: 'CTO' }],
			created: '2026-05-03 12:00:00.000Z'
		}
	]);
	await putServerRecords(db, 'events', [
		{ id: 'event0000000001', name: 'Older', startsAt: '2026-04-01 09:00:00.000Z' },
		{ id: 'event0000000002', name: 'Newer', startsAt: '2026-05-01 09:00:00.000Z' }
	]);
	return db;
}

/**
 * The db, with the reads of one store held back after they were made (so what they return is what
 * the store held then): `reached` resolves once a read was made, `release` lets it answer.
 */
function holdReads(db: LocalDb, store: CollectionName) {
	let reached!: () => void;
	let release!: () => void;
	const isReached = new Promise<void>((resolve) => (reached = resolve));
	const released = new Promise<void>((resolve) => (release = resolve));
	const held = new Proxy(db, {
		get(target, property) {
			if (property === 'getAll') {
				return async (name: CollectionName) => {
					const records = await target.getAll(name);
					if (name === store) {
						reached();
						await released;
					}
					return records;
				};
			}
			const value: unknown = Reflect.get(target, property);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
	return { db: held, isReached, release };
}

const names = (network: Network) => network.people.map((p) => p.name).sort();

describe('Network (the read model)', () => {
	it('loads my network from the device, leaving tombstones out', async () => {
		const network = new Network();
		expect([network.isReady, network.isComplete]).toEqual([false, false]);
		await network.attach(deviceSession(await seededDb()));

		expect([network.isReady, network.isComplete]).toEqual([true, true]);
		expect(names(network)).toEqual(['Ada', 'Bob']);
		expect(network.person(GONE)).toBeUndefined();
		expect(network.connection(GONE)).toBeUndefined();
		expect(network.interaction('int0000000oops1')).toBeUndefined();
		expect(network.interactionsOf(ADA).map((i) => i.id)).toEqual([
			'int0000000intro',
			'int00000000gave'
		]);
		expect(network.person(ADA)?.ledger).toEqual({ gave: 2, asked: 0 });
		expect(network.person(BOB)?.ledger).toEqual({ gave: 1, asked: 1 });
		expect(network.person(ADA)?.lastTouchedAt).toBe('2026-05-04T09:00:00.000Z');
		expect(network.tags).toEqual(['london', 'maths']);
		expect(network.events.map((e) => e.name)).toEqual(['Newer', 'Older']);
		expect(network.event('event0000000001')?.name).toBe('Older');
	});

	it('gives a person’s timeline newest first, card changes among what happened', async () => {
		const network = new Network();
		await network.attach(deviceSession(await seededDb()));
		expect(
			network
				.timelineOf(ADA)
				.map((e) => (e.type === 'interaction' ? e.interaction.id : e.change.id))
		).toEqual(['int0000000intro', 'chg000000000001', 'int00000000gave']);
		expect(network.cardChangesOf(BOB)).toEqual([]);
		expect(network.timelineOf('nobody')).toEqual([]);
		expect(network.interactionsOf('nobody')).toEqual([]);
	});

	it('is ready with people before the interactions are read, complete after', async () => {
		const held = holdReads(await seededDb(), 'interactions');
		const network = new Network();
		const attached = network.attach(deviceSession(held.db));
		await held.isReached;

		expect([network.isReady, network.isComplete]).toEqual([true, false]);
		expect(names(network)).toEqual(['Ada', 'Bob']);
		expect(network.person(ADA)?.ledger).toEqual({ gave: 0, asked: 0 });

		held.release();
		await attached;
		expect([network.isReady, network.isComplete]).toEqual([true, true]);
		expect(network.person(ADA)?.ledger).toEqual({ gave: 2, asked: 0 });
	});

	it('refresh(collection, ids) re-reads only those records', async () => {
		const db = await seededDb();
		const network = new Network();
		await network.attach(deviceSession(db));
		await putServerRecords(db, 'connections', [
			person(ADA, 'Ada Lovelace'),
			person(BOB, 'Bob Builder'),
			person('conn0000000newb', 'Newcomer')
		]);
		await network.refresh('connections', [ADA, 'conn0000000newb']);
		expect(names(network)).toEqual(['Ada Lovelace', 'Bob', 'Newcomer']);
	});

	it('refresh(collection, ids) drops a record that became a tombstone or is gone', async () => {
		const db = await seededDb();
		const network = new Network();
		await network.attach(deviceSession(db));
		await db.put('connections', { id: ADA, owner: 'useruseruser001', deleted: DELETED });
		await db.delete('interactions', 'int000000asked1');
		await network.refresh('connections', [ADA]);
		await network.refresh('interactions', ['int000000asked1']);
		expect(names(network)).toEqual(['Bob']);
		expect(network.person(BOB)?.ledger).toEqual({ gave: 1, asked: 0 });
	});

	it('refresh(collection, null) re-reads the whole collection', async () => {
		const db = await seededDb();
		const network = new Network();
		await network.attach(deviceSession(db));
		await putServerRecords(db, 'connections', [person(ADA, 'Ada L'), person(BOB, 'Bob B')]);
		await putServerRecords(db, 'interactions', [
			{ id: 'int000000asked2', kind: 'asked', people: [ADA], at: '2026-05-06 09:00:00.000Z' }
		]);
		await network.refresh('connections', null);
		await network.refresh('interactions', null);
		expect(names(network)).toEqual(['Ada L', 'Bob B']);
		expect(network.person(ADA)?.ledger).toEqual({ gave: 2, asked: 1 });
	});

	it('ignores collections it does not hold', async () => {
		const db = await seededDb();
		const network = new Network();
		await network.attach(deviceSession(db));
		await putServerRecords(db, 'connections', [person(ADA, 'Changed')]);
		await expect(network.refresh('share_backs', null)).resolves.toBeUndefined();
		await expect(network.refresh('decisions', ['x'])).resolves.toBeUndefined();
		expect(names(network)).toEqual(['Ada', 'Bob']);
	});

	it.each(['connections', 'interactions'] as const)(
		'a change to %s while they load is not lost',
		async (collection) => {
			const db = await seededDb();
			const held = holdReads(db, collection);
			const network = new Network();
			const attached = network.attach(deviceSession(held.db));
			await held.isReached; // the read is made: what it returns is already out of date
			await putServerRecords(db, 'connections', [person('conn0000000late', 'Late')]);
			await putServerRecords(db, 'interactions', [
				{ id: 'int0000000late1', kind: 'asked', people: [ADA], at: '2026-05-07 09:00:00.000Z' }
			]);
			await network.refresh(collection, [
				collection === 'connections' ? 'conn0000000late' : 'int0000000late1'
			]);
			held.release();
			await attached;
			if (collection === 'connections')
				expect(network.person('conn0000000late')?.name).toBe('Late');
			else expect(network.interaction('int0000000late1')?.kind).toBe('asked');
		}
	);

	it('attach(null) drops everything', async () => {
		const network = new Network();
		await network.attach(deviceSession(await seededDb()));
		await network.attach(null);
		expect([network.isReady, network.isComplete]).toEqual([false, false]);
		expect(network.people).toEqual([]);
		expect(network.tags).toEqual([]);
		expect(network.person(ADA)).toBeUndefined();
		expect(network.interactionsOf(ADA)).toEqual([]);
		await network.refresh('connections', null); // nothing to read from
		expect(network.people).toEqual([]);
	});

	it('a session that was replaced while loading never shows its data', async () => {
		const held = holdReads(await seededDb(), 'connections');
		const other = await freshDb();
		await putServerRecords(other, 'connections', [person('conn00000000ann', 'Ann')]);
		const network = new Network();
		const first = network.attach(deviceSession(held.db));
		await held.isReached;
		await network.attach(deviceSession(other));
		held.release();
		await first;
		expect(names(network)).toEqual(['Ann']);
		expect(network.isComplete).toBe(true);
	});

	it('attaching the same session again reads nothing again', async () => {
		const db = await seededDb();
		const session = deviceSession(db);
		const network = new Network();
		await network.attach(session);
		await putServerRecords(db, 'connections', [person(ADA, 'Changed')]);
		await network.attach(session);
		expect(names(network)).toEqual(['Ada', 'Bob']);
	});

	it('forgetting a person, then refreshing what the use case wrote, takes them out everywhere', async () => {
		const db = await seededDb();
		const session = deviceSession(db);
		const network = new Network();
		await network.attach(session);
		const ada = network.connection(ADA);
		if (!ada) throw new Error('Ada is not loaded');
		const naming = network.interactionsOf(ADA);
		await forgetPerson(session, ada, naming);
		await network.refresh('connections', [ADA]);
		await network.refresh(
			'interactions',
			naming.map((i) => i.id)
		);
		expect(names(network)).toEqual(['Bob']);
		expect(network.interaction('int00000000gave')).toBeUndefined();
		expect(network.interactionsOf(BOB).map((i) => i.id)).toEqual([
			'int0000000intro',
			'int000000asked1'
		]);
		expect(network.interaction('int0000000intro')?.people).toEqual([BOB]);
		expect(network.person(BOB)?.ledger).toEqual({ gave: 1, asked: 1 });
		expect(
			parseInteraction((await db.get('interactions', 'int00000000gave')) as StoredRecord).deleted
		).not.toBe('');
	});
});
