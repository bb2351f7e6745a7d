import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
	getMeta,
	getRecord,
	listByIndex,
	listRecords,
	openLocalStore,
	type LocalChange
} from './local-store';
import {
	applyLocalChange,
	applyLocalChanges,
	putServerRecords,
	deleteServerRecord
} from './local-writes';
import { COLLECTIONS, DB_VERSION, cursorKey, type StoredRecord } from './schema';
import { listOutbox } from './outbox';
import { aConnection, freshDb } from './testing/factories';

describe('local store', () => {
	it('writes the record and its outbox entry together', async () => {
		const db = await freshDb();
		const record = aConnection({ card: 'cardcardcard001' });
		const entry = await applyLocalChange(db, {
			action: 'create',
			collection: 'connections',
			record
		});
		expect(await getRecord(db, 'connections', record.id)).toEqual(record);
		expect(await listOutbox(db)).toEqual([entry]);
		expect(entry).toMatchObject({
			action: 'create',
			recordId: record.id,
			status: 'pending',
			attempts: 0
		});
		expect(entry.body).toEqual(record);
	});

	it('reads records by index (connections by card)', async () => {
		const db = await freshDb();
		const mine = aConnection({ card: 'cardcardcard001' });
		await applyLocalChange(db, { action: 'create', collection: 'connections', record: mine });
		await applyLocalChange(db, {
			action: 'create',
			collection: 'connections',
			record: aConnection({ card: 'cardcardcard002' })
		});
		expect(await listByIndex(db, 'connections', 'byCard', 'cardcardcard001')).toEqual([mine]);
	});

	it('an update sends the fields without server-computed ones', async () => {
		const db = await freshDb();
		const record = {
			...aConnection(),
			updated: '2030-01-01 00:00:00.000Z',
			collectionName: 'connections'
		};
		const entry = await applyLocalChange(db, {
			action: 'update',
			collection: 'connections',
			record
		});
		expect(entry.body).toEqual({ text: 'met at the coffee line' });
	});

	it('a failed write leaves neither the record nor the entry', async () => {
		const db = await freshDb();
		const broken = { ...aConnection(), fn: () => undefined }; // not cloneable: the put throws
		await expect(
			applyLocalChange(db, { action: 'create', collection: 'connections', record: broken })
		).rejects.toThrow();
		expect(await getRecord(db, 'connections', broken.id)).toBeUndefined();
		expect(await listOutbox(db)).toEqual([]);
	});

	it('server data does not clobber a record with queued local changes', async () => {
		const db = await freshDb();
		const record = aConnection({ text: 'mine' });
		await applyLocalChange(db, { action: 'create', collection: 'connections', record });
		const written = await putServerRecords(db, 'connections', [{ ...record, text: 'theirs' }]);
		expect(written).toBe(0);
		expect(await deleteServerRecord(db, 'connections', record.id)).toBe(false);
		expect((await getRecord(db, 'connections', record.id))?.text).toBe('mine');
	});
});

