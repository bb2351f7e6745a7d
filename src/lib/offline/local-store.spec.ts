import { describe, expect, it } from 'vitest';
import {
	applyLocalChange,
	getRecord,
	listByIndex,
	putServerRecords,
	deleteServerRecord
} from './local-store';
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
