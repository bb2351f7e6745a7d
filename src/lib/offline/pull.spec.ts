import { describe, expect, it } from 'vitest';
import { getMeta, getRecord, listRecords, setMeta } from './local-store';
import { cursorKey, needsFullPull, PAGE_SIZE } from './pull';
import { TOMBSTONE_DAYS } from './schema';
import { aConnection, setup } from './testing/factories';

describe('pull', () => {
	it('brings every server record down, page by page, and remembers the cursor', async () => {
		const { server, db, engine } = await setup();
		const total = PAGE_SIZE * 2 + 7;
		for (let i = 0; i < total; i++)
			server.seed('connections', { id: `rec${String(i).padStart(12, '0')}` });
		await engine.sync();
		expect(await listRecords(db, 'connections')).toHaveLength(total);
		expect(await getMeta(db, cursorKey('connections'))).toBe(
			server.records('connections').at(-1)?.updated
		);
	});

	it('asks for every collection in one request; only a collection with more pages comes again', async () => {
		const { server, db, engine } = await setup();
		for (let i = 0; i < PAGE_SIZE + 3; i++)
			server.seed('connections', { id: `con${String(i).padStart(12, '0')}` });
		server.seed('interactions', { id: 'int000000000001' });
		await engine.sync();
		expect(server.pulls).toEqual([['connections', 'interactions'], ['connections']]);
		expect(await listRecords(db, 'connections')).toHaveLength(PAGE_SIZE + 3);
		expect(await listRecords(db, 'interactions')).toHaveLength(1);
	});

	it('never misses records that share the cursor timestamp', async () => {
		const { server, db, engine } = await setup();
		const stamp = '2030-01-01 00:00:05.000Z';
		server.seed('connections', { id: 'bbbbbbbbbbbbbbb' }, stamp);
		await engine.sync();
		// Committed later, same millisecond, smaller id: a plain `updated > cursor` would skip it.
		server.seed('connections', { id: 'aaaaaaaaaaaaaaa' }, stamp);
		await engine.sync();
		expect((await listRecords(db, 'connections')).map((r) => r.id).sort()).toEqual([
			'aaaaaaaaaaaaaaa',
			'bbbbbbbbbbbbbbb'
		]);
	});

	it('does not clobber local edits that are still pending', async () => {
		const { server, db, engine } = await setup();
		const record = aConnection({ text: 'server' });
		server.seed('connections', { ...record });
		await engine.sync();
		server.fault = (method) => (method === 'POST' ? '500' : 'ok'); // the push fails, the edit stays queued
		await engine.write({
			action: 'update',
			collection: 'connections',
			record: { ...record, text: 'mine' }
		});
		server.seed('connections', { ...record, text: 'other device' });
		await engine.sync();
		expect((await getRecord(db, 'connections', record.id))?.text).toBe('mine');
		server.fault = () => 'ok';
		await engine.sync();
		expect(server.records('connections')[0]?.text).toBe('mine');
		expect((await getRecord(db, 'connections', record.id))?.text).toBe('mine');
	});

	it('a discarded update is replaced by the server copy at the next sync', async () => {
		const { server, db, engine } = await setup();
		const record = aConnection({ text: 'server' });
		server.seed('connections', { ...record });
		await engine.sync();
		await engine.write({
			action: 'update',
			collection: 'connections',
			record: { ...record, text: '' }
		});
		await engine.sync();
		const [failed] = engine.status.current.failedItems;
		expect(failed?.error?.reason).toBe('invalid');
		await engine.discard(failed?.seq ?? -1);
		await engine.sync();
		expect((await getRecord(db, 'connections', record.id))?.text).toBe('server');
	});

	it('tells listeners which collections the server changed', async () => {
		const { server, engine } = await setup();
		const seen: string[][] = [];
		engine.onRemoteChange((collections) => seen.push(collections));
		server.seed('interactions', { id: 'interaction0001', people: [] });
		await engine.sync();
		expect(seen).toEqual([['interactions']]);
	});

	it('a tombstone from the server removes the record here, and a forgotten person their card changes', async () => {
		const { server, db, engine } = await setup();
		const person = aConnection({ memoryNote: 'kept' });
		server.seed('connections', { ...person });
		server.seed('interactions', { id: 'interaction0001', people: [person.id], text: 'x' });
		await engine.sync();
		await db.put('card_changes', { id: 'cardchange00001', connection: person.id, changes: [] });
		expect(await getRecord(db, 'card_changes', 'cardchange00001')).toBeDefined();

		server.seed('connections', { id: person.id, deleted: '2030-01-01 00:00:00.000Z' });
		server.seed('interactions', { id: 'interaction0001', deleted: '2030-01-01 00:00:00.000Z' });
		await engine.sync();
		expect(await getRecord(db, 'connections', person.id)).toBeUndefined();
		expect(await getRecord(db, 'interactions', 'interaction0001')).toBeUndefined();
		expect(await getRecord(db, 'card_changes', 'cardchange00001')).toBeUndefined();
	});

	it('after longer away than tombstones are kept, pulls everything and drops what the server no longer has', async () => {
		const { server, db, engine } = await setup();
		const kept = aConnection({ memoryNote: 'kept' });
		const purged = aConnection({ memoryNote: 'deleted elsewhere, tombstone purged since' });
		server.seed('connections', { ...kept });
		server.seed('connections', { ...purged });
		await engine.sync();
		const mine = aConnection({ memoryNote: 'made here, not sent yet' });
		server.fault = (method) => (method === 'POST' ? '500' : 'ok');
		await engine.write({ action: 'create', collection: 'connections', record: mine });
		server.fault = () => 'ok';
		server.tables.get('connections')?.delete(purged.id);

		// A recent sync keeps the cursor: the purged record is not noticed.
		await engine.sync();
		expect(await getRecord(db, 'connections', purged.id)).toBeDefined();

		const longAgo = new Date(Date.now() - (TOMBSTONE_DAYS + 1) * 86_400_000).toISOString();
		server.tables.get('connections')?.delete(purged.id);
		await setMeta(db, 'lastSyncedAt', longAgo);
		await db.put('connections', { ...purged });
		await engine.sync();
		const ids = (await listRecords(db, 'connections')).map((r) => r.id).sort();
		expect(ids).toEqual([kept.id, mine.id].sort());
	});

	it('needsFullPull only past the tombstone window', () => {
		const now = Date.parse('2030-06-01T00:00:00.000Z');
		const day = 86_400_000;
		expect(needsFullPull(undefined, now)).toBe(false);
		expect(needsFullPull(new Date(now - TOMBSTONE_DAYS * day).toISOString(), now)).toBe(false);
		expect(needsFullPull(new Date(now - TOMBSTONE_DAYS * day - 1).toISOString(), now)).toBe(true);
	});
});
