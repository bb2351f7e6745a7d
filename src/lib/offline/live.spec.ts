import { describe, expect, it } from 'vitest';
import {
	changedCollections,
	MAX_SPREAD_MS,
	spreadOf,
	EventStreamParser,
	LiveChannel,
	reconnectIntervals,
	type LiveChannelOptions
} from './live';
import type { CollectionName } from './schema';
import type { LiveHandlers } from './sync-engine';
import { aConnection, setup } from './testing/factories';
import { getRecord } from './local-store';
import { listOutbox } from './outbox';

describe('the event stream parser', () => {
	it('reads events split anywhere across chunks, and skips comments', () => {
		const parser = new EventStreamParser();
		const text = 'event: hello\ndata: {}\n\n: ping\n\nevent: change\r\ndata: {"a":1}\r\n\r\n';
		const events = [];
		for (const char of text) events.push(...parser.push(char));
		expect(events).toEqual([
			{ event: 'hello', data: '{}' },
			{ event: 'change', data: '{"a":1}' }
		]);
	});

	it('joins multi-line data and names an unnamed event "message"', () => {
		const parser = new EventStreamParser();
		expect(parser.push('data: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
	});
});

describe('a change notice', () => {
	it('names only collections the device has', () => {
		expect(changedCollections('{"collections":["cards","swaps","events"]}')).toEqual([
			'cards',
			'events'
		]);
		expect(changedCollections('not json')).toEqual([]);
		expect(changedCollections('{"collections":"cards"}')).toEqual([]);
	});
});

describe('reconnect waits', () => {
	it('spread each wait between a quarter and 1¾ of its step, longer with each attempt', () => {
		expect(reconnectIntervals(() => 0)).toEqual([250, 500, 1000, 2000, 3750]);
		expect(reconnectIntervals(() => 0.999999)).toEqual([1750, 3500, 7000, 14000, 26250]);
	});

	it('differ between devices (drawn from the random source)', () => {
		let seed = 1;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const devices = Array.from({ length: 200 }, () => reconnectIntervals(random)[0] as number);
		const spread = Math.max(...devices) - Math.min(...devices);
		expect(spread).toBeGreaterThan(1200);
		expect(new Set(devices).size).toBeGreaterThan(150);
	});
});

/** A hand-driven server for the channel: each connect is a stream the test writes to or ends. */
function fakeStreams() {
	const encoder = new TextEncoder();
	const connects: {
		headers: Record<string, string>;
		send: (text: string) => void;
		end: () => void;
		aborted: () => boolean;
	}[] = [];
	let status = 200;
	const fetch = ((_url: string, init: RequestInit) => {
		if (status !== 200) return Promise.resolve(new Response('{}', { status }));
		let controller!: ReadableStreamDefaultController<Uint8Array>;
		const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
		const signal = init.signal as AbortSignal;
		signal.addEventListener('abort', () => controller.error(new DOMException('aborted')));
		connects.push({
			headers: init.headers as Record<string, string>,
			send: (text) => controller.enqueue(encoder.encode(text)),
			end: () => controller.close(),
			aborted: () => signal.aborted
		});
		return Promise.resolve(new Response(body, { status: 200 }));
	}) as typeof globalThis.fetch;
	const timers: { fn: () => void; ms: number }[] = [];
	return {
		connects,
		timers,
		setStatus: (next: number) => (status = next),
		options: {
			fetch,
			setTimer: (fn: () => void, ms: number) => timers.push({ fn, ms }),
			clearTimer: () => undefined,
			random: () => 0
		}
	};
}

function channel(streams: ReturnType<typeof fakeStreams>, overrides: Partial<LiveChannelOptions>) {
	const heard: string[] = [];
	const live = new LiveChannel({
		url: 'http://fake.test/api/tend/live',
		token: () => 'the-token',
		onHello: ({ epoch }) => heard.push(epoch ? `hello ${epoch}` : 'hello'),
		onChange: (collections) => heard.push(collections.join(',')),
		onUnauthorized: () => heard.push('unauthorized'),
		...streams.options,
		...overrides
	});
	return { live, heard };
}

describe('the spread a notice asks for', () => {
	it.each([
		['{"collections":["events"],"spreadMs":20000}', 20_000],
		['{"collections":["events"]}', 0],
		['{"collections":["events"],"spreadMs":-5}', 0],
		['{"collections":["events"],"spreadMs":"20000"}', 0],
		['{"collections":["events"],"spreadMs":1e9}', MAX_SPREAD_MS],
		['not json', 0]
	])('%s → %i ms', (data, ms) => {
		expect(spreadOf(data)).toBe(ms);
	});
});

describe('the live channel', () => {
	it('pulls a change that asks for a spread after a random part of it, with what came meanwhile', async () => {
		const streams = fakeStreams();
		const { live, heard } = channel(streams, { random: () => 0.25 });
		live.start();
		await expect.poll(() => streams.connects.length).toBe(1);
		const stream = streams.connects[0];
		stream?.send('event: hello\ndata: {}\n\n');
		stream?.send('event: change\ndata: {"collections":["events"],"spreadMs":20000}\n\n');
		await expect.poll(() => streams.timers.length).toBe(1);
		expect(streams.timers[0]?.ms).toBe(5000); // a quarter of the spread, this device's draw
		// another spread change waits with it; one without a spread is pulled at once
		stream?.send('event: change\ndata: {"collections":["cards"],"spreadMs":20000}\n\n');
		stream?.send('event: change\ndata: {"collections":["connections"]}\n\n');
		await expect.poll(() => heard).toEqual(['hello', 'connections']);
		expect(streams.timers).toHaveLength(1);
		streams.timers[0]?.fn();
		expect(heard).toEqual(['hello', 'connections', 'cards,events']);
		live.stop();
	});

	it('drops a waiting spread pull when stopped (the next hello syncs everything)', async () => {
		const streams = fakeStreams();
		const cleared: unknown[] = [];
		const { live, heard } = channel(streams, {
			setTimer: (fn: () => void, ms: number) => streams.timers.push({ fn, ms }),
			clearTimer: (handle) => cleared.push(handle)
		});
		live.start();
		await expect.poll(() => streams.connects.length).toBe(1);
		streams.connects[0]?.send('event: hello\ndata: {}\n\n');
		streams.connects[0]?.send(
			'event: change\ndata: {"collections":["events"],"spreadMs":1000}\n\n'
		);
		await expect.poll(() => streams.timers.length).toBe(1);
		live.stop();
		expect(cleared).toEqual([1]); // the handle setTimer returned (the timers' count)
		expect(heard).toEqual(['hello']);
	});

	it('sends the token in a header and passes on hello and change notices', async () => {
		const streams = fakeStreams();
		const { live, heard } = channel(streams, {});
		live.start();
		await expect.poll(() => streams.connects.length).toBe(1);
		expect(streams.connects[0]?.headers.authorization).toBe('the-token');
		streams.connects[0]?.send('event: hello\ndata: {"epoch":"e1"}\n\n');
		streams.connects[0]?.send('event: change\ndata: {"collections":["connections"]}\n\n');
		await expect.poll(() => heard).toEqual(['hello e1', 'connections']);
		expect(live.isConnected).toBe(true);
		live.stop();
		expect(streams.connects[0]?.aborted()).toBe(true);
	});

	it('reconnects after a dropped stream with growing jittered waits, reset by a hello', async () => {
		const streams = fakeStreams();
		const { live, heard } = channel(streams, {});
		live.start();
		await expect.poll(() => streams.connects.length).toBe(1);
		streams.connects[0]?.end();
		await expect.poll(() => streams.timers.length).toBe(1);
		expect(streams.timers[0]?.ms).toBe(250);
		streams.timers[0]?.fn();
		await expect.poll(() => streams.connects.length).toBe(2);
		streams.connects[1]?.end();
		await expect.poll(() => streams.timers.length).toBe(2);
		expect(streams.timers[1]?.ms).toBe(500);
		streams.timers[1]?.fn();
		await expect.poll(() => streams.connects.length).toBe(3);
		streams.connects[2]?.send('event: hello\ndata: {}\n\n');
		await expect.poll(() => heard).toEqual(['hello']);
		streams.connects[2]?.end();
		await expect.poll(() => streams.timers.length).toBe(3);
		expect(streams.timers[2]?.ms).toBe(250);
		live.stop();
	});

	it('stops on a refused token and says so, without reconnecting', async () => {
		const streams = fakeStreams();
		streams.setStatus(401);
		const { live, heard } = channel(streams, {});
		live.start();
		await expect.poll(() => heard).toEqual(['unauthorized']);
		expect(streams.timers).toHaveLength(0);
		expect(live.isConnected).toBe(false);
	});

	it('asks nothing of the server without a session (a token it could only refuse)', async () => {
		const streams = fakeStreams();
		const { live, heard } = channel(streams, { token: () => '' });
		live.start();
		expect(heard).toEqual(['unauthorized']);
		expect(streams.connects).toHaveLength(0);
		expect(streams.timers).toHaveLength(0);
	});

	it('keeps trying while the server answers errors', async () => {
		const streams = fakeStreams();
		streams.setStatus(503);
		const { live, heard } = channel(streams, {});
		live.start();
		await expect.poll(() => streams.timers.length).toBe(1);
		streams.setStatus(200);
		streams.timers[0]?.fn();
		await expect.poll(() => streams.connects.length).toBe(1);
		expect(heard).toEqual([]);
		live.stop();
	});

	it('never reconnects after stop()', async () => {
		const streams = fakeStreams();
		const { live } = channel(streams, {});
		live.start();
		await expect.poll(() => streams.connects.length).toBe(1);
		live.stop();
		await new Promise((r) => setTimeout(r, 20));
		expect(streams.timers).toHaveLength(0);
	});
});

describe('the engine, followed live', () => {
	function handDriven() {
		let handlers: LiveHandlers | null = null;
		const state = { started: 0, stopped: 0 };
		return {
			state,
			live: (given: LiveHandlers) => {
				handlers = given;
				return { start: () => void state.started++, stop: () => void state.stopped++ };
			},
			hello: (epoch: string | null = null) => handlers?.onHello({ epoch }),
			change: (collections: CollectionName[]) => handlers?.onChange(collections)
		};
	}

	it('pulls everything on hello and only what a notice names after it', async () => {
		const live = handDriven();
		const { server, engine, db } = await setup({ live: live.live });
		engine.startRealtime();
		engine.startRealtime(); // once only
		expect(live.state.started).toBe(1);
		const pulls = (collection: string) => server.pulls.filter((p) => p.includes(collection)).length;
		live.hello();
		await expect.poll(() => pulls('connections')).toBe(1);
		expect(pulls('interactions')).toBe(1);

		const theirs = aConnection({ text: 'from the other phone' });
		server.seed('connections', theirs);
		live.change(['connections']);
		await expect
			.poll(() => getRecord(db, 'connections', theirs.id))
			.toEqual(expect.objectContaining({ text: 'from the other phone' }));
		expect(pulls('connections')).toBe(2);
		expect(pulls('interactions')).toBe(1);
		engine.stopRealtime();
		expect(live.state.stopped).toBe(1);
	});

	it('merges notices that arrive during a run into one more run', async () => {
		const live = handDriven();
		const { server, engine } = await setup({ live: live.live });
		engine.startRealtime();
		const running = engine.sync();
		live.change(['connections']);
		live.change(['interactions']);
		live.change(['connections']);
		await running;
		await engine.pull([]);
		// the full run and one merged run for both named collections, one request each
		expect(server.pulls).toEqual([
			['connections', 'interactions'],
			['connections', 'interactions']
		]);
	});

	it('sends again what the server acknowledged when its data epoch changes (a restore)', async () => {
		const live = handDriven();
		const { server, engine, db } = await setup({ live: live.live });
		engine.startRealtime();
		live.hello('epoch-1');
		const kept = aConnection({ text: 'saved before the restore' });
		await engine.write({ action: 'create', collection: 'connections', record: kept });
		await engine.sync();
		expect(await listOutbox(db)).toEqual([]);
		// the same epoch again (a reconnect) sends nothing again
		live.hello('epoch-1');
		await expect.poll(() => engine.status.current.isSyncing).toBe(false);
		await engine.sync();
		expect(server.history.get(`connections/${kept.id}`)).toHaveLength(1);
		// the server comes back from a backup without it, under a new epoch
		server.tables.get('connections')?.delete(kept.id);
		const queued = aConnection({ text: 'made after' });
		await engine.write({ action: 'create', collection: 'connections', record: queued });
		live.hello('epoch-2');
		await expect
			.poll(() =>
				server
					.records('connections')
					.map((r) => r.id)
					.sort()
			)
			.toEqual([kept.id, queued.id].sort());
		await expect.poll(async () => (await listOutbox(db)).length).toBe(0);
		expect(server.records('connections').find((r) => r.id === kept.id)?.text).toBe(
			'saved before the restore'
		);
	});

	it('keeps what the server acknowledged for 7 days, no longer', async () => {
		const { engine, db } = await setup();
		const old = aConnection();
		await engine.write({ action: 'create', collection: 'connections', record: old });
		await engine.sync();
		const [kept] = await db.getAll('acked');
		expect(kept).toMatchObject({ recordId: old.id, action: 'create' });
		const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
		await db.put('acked', { ...kept!, ackedAt: eightDaysAgo });
		const fresh = aConnection();
		await engine.write({ action: 'create', collection: 'connections', record: fresh });
		await engine.sync();
		expect((await db.getAll('acked')).map((e) => e.recordId)).toEqual([fresh.id]);
	});

	it('a first hello only remembers the epoch', async () => {
		const live = handDriven();
		const { server, engine } = await setup({ live: live.live });
		engine.startRealtime();
		const record = aConnection();
		await engine.write({ action: 'create', collection: 'connections', record });
		await engine.sync();
		live.hello('epoch-a');
		await expect.poll(() => engine.status.current.lastSyncedAt).not.toBeNull();
		await engine.sync();
		expect(server.history.get(`connections/${record.id}`)).toHaveLength(1);
	});

	it('a partial run leaves the time of the last full sync alone', async () => {
		const live = handDriven();
		const { engine } = await setup({ live: live.live });
		await engine.pull(['connections']);
		expect(engine.status.current.lastSyncedAt).toBeNull();
		await engine.sync();
		expect(engine.status.current.lastSyncedAt).not.toBeNull();
	});
});
