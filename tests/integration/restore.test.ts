// A restore loses nothing devices still hold (pocketbase/epoch.go): the server is restored from a
// backup taken before some of a device's changes; the live stream's hello then carries a new data
// epoch, the device puts what the server had acknowledged back in its outbox, and the server ends
// up with exactly what the device held: nothing missing, nothing twice. On a server of its own
// (a restore replaces all of its data).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PocketBase from 'pocketbase';
import { openLocalStore } from '../../src/lib/offline/local-store';
import { listOutbox } from '../../src/lib/offline/outbox';
import { newRecordId } from '../../src/lib/offline/record-id';
import { SyncEngine } from '../../src/lib/offline/sync-engine';
import { startThrowawayPocketBase, waitForHealth } from '../../scripts/lib/pocketbase.js';

type Server = Awaited<ReturnType<typeof startThrowawayPocketBase>>;
let server: Server;

beforeAll(async () => {
	server = await startThrowawayPocketBase();
}, 120_000);
afterAll(() => server.dispose());

/** The epoch in a live hello, read with this token. */
async function helloEpoch(token: string): Promise<string> {
	const abort = new AbortController();
	const res = await fetch(`${server.url}/api/tend/live`, {
		headers: { authorization: token },
		signal: abort.signal
	});
	const reader = (res.body as ReadableStream<Uint8Array>).getReader();
	let text = '';
	while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
	abort.abort();
	const match = /^data: (.*)$/m.exec(text);
	return (JSON.parse(match?.[1] ?? '{}') as { epoch: string }).epoch;
}

describe('a restore from last night’s backup', () => {
	it('comes back whole once the device syncs: nothing missing, nothing twice', async () => {
		const pb = new PocketBase(server.url);
		pb.autoCancellation(false);
		const email = `restore-${newRecordId()}@tend.test`;
		const password = 'correct-horse-battery';
		await pb.collection('users').create({ email, password, passwordConfirm: password });
		await pb.collection('users').authWithPassword(email, password);
		const admin = new PocketBase(server.url);
		await admin
			.collection('_superusers')
			.authWithPassword(server.superuser.email, server.superuser.password);

		const db = await openLocalStore(`tend-restore-${Date.now()}`);
		const engine = new SyncEngine({
			db,
			pb,
			collections: ['connections', 'interactions'],
			timeoutMs: 10_000,
			isRetryScheduled: false
		});
		engine.startRealtime();
		const epochBefore = await helloEpoch(pb.authStore.token);
		// a plain restart keeps the epoch (nothing is sent again for it)
		await server.stop();
		await server.start();
		expect(await helloEpoch(pb.authStore.token)).toBe(epochBefore);

		const write = async (id: string, memoryNote: string, action: 'create' | 'update') =>
			engine.write({ action, collection: 'connections', record: { id, memoryNote } });
		const held = new Map<string, string>();
		for (let i = 0; i < 5; i++) {
			const id = newRecordId();
			held.set(id, `before #${i}`);
			await write(id, `before #${i}`, 'create');
		}
		await engine.sync();
		expect(await listOutbox(db)).toEqual([]);

		await admin.backups.create('before.zip');
		const [firstId] = [...held.keys()];
		for (let i = 0; i < 5; i++) {
			const id = newRecordId();
			held.set(id, `after #${i}`);
			await write(id, `after #${i}`, 'create');
		}
		held.set(firstId!, 'changed after the backup');
		await write(firstId!, 'changed after the backup', 'update');
		await engine.sync();
		expect(await listOutbox(db)).toEqual([]);
		const onServer = async () =>
			Object.fromEntries(
				(
					await admin
						.collection('connections')
						.getFullList({ filter: `owner = "${pb.authStore.record?.id}"` })
				).map((r) => [r.id, r.memoryNote as string])
			);
		expect(await onServer()).toEqual(Object.fromEntries(held));

		// the restore (PocketBase restarts itself on the restored data)
		await admin.backups.restore('before.zip').catch(() => undefined);
		await new Promise((r) => setTimeout(r, 1000));
		await waitForHealth(server.url);
		await expect
			.poll(() => helloEpoch(pb.authStore.token), { timeout: 20_000 })
			.not.toBe(epochBefore);

		// the device reconnects by itself, sees the new epoch and sends again what it held
		await expect
			.poll(onServer, { timeout: 30_000, interval: 500 })
			.toEqual(Object.fromEntries(held));
		await expect.poll(async () => (await listOutbox(db)).length, { timeout: 10_000 }).toBe(0);
		expect(engine.status.current.failedItems).toEqual([]);
		engine.dispose();
		db.close();
	}, 120_000);
});
