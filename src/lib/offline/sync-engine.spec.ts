import { describe, expect, it } from 'vitest';
import { getRecord } from './local-store';
import { listOutbox } from './outbox';
import { aConnection, engineFor, setup } from './testing/factories';

describe('sync engine: push', () => {
	it('sends queued changes in batches and empties the outbox', async () => {
		const { server, db, engine } = await setup({ maxBatch: 3 });
		for (let i = 0; i < 7; i++) {
			await engine.write({
				action: 'create',
				collection: 'connections',
				record: aConnection({ v: i })
			});
		}
		await engine.sync();
		expect(server.records('connections')).toHaveLength(7);
		expect(server.requests.filter((r) => r === 'POST /api/batch')).toHaveLength(3);
		expect(await listOutbox(db)).toEqual([]);
		expect(engine.status.current).toMatchObject({
			pendingCount: 0,
			failedItems: [],
			lastError: null
		});
		expect(engine.status.current.lastSyncedAt).not.toBeNull();
	});

	it('stores the server copy of a pushed record (owner, updated)', async () => {
		const { db, engine } = await setup();
		const record = aConnection();
		await engine.write({ action: 'create', collection: 'connections', record });
		await engine.sync();
		expect(await getRecord(db, 'connections', record.id)).toMatchObject({
			owner: 'useruseruser001'
		});
	});

	it('a validation failure keeps the item and shows why, and the others still go', async () => {
		const { server, engine } = await setup();
		const bad = aConnection({ text: '' });
		const good = aConnection();
		await engine.write({ action: 'create', collection: 'connections', record: bad });
		await engine.write({ action: 'create', collection: 'connections', record: good });
		await engine.sync();
		expect(server.records('connections').map((r) => r.id)).toEqual([good.id]);
		const [failed] = engine.status.current.failedItems;
		expect(failed).toMatchObject({ recordId: bad.id, status: 'failed' });
		expect(failed?.error).toMatchObject({
			reason: 'invalid',
			fields: { text: 'validation_required' }
		});
		expect(engine.status.current.pendingCount).toBe(0);
	});

	it('later changes to a refused record wait behind it', async () => {
		const { server, engine } = await setup();
		const bad = aConnection({ text: '' });
		await engine.write({ action: 'create', collection: 'connections', record: bad });
		await engine.write({
			action: 'update',
			collection: 'connections',
			record: { ...bad, text: 'fixed' }
		});
		await engine.sync();
		expect(server.records('connections')).toEqual([]);
		expect(engine.status.current.pendingCount).toBe(1);
		expect(server.requests.filter((r) => r === 'POST /api/batch')).toHaveLength(1);
	});

	it('discarding a refused create removes the local record and what followed it', async () => {
		const { db, engine } = await setup();
		const bad = aConnection({ text: '' });
		await engine.write({ action: 'create', collection: 'connections', record: bad });
		await engine.write({ action: 'update', collection: 'connections', record: { ...bad, v: 2 } });
		await engine.sync();
		const seq = engine.status.current.failedItems[0]?.seq ?? -1;
		expect(await engine.discard(seq)).toBe(true);
		expect(await getRecord(db, 'connections', bad.id)).toBeUndefined();
		expect(await listOutbox(db)).toEqual([]);
	});

	it('retrying a refused item sends it again', async () => {
		const { server, engine } = await setup();
		const record = aConnection();
		await engine.write({ action: 'update', collection: 'connections', record });
		await engine.sync();
		const [failed] = engine.status.current.failedItems;
		expect(failed?.error?.reason).toBe('not_found'); // updating a record the server does not have
		server.seed('connections', { id: record.id, text: 'old' });
		await engine.retry(failed?.seq ?? -1);
		await engine.sync();
		expect(server.records('connections')[0]?.text).toBe(record.text);
		expect(engine.status.current.failedItems).toEqual([]);
	});

	it('"already exists" counts as done (a create replayed after a lost reply)', async () => {
		const { server, db, engine } = await setup();
		const record = aConnection();
		server.seed('connections', { ...record });
		await engine.write({ action: 'create', collection: 'connections', record });
		await engine.sync();
		expect(await listOutbox(db)).toEqual([]);
		expect(server.records('connections')).toHaveLength(1);
		expect(engine.status.current.failedItems).toEqual([]);
	});

	it('a create whose reply was lost is found on the server before it is sent again', async () => {
		const { server, db, engine } = await setup();
		const record = aConnection();
		let isCut = true;
		server.fault = (method, path) => {
			if (method !== 'POST' || path !== '/api/batch' || !isCut) return 'ok';
			isCut = false;
			return 'cut-after-commit';
		};
		await engine.write({ action: 'create', collection: 'connections', record });
		await engine.sync();
		expect(await listOutbox(db)).toHaveLength(1);
		await engine.write({
			action: 'update',
			collection: 'connections',
			record: { ...record, text: 'after' },
			body: { text: 'after' }
		});
		server.requests.length = 0;
		await engine.sync();
		// One look for the replayed create, then only the update goes: no batch refused as a whole.
		expect(server.requests.slice(0, 2)).toEqual([
			'GET /api/collections/connections/records',
			'POST /api/batch'
		]);
		expect(await listOutbox(db)).toEqual([]);
		expect(server.records('connections')).toMatchObject([{ id: record.id, text: 'after' }]);
		expect(engine.status.current.failedItems).toEqual([]);
	});

	it('a create whose id belongs to a record I cannot see is a conflict, not done', async () => {
		const { server, engine } = await setup();
		const record = aConnection();
		server.seed('connections', { ...record, owner: 'someoneelse0001' });
		await engine.write({ action: 'create', collection: 'connections', record });
		await engine.sync();
		expect(engine.status.current.failedItems[0]?.error).toMatchObject({
			reason: 'conflict',
			fields: { id: 'validation_not_unique' }
		});
	});

	it('deleting a record the server no longer has counts as done', async () => {
		const { db, engine } = await setup();
		await engine.write({ action: 'delete', collection: 'connections', id: aConnection().id });
		await engine.sync();
		expect(await listOutbox(db)).toEqual([]);
	});

	it('a replayed create and delete of one record are both sent again when it is gone', async () => {
		const { server, db, engine } = await setup();
		const record = aConnection();
		let isCut = true;
		server.fault = (method, path) => {
			if (method !== 'POST' || path !== '/api/batch' || !isCut) return 'ok';
			isCut = false;
			return 'cut-after-commit';
		};
		await engine.write({ action: 'create', collection: 'connections', record });
		await engine.write({ action: 'delete', collection: 'connections', id: record.id });
		await engine.sync();
		await engine.sync();
		expect(await listOutbox(db)).toEqual([]);
		expect(server.records('connections')).toEqual([]);
	});

	it('a 401 keeps the queue and asks to sign in again', async () => {
		const { server, db, engine } = await setup();
		server.isSessionValid = false;
		await engine.write({ action: 'create', collection: 'connections', record: aConnection() });
		await engine.write({ action: 'delete', collection: 'connections', id: aConnection().id });
		await engine.sync();
		expect(engine.status.current).toMatchObject({
			needsSignIn: true,
			pendingCount: 2,
			failedItems: []
		});
		expect((await listOutbox(db)).every((e) => e.status === 'pending')).toBe(true);
		server.isSessionValid = true;
		await engine.sync();
		expect(engine.status.current).toMatchObject({ needsSignIn: false, pendingCount: 0 });
		expect(server.records('connections')).toHaveLength(1);
	});

	it('an expired session does not even try the network', async () => {
		const { server, db } = await setup();
		const pb = server.client();
		pb.authStore.clear();
		const engine = engineFor(db, server, { pb });
		await engine.write({ action: 'create', collection: 'connections', record: aConnection() });
		await engine.sync();
		expect(engine.status.current).toMatchObject({ needsSignIn: true, pendingCount: 1 });
		expect(server.requests).toEqual([]);
	});

	it('a 500 or a network error stops the run, keeps the queue and schedules a retry', async () => {
		const timers: number[] = [];
		const { server, engine } = await setup({
			isRetryScheduled: true,
			setTimer: (_fn, ms) => timers.push(ms),
			clearTimer: () => undefined,
			random: () => 1
		});
		await engine.write({ action: 'create', collection: 'connections', record: aConnection() });
		server.fault = () => '500';
		await engine.sync();
		expect(engine.status.current).toMatchObject({
			pendingCount: 1,
			lastError: { reason: 'server' }
		});
		server.fault = () => 'timeout';
		await engine.sync();
		expect(engine.status.current).toMatchObject({
			isOnline: false,
			lastError: { reason: 'network' }
		});
		expect(timers).toEqual([2000, 4000]); // capped exponential backoff
		server.fault = () => 'ok';
		await engine.sync();
		expect(engine.status.current).toMatchObject({
			pendingCount: 0,
			isOnline: true,
			lastError: null
		});
	});

	it('a swap adopts the connection the server already had', async () => {
		const { server, db, engine } = await setup();
		const existing = server.seed('connections', { id: 'serverconnect01', card: 'cardcardcard009' });
		const local = aConnection({ card: 'cardcardcard009' });
		const swap = {
			id: 'swapswapswap001',
			connectionId: local.id,
			token: 'cardcardcard009',
			scannedAt: 'now'
		};
		await engine.write({ action: 'swap', swap, connection: local });
		await engine.write({
			action: 'create',
			collection: 'interactions',
			record: { id: 'interaction0001', people: [local.id], kind: 'met' }
		});
		await engine.sync();
		expect(await getRecord(db, 'connections', local.id)).toBeUndefined();
		expect((await getRecord(db, 'connections', existing.id))?.card).toBe('cardcardcard009');
		expect(server.records('interactions')[0]?.people).toEqual([existing.id]);
		expect((await getRecord(db, 'interactions', 'interaction0001'))?.people).toEqual([existing.id]);
	});

	it('a refused swap keeps the item with the server reason', async () => {
		const { engine } = await setup();
		const local = aConnection();
		const swap = {
			id: 'swapswapswap002',
			connectionId: local.id,
			token: 'forged',
			scannedAt: 'now'
		};
		await engine.write({ action: 'swap', swap, connection: local });
		await engine.sync();
		expect(engine.status.current.failedItems[0]?.error).toMatchObject({
			reason: 'invalid',
			code: 'token_forged'
		});
	});
});

