import { describe, expect, it } from 'vitest';
import { getMeta, getRecord, listRecords } from './local-store';
import { cursorKey, PAGE_SIZE } from './pull';
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
});