describe('several changes in one transaction (applyLocalChanges)', () => {
	it('writes every record and every outbox entry, in order', async () => {
		const db = await freshDb();
		const shareBack = { id: 'shareback000001', card: 'cardcardcard001', name: 'Bo' };
		await putServerRecords(db, 'share_backs', [shareBack]);
		const connection = aConnection();
		const interaction = { id: 'interaction0001', kind: 'met', people: [connection.id] };
		const entries = await applyLocalChanges(db, [
			{ action: 'create', collection: 'connections', record: connection },
			{ action: 'create', collection: 'interactions', record: interaction },
			{ action: 'delete', collection: 'share_backs', id: shareBack.id }
		]);

		expect(await getRecord(db, 'connections', connection.id)).toEqual(connection);
		expect(await getRecord(db, 'interactions', interaction.id)).toEqual(interaction);
		expect(await getRecord(db, 'share_backs', shareBack.id)).toBeUndefined();
		expect(entries.map((e) => [e.action, e.recordKey])).toEqual([
			['create', `connections/${connection.id}`],
			['create', `interactions/${interaction.id}`],
			['delete', `share_backs/${shareBack.id}`]
		]);
		expect(await listOutbox(db)).toEqual(entries);
		expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
	});

	it('writes nothing for no changes', async () => {
		const db = await freshDb();
		expect(await applyLocalChanges(db, [])).toEqual([]);
		expect(await listOutbox(db)).toEqual([]);
	});

	/** A change the store refuses inside the transaction: a record without its key (`id`). */
	const keyless: LocalChange = {
		action: 'create',
		collection: 'interactions',
		record: { kind: 'met' } as unknown as StoredRecord
	};
	/** A change the store refuses inside the transaction: a value IndexedDB cannot clone. */
	const uncloneable = (): LocalChange => ({
		action: 'create',
		collection: 'interactions',
		record: { id: 'interaction0002', onTap: () => undefined }
	});

	it.each([
		['a record without a key', () => keyless],
		['a record that cannot be stored', uncloneable]
	])(
		'when the 2nd change fails (%s), the 1st and every entry roll back with it',
		async (_why, second) => {
			const db = await freshDb();
			const first = aConnection();
			const third = aConnection();
			await expect(
				applyLocalChanges(db, [
					{ action: 'create', collection: 'connections', record: first },
					second(),
					{ action: 'create', collection: 'connections', record: third }
				])
			).rejects.toThrow();
			expect(await getRecord(db, 'connections', first.id)).toBeUndefined();
			expect(await getRecord(db, 'connections', third.id)).toBeUndefined();
			expect(await listRecords(db, 'interactions')).toEqual([]);
			expect(await listOutbox(db)).toEqual([]);
		}
	);

	it('a rolled-back update or delete leaves the earlier records as they were', async () => {
		const db = await freshDb();
		const kept = aConnection({ text: 'before' });
		const other = aConnection({ text: 'still here' });
		await putServerRecords(db, 'connections', [kept, other]);
		await expect(
			applyLocalChanges(db, [
				{ action: 'update', collection: 'connections', record: { ...kept, text: 'after' } },
				{ action: 'delete', collection: 'connections', id: other.id },
				keyless
			])
		).rejects.toThrow();
		expect(await getRecord(db, 'connections', kept.id)).toEqual(kept);
		expect(await getRecord(db, 'connections', other.id)).toEqual(other);
		expect(await listOutbox(db)).toEqual([]);
	});

	it('the store takes the next writes after a rollback', async () => {
		const db = await freshDb();
		await expect(applyLocalChanges(db, [keyless])).rejects.toThrow();
		const record = aConnection();
		await applyLocalChanges(db, [{ action: 'create', collection: 'connections', record }]);
		expect(await getRecord(db, 'connections', record.id)).toEqual(record);
		expect(await listOutbox(db)).toHaveLength(1);
	});
});

describe('tombstones from the server (putServerRecords)', () => {
	const DELETED = '2026-05-01 09:30:00.000Z';

	it('removes the local record instead of storing the tombstone', async () => {
		const db = await freshDb();
		const record = aConnection();
		await putServerRecords(db, 'connections', [record]);
		const written = await putServerRecords(db, 'connections', [
			{ id: record.id, deleted: DELETED },
			{ id: 'unknown00000001', deleted: DELETED }
		]);
		expect(written).toBe(2);
		expect(await getRecord(db, 'connections', record.id)).toBeUndefined();
		expect(await getRecord(db, 'connections', 'unknown00000001')).toBeUndefined();
	});

	it('stores a record whose deleted is empty (not a tombstone)', async () => {
		const db = await freshDb();
		const record = aConnection({ deleted: '' });
		await putServerRecords(db, 'connections', [record]);
		expect(await getRecord(db, 'connections', record.id)).toEqual(record);
	});

	it('keeps a record that still has outbox entries (my edit waits to be pushed)', async () => {
		const db = await freshDb();
		const record = aConnection({ text: 'my edit' });
		await applyLocalChange(db, { action: 'update', collection: 'connections', record });
		expect(await putServerRecords(db, 'connections', [{ id: record.id, deleted: DELETED }])).toBe(
			0
		);
		expect(await getRecord(db, 'connections', record.id)).toEqual(record);
	});

	it('a forgotten connection takes its card changes with it, and only its own', async () => {
		const db = await freshDb();
		const forgotten = aConnection();
		const kept = aConnection();
		await putServerRecords(db, 'connections', [forgotten, kept]);
		await putServerRecords(db, 'card_changes', [
			{ id: 'change000000001', connection: forgotten.id, changes: [] },
			{ id: 'change000000002', connection: forgotten.id, changes: [] },
			{ id: 'change000000003', connection: kept.id, changes: [] }
		]);
		await putServerRecords(db, 'connections', [{ id: forgotten.id, deleted: DELETED }]);
		expect((await listRecords(db, 'card_changes')).map((c) => c.id)).toEqual(['change000000003']);
		expect(await getRecord(db, 'connections', kept.id)).toEqual(kept);
	});

	it('a held connection tombstone keeps its card changes too', async () => {
		const db = await freshDb();
		const record = aConnection();
		await applyLocalChange(db, { action: 'create', collection: 'connections', record });
		await putServerRecords(db, 'card_changes', [
			{ id: 'change000000001', connection: record.id, changes: [] }
		]);
		await putServerRecords(db, 'connections', [{ id: record.id, deleted: DELETED }]);
		expect(await listRecords(db, 'card_changes')).toHaveLength(1);
	});

	it('an interaction tombstone removes the interaction and nothing else', async () => {
		const db = await freshDb();
		const connection = aConnection();
		await putServerRecords(db, 'connections', [connection]);
		await putServerRecords(db, 'card_changes', [
			{ id: 'change000000001', connection: connection.id, changes: [] }
		]);
		await putServerRecords(db, 'interactions', [
			{ id: connection.id, people: [connection.id] } // the same id in another collection
		]);
		await putServerRecords(db, 'interactions', [{ id: connection.id, deleted: DELETED }]);
		expect(await listRecords(db, 'interactions')).toEqual([]);
		expect(await listRecords(db, 'card_changes')).toHaveLength(1);
		expect(await getRecord(db, 'connections', connection.id)).toEqual(connection);
	});
});