describe('sync engine: runs', () => {
	it('is single-flight: calls during a run coalesce into one more run', async () => {
		const { server, engine } = await setup();
		await engine.write({ action: 'create', collection: 'connections', record: aConnection() });
		const runs = [engine.sync(), engine.sync(), engine.sync(), engine.sync()];
		await Promise.all(runs);
		expect(runs[1]).toBe(runs[2]);
		const pulls = server.pulls.filter((p) => p.includes('connections'));
		expect(pulls).toHaveLength(2); // the first run and one coalesced run
	});
});

describe('sync engine: joining and leaving events', () => {
	const EVENT = {
		id: 'eventeventev001',
		name: 'DevConf',
		joinCode: 'ABCD2345',
		owner: 'someoneelse0001'
	};

	it('a join queued offline goes through once online, and stores the event it joined', async () => {
		const { server, db, engine } = await setup();
		server.seed('events', EVENT);
		const changes: string[][] = [];
		engine.onRemoteChange((collections) => changes.push(collections));
		server.fault = () => 'timeout';
		await engine.write({ action: 'join', id: 'joinjoinjoin001', code: 'abcd-2345' });
		await engine.sync();
		expect(await listOutbox(db)).toHaveLength(1);
		expect(await getRecord(db, 'events', EVENT.id)).toBeUndefined();
		server.fault = () => 'ok';
		await engine.sync();
		expect(await listOutbox(db)).toEqual([]);
		expect(await getRecord(db, 'events', EVENT.id)).toMatchObject({ name: 'DevConf' });
		expect(changes.flat()).toContain('events');
		expect(server.memberOf.has(EVENT.id)).toBe(true);
	});

	it('an unknown code or closed joining is kept as failed with the reason; discarding drops it', async () => {
		const { server, db, engine } = await setup();
		server.seed('events', { ...EVENT, joiningClosed: true });
		await engine.write({ action: 'join', id: 'joinjoinjoin002', code: 'ZZZZ9999' });
		await engine.write({ action: 'join', id: 'joinjoinjoin003', code: EVENT.joinCode });
		await engine.sync();
		const failed = engine.status.current.failedItems;
		expect(failed.map((f) => f.error?.code)).toEqual(['not_found', 'closed']);
		for (const item of failed) expect(await engine.discard(item.seq)).toBe(true);
		expect(await listOutbox(db)).toEqual([]);
	});

	it('leaving removes the event at once; offline it goes later; not a member any more is done', async () => {
		const { server, db, engine } = await setup();
		server.seed('events', EVENT);
		server.memberOf.add(EVENT.id);
		await engine.write({ action: 'join', id: 'joinjoinjoin004', code: EVENT.joinCode });
		await engine.sync();
		expect(await getRecord(db, 'events', EVENT.id)).toBeDefined();
		server.fault = () => 'timeout';
		await engine.write({ action: 'leave', eventId: EVENT.id });
		expect(await getRecord(db, 'events', EVENT.id)).toBeUndefined();
		await engine.sync();
		expect(server.memberOf.has(EVENT.id)).toBe(true);
		server.fault = () => 'ok';
		await engine.sync();
		expect(server.memberOf.has(EVENT.id)).toBe(false);
		expect(await listOutbox(db)).toEqual([]);
		await engine.write({ action: 'leave', eventId: EVENT.id });
		await engine.sync();
		expect(await listOutbox(db)).toEqual([]);
		expect(engine.status.current.failedItems).toEqual([]);
	});
});
