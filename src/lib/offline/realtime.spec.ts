import { describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { getRecord } from './local-store';
import { aConnection, setup } from './testing/factories';
import { FakeServer } from './testing/fake-server';

type Callback = (data: unknown) => void;

/** Replaces the SDK's realtime transport (EventSource) with a hand-driven one. */
function fakeRealtime(pb: PocketBase) {
	const topics = new Map<string, Callback>();
	pb.realtime.subscribe = (topic: string, callback: Callback) => {
		topics.set(topic, callback);
		return Promise.resolve(() => {
			topics.delete(topic);
			return Promise.resolve();
		});
	};
	return {
		topics,
		emit: (topic: string, data: unknown) => topics.get(topic)?.(data)
	};
}

describe('realtime', () => {
	it('applies server events to the store, except over pending local edits', async () => {
		const server = new FakeServer();
		const pb = server.client();
		const realtime = fakeRealtime(pb);
		const { db, engine } = await setup({ pb });
		await engine.startRealtime();
		expect([...realtime.topics.keys()].sort()).toEqual([
			'PB_CONNECT',
			'connections/*',
			'interactions/*'
		]);

		const theirs = aConnection({ text: 'from the other phone' });
		realtime.emit('connections/*', { action: 'create', record: theirs });
		await expect.poll(() => getRecord(db, 'connections', theirs.id)).toEqual(theirs);

		const mine = aConnection({ text: 'mine' });
		await engine.write({ action: 'create', collection: 'connections', record: mine });
		realtime.emit('connections/*', { action: 'update', record: { ...mine, text: 'theirs' } });
		realtime.emit('connections/*', { action: 'delete', record: theirs });
		await expect.poll(() => getRecord(db, 'connections', theirs.id)).toBeUndefined();
		expect((await getRecord(db, 'connections', mine.id))?.text).toBe('mine');
	});

	it('asks for every topic before waiting for any (the SDK sends them in one request)', async () => {
		const server = new FakeServer();
		const pb = server.client();
		const asked: string[] = [];
		let connect = () => {};
		const connected = new Promise<void>((resolve) => (connect = resolve));
		pb.realtime.subscribe = async (topic: string) => {
			asked.push(topic);
			await connected;
			return () => Promise.resolve();
		};
		const { engine } = await setup({ pb });
		const starting = engine.startRealtime();
		// nothing is connected yet, and every topic is already asked for
		await Promise.resolve();
		expect(asked.sort()).toEqual(['PB_CONNECT', 'connections/*', 'interactions/*']);
		connect();
		expect(await starting).toBeNull();
	});

	it('a connect that fails ends every subscription made and says why', async () => {
		const server = new FakeServer();
		const pb = server.client();
		let unsubscribed = 0;
		pb.realtime.subscribe = (topic: string) =>
			topic === 'interactions/*'
				? Promise.reject(new Error('Failed to establish realtime connection.'))
				: Promise.resolve(() => {
						unsubscribed++;
						return Promise.resolve();
					});
		const { engine } = await setup({ pb });
		const error = await engine.startRealtime();
		expect(error).not.toBeNull();
		expect(unsubscribed).toBe(2);
		// and a later start subscribes again from scratch
		pb.realtime.subscribe = () => Promise.resolve(() => Promise.resolve());
		expect(await engine.startRealtime()).toBeNull();
	});

	it('pulls again after every (re)connect, and stops cleanly', async () => {
		const server = new FakeServer();
		const pb = server.client();
		const realtime = fakeRealtime(pb);
		const { engine } = await setup({ pb });
		await engine.startRealtime();
		realtime.emit('PB_CONNECT', { clientId: 'a' });
		const pulls = () =>
			server.requests.filter((r) => r.startsWith('GET /api/collections/connections')).length;
		// polled, not a fixed wait: a loaded machine may take longer than any chosen delay
		await expect.poll(pulls).toBe(1);
		realtime.emit('PB_CONNECT', { clientId: 'b' });
		await expect.poll(pulls).toBe(2);
		await engine.stopRealtime();
		expect(realtime.topics.size).toBe(0);
	});
});
