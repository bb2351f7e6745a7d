import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
	applyLocalChange,
	getMeta,
	getRecord,
	listByIndex,
	openLocalStore,
	putServerRecords,
	deleteServerRecord
} from './local-store';
import { cursorKey } from './schema';
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