describe('upgrading a version 1 database', () => {
	it('drops the old card changes and the cards I held, keeps my card and my connections', async () => {
		const name = `upgrade-${Math.random().toString(36).slice(2)}`;
		const v1 = await openDB(name, 1, {
			upgrade(db) {
				db.createObjectStore('cards', { keyPath: 'id' }).createIndex('byOwner', 'owner');
				db.createObjectStore('card_changes', { keyPath: 'id' }).createIndex('byCard', 'card');
				db.createObjectStore('connections', { keyPath: 'id' });
				db.createObjectStore('meta');
			}
		});
		await v1.put('cards', { id: 'mycardmycard001', owner: 'me', name: 'Me', keyVersion: 1 });
		await v1.put('cards', { id: 'theircardtheir1', name: 'Them', lookingFor: 'held' });
		await v1.put('card_changes', { id: 'change000000001', card: 'theircardtheir1', fields: [] });
		await v1.put('connections', { id: 'connection00001', card: 'theircardtheir1' });
		await v1.put('meta', '2026-01-01 00:00:00.000Z', cursorKey('card_changes'));
		await v1.put('meta', '2026-01-01 00:00:00.000Z', cursorKey('cards'));
		v1.close();

		const db = await openLocalStore(name);
		expect((await db.getAll('cards')).map((c) => c.id)).toEqual(['mycardmycard001']);
		expect(await db.getAll('card_changes')).toEqual([]);
		expect([...db.transaction('card_changes').store.indexNames]).toEqual(['byConnection']);
		expect(await getRecord(db, 'connections', 'connection00001')).toBeDefined();
		expect(await getMeta(db, cursorKey('card_changes'))).toBeUndefined();
		expect(await getMeta(db, cursorKey('cards'))).toBe('2026-01-01 00:00:00.000Z');
		db.close();
	});
});

describe('upgrading a version 2 database', () => {
	it('adds the settings store and keeps everything else, cursors included', async () => {
		const name = `upgrade-${Math.random().toString(36).slice(2)}`;
		const v2 = await openDB(name, 2, {
			upgrade(db) {
				for (const collection of COLLECTIONS.filter((c) => c !== 'settings')) {
					db.createObjectStore(collection, { keyPath: 'id' });
				}
				db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex(
					'byRecordKey',
					'recordKey'
				);
				db.createObjectStore('meta');
			}
		});
		await v2.put('decisions', { id: 'decision0000001', promptId: 'p', state: 'done' });
		await v2.put('meta', '2026-01-01 00:00:00.000Z', cursorKey('decisions'));
		v2.close();

		const db = await openLocalStore(name);
		expect(db.version).toBe(DB_VERSION);
		expect([...db.objectStoreNames]).toContain('settings');
		expect([...db.objectStoreNames]).toContain('acked');
		await putServerRecords(db, 'settings', [{ id: 'user00000000001', dailyCap: 3 }]);
		expect(await getRecord(db, 'settings', 'user00000000001')).toMatchObject({ dailyCap: 3 });
		expect(await getRecord(db, 'decisions', 'decision0000001')).toMatchObject({ state: 'done' });
		expect(await getMeta(db, cursorKey('decisions'))).toBe('2026-01-01 00:00:00.000Z');
		expect(await getMeta(db, cursorKey('settings'))).toBeUndefined();
		db.close();
	});
});
