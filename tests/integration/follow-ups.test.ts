// Follow-up decisions and settings against the real PocketBase, from every side (anonymous, the
// owner, another user, a superuser):
// - settings: one record per user, its id the user's id, made by the server with the account;
//   only its owner reads and updates it (with valid values), nobody creates or deletes it through
//   the records API, and it goes with the account;
// - decisions: one per owner and prompt id (a unique index); a create naming the requester's own
//   decision for the same prompt is an upsert (last write wins, a tombstone stays a tombstone),
//   one naming anybody else's gets exactly the answer of any taken id; `open` is the undo;
// - the device's sync engine: two devices deciding the same prompt offline end with one decision,
//   and settings are pulled and pushed like any collection.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import PocketBase, { ClientResponseError, type RecordModel } from 'pocketbase';
import { decisionId } from '../../src/lib/domain/follow-ups/decision-id';
import { getRecord, openLocalStore } from '../../src/lib/offline/local-store';
import { countAttempt, listOutbox } from '../../src/lib/offline/outbox';
import { SyncEngine } from '../../src/lib/offline/sync-engine';
import {
	anonymous,
	call,
	newUser,
	pbUrl,
	rid,
	statusOf,
	superuser,
	type Person,
	type Reply
} from '../support/pb-harness';

/** The record as the superuser reads it, or null when there is none. */
async function stored(collection: string, id: string): Promise<RecordModel | null> {
	const admin = await superuser();
	return admin
		.collection(collection)
		.getOne(id)
		.catch(() => null);
}

/** The field → validation code map of a failed SDK call ('accepted' when it went through). */
async function fieldCodes(run: () => Promise<unknown>): Promise<Record<string, string> | string> {
	try {
		await run();
		return 'accepted';
	} catch (error) {
		if (!(error instanceof ClientResponseError)) throw error;
		const data = (error.response as { data?: Record<string, { code?: string }> }).data ?? {};
		return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v.code)]));
	}
}

/** A reply with what differs between any two equal refusals (nothing, here) left out. */
function shapeOf(reply: Reply): Reply {
	return { status: reply.status, body: reply.body };
}

describe('settings', () => {
	let alice: Person;
	let bob: Person;
	beforeAll(async () => {
		alice = await newUser('alice');
		bob = await newUser('bob');
	});

	it('exist right after sign-up: the user’s id, 5 a day, occasional', async () => {
		const fresh = await newUser('fresh');
		const mine = await fresh.pb.collection('settings').getFullList();
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({
			id: fresh.id,
			owner: fresh.id,
			dailyCap: 5,
			defaultCadence: 'occasional'
		});
		expect(await fresh.pb.collection('settings').getOne(fresh.id)).toMatchObject({ dailyCap: 5 });
	});

	it('are made for users a superuser creates too', async () => {
		const admin = await superuser();
		const password = 'correct-horse-battery';
		const user = await admin
			.collection('users')
			.create({ email: `admin-made-${rid()}@tend.test`, password, passwordConfirm: password });
		expect(await stored('settings', user.id)).toMatchObject({ owner: user.id, dailyCap: 5 });
	});

	it('the owner updates them with valid values (the whole record back, owner included)', async () => {
		const col = alice.pb.collection('settings');
		const current = await col.getOne(alice.id);
		const updated = await col.update(alice.id, {
			...current,
			dailyCap: 20,
			defaultCadence: 'close'
		});
		expect(updated).toMatchObject({ owner: alice.id, dailyCap: 20, defaultCadence: 'close' });
		expect(await col.update(alice.id, { dailyCap: 1, defaultCadence: 'none' })).toMatchObject({
			dailyCap: 1,
			defaultCadence: 'none'
		});
	});

	it.each([
		[{ dailyCap: 0 }, 'dailyCap'],
		[{ dailyCap: 21 }, 'dailyCap'],
		[{ dailyCap: 2.5 }, 'dailyCap'],
		[{ dailyCap: 'x' }, 'dailyCap'],
		[{ dailyCap: -5 }, 'dailyCap'],
		[{ dailyCap: null }, 'dailyCap'],
		[{ defaultCadence: 'hourly' }, 'defaultCadence'],
		[{ defaultCadence: '' }, 'defaultCadence'],
		[{ defaultCadence: null }, 'defaultCadence']
	])('refuses %j (400 on %s) and keeps what was there', async (body, field) => {
		const before = await stored('settings', alice.id);
		const codes = await fieldCodes(() => alice.pb.collection('settings').update(alice.id, body));
		expect(typeof codes === 'object' && Object.keys(codes)).toEqual([field]);
		expect(await stored('settings', alice.id)).toEqual(before);
		expect(await statusOf(() => alice.pb.collection('settings').update(alice.id, body))).toBe(400);
	});

	it('the owner can neither hand them to someone else nor change their id', async () => {
		const before = await stored('settings', alice.id);
		const col = alice.pb.collection('settings');
		expect(await statusOf(() => col.update(alice.id, { owner: bob.id }))).toBe(404);
		expect(await statusOf(() => col.update(alice.id, { owner: '' }))).toBe(404);
		expect(await statusOf(() => col.update(alice.id, { id: rid() }))).toBe(400);
		expect(await stored('settings', alice.id)).toEqual(before);
	});

	it('nobody creates or deletes them through the records API, the owner included', async () => {
		for (const who of [alice, bob]) {
			const col = who.pb.collection('settings');
			for (const id of [rid(), who.id]) {
				const body = { id, owner: who.id, dailyCap: 3, defaultCadence: 'close' };
				expect(await statusOf(() => col.create(body))).toBe(403);
			}
		}
		const anon = anonymous().collection('settings');
		expect(await statusOf(() => anon.create({ owner: alice.id, dailyCap: 3 }))).toBe(403);
		expect(await statusOf(() => alice.pb.collection('settings').delete(alice.id))).toBe(403);
		expect(await statusOf(() => anon.delete(alice.id))).toBe(403);
		expect(await stored('settings', alice.id)).not.toBeNull();
		expect(await stored('settings', bob.id)).toMatchObject({ dailyCap: 5 });
	});

	it('another user’s are invisible and unchangeable: 404 on view and update, absent from lists', async () => {
		const before = await stored('settings', alice.id);
		for (const pb of [bob.pb, anonymous()]) {
			const col = pb.collection('settings');
			expect(await statusOf(() => col.getOne(alice.id))).toBe(404);
			expect((await col.getFullList()).map((r) => r.id)).not.toContain(alice.id);
			expect(await col.getFullList({ filter: `owner = "${alice.id}"` })).toEqual([]);
			expect(await statusOf(() => col.update(alice.id, { dailyCap: 9 }))).toBe(404);
		}
		expect((await bob.pb.collection('settings').getFullList()).map((r) => r.id)).toEqual([bob.id]);
		expect(await anonymous().collection('settings').getFullList()).toEqual([]);
		expect(await stored('settings', alice.id)).toEqual(before);
	});

	it('a superuser reads and may fix anyone’s (the rules bind people, not operators)', async () => {
		const admin = await superuser();
		const all = await admin
			.collection('settings')
			.getFullList({ filter: `id = "${alice.id}" || id = "${bob.id}"` });
		expect(all.map((r) => r.id).sort()).toEqual([alice.id, bob.id].sort());
		expect(await admin.collection('settings').update(bob.id, { dailyCap: 6 })).toMatchObject({
			dailyCap: 6
		});
		// Field validation binds the superuser too.
		expect(await statusOf(() => admin.collection('settings').update(bob.id, { dailyCap: 0 }))).toBe(
			400
		);
	});

	it('go with the account', async () => {
		const leaving = await newUser('leaving');
		expect(await stored('settings', leaving.id)).not.toBeNull();
		await leaving.pb.collection('users').delete(leaving.id);
		expect(await stored('settings', leaving.id)).toBeNull();
	});
});

describe('decisions', () => {
	let alice: Person;
	let carol: Person;
	beforeAll(async () => {
		alice = await newUser('alice');
		carol = await newUser('carol');
	});

	/** `who`'s create of a decision on `promptId` with the device's id; the raw reply. */
	function decide(who: Person, promptId: string, body: Record<string, unknown>): Promise<Reply> {
		return call(who, 'POST', '/api/collections/decisions/records', {
			id: decisionId(who.id, promptId),
			promptId,
			...body
		});
	}

	it('the same id twice from the same owner is one record, with the second state', async () => {
		const promptId = `thank_you:${rid()}`;
		const id = decisionId(alice.id, promptId);
		const first = await decide(alice, promptId, { state: 'done' });
		expect(first.status).toBe(200);
		const until = '2030-01-02 03:04:05.000Z';
		const second = await decide(alice, promptId, { state: 'snoozed', until });
		expect(second.status).toBe(200);
		expect(second.body).toMatchObject({
			id,
			owner: alice.id,
			promptId,
			state: 'snoozed',
			until,
			collectionName: 'decisions'
		});
		const mine = await alice.pb
			.collection('decisions')
			.getFullList({ filter: alice.pb.filter('promptId = {:p}', { p: promptId }) });
		expect(mine.map((r) => [r.id, r.state, r.until])).toEqual([[id, 'snoozed', until]]);
		// A third write without `until` clears it: the create's body is the whole decision.
		expect((await decide(alice, promptId, { state: 'dismissed' })).body).toMatchObject({
			state: 'dismissed',
			until: ''
		});
	});

	it('the same id twice in one batch (two devices’ queues) is one record, the later state', async () => {
		const promptId = `give:${rid()}`;
		const id = decisionId(alice.id, promptId);
		const batch = alice.pb.createBatch();
		batch.collection('decisions').create({ id, promptId, state: 'done' });
		batch.collection('decisions').create({ id, promptId, state: 'dismissed' });
		const results = await batch.send();
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		expect(await stored('decisions', id)).toMatchObject({ state: 'dismissed', owner: alice.id });
	});

	it('an upsert with an invalid state is refused like a create, and changes nothing', async () => {
		const promptId = `check_in:${rid()}`;
		const id = decisionId(alice.id, promptId);
		await decide(alice, promptId, { state: 'done' });
		const before = await stored('decisions', id);
		const reply = await decide(alice, promptId, { state: 'maybe' });
		expect(reply.status).toBe(400);
		expect(reply.body).toMatchObject({
			message: 'Failed to create record.',
			data: { state: { code: 'validation_invalid_value' } }
		});
		expect(await stored('decisions', id)).toEqual(before);
	});

	it('another user’s decision id is refused, changes nothing, and answers as any taken id', async () => {
		const promptId = `promise:${rid()}`;
		const id = decisionId(alice.id, promptId);
		await decide(alice, promptId, { state: 'snoozed', until: '2030-01-01 00:00:00.000Z' });
		const before = await stored('decisions', id);
		const path = '/api/collections/decisions/records';
		// Carol names alice's decision: same prompt, another prompt, with or without an owner.
		const attempts = [
			await call(carol, 'POST', path, { id, promptId, state: 'done' }),
			await call(carol, 'POST', path, { id, promptId: 'other', state: 'done' }),
			await call(carol, 'POST', path, { id, promptId, state: 'done', owner: carol.id })
		];
		// Any taken id: alice's own decision, named for another prompt (no upsert: the prompt differs).
		const taken = await call(alice, 'POST', path, { id, promptId: 'another', state: 'done' });
		expect(shapeOf(taken)).toEqual({
			status: 400,
			body: {
				data: { id: { code: 'validation_not_unique', message: 'Value must be unique.' } },
				message: 'Failed to create record.',
				status: 400
			}
		});
		for (const attempt of attempts) expect(shapeOf(attempt)).toEqual(shapeOf(taken));
		expect(await stored('decisions', id)).toEqual(before);
		// Carol never sees it, and her own decision on the same prompt id is hers to make.
		expect(await carol.pb.collection('decisions').getFullList()).toEqual([]);
		expect((await decide(carol, promptId, { state: 'done' })).status).toBe(200);
		expect(await stored('decisions', id)).toEqual(before);
	});

	it('anonymous creates are refused, upsert or not', async () => {
		const promptId = `needs_note:${rid()}`;
		const id = decisionId(alice.id, promptId);
		await decide(alice, promptId, { state: 'done' });
		const before = await stored('decisions', id);
		const path = '/api/collections/decisions/records';
		for (const body of [
			{ id, promptId, state: 'dismissed' },
			{ id, promptId, state: 'dismissed', owner: alice.id },
			{ id: rid(), promptId: 'x', state: 'done', owner: alice.id }
		]) {
			expect([400, 403]).toContain((await call(null, 'POST', path, body)).status);
		}
		expect(await stored('decisions', id)).toEqual(before);
	});

	it('a second decision on a decided prompt (another id) is refused by the unique index', async () => {
		const promptId = `introduce:${rid()}`;
		await decide(alice, promptId, { state: 'done' });
		const otherId = rid();
		const codes = await fieldCodes(() =>
			alice.pb.collection('decisions').create({ id: otherId, promptId, state: 'dismissed' })
		);
		expect(codes).toEqual({ owner: 'validation_not_unique', promptId: 'validation_not_unique' });
		expect(await stored('decisions', otherId)).toBeNull();
		// Nor can an update move another decision onto that prompt.
		const elsewhere = await alice.pb
			.collection('decisions')
			.create({ promptId: `elsewhere:${rid()}`, state: 'done' });
		expect(
			await statusOf(() => alice.pb.collection('decisions').update(elsewhere.id, { promptId }))
		).toBe(400);
		expect(
			await alice.pb
				.collection('decisions')
				.getFullList({ filter: alice.pb.filter('promptId = {:p}', { p: promptId }) })
		).toHaveLength(1);
	});

	it('`open` undoes a decision, by update or by the device’s create', async () => {
		const promptId = `card_changed:${rid()}`;
		const id = decisionId(alice.id, promptId);
		await decide(alice, promptId, { state: 'dismissed' });
		expect(await alice.pb.collection('decisions').update(id, { state: 'open' })).toMatchObject({
			state: 'open'
		});
		await decide(alice, promptId, { state: 'done' });
		expect((await decide(alice, promptId, { state: 'open' })).body).toMatchObject({
			id,
			state: 'open',
			deleted: ''
		});
		const fresh = `anniversary:${rid()}`;
		expect((await decide(alice, fresh, { state: 'open' })).body).toMatchObject({ state: 'open' });
	});

	it('a tombstone stays a tombstone through the upsert; a tombstone create makes one', async () => {
		const promptId = `check_in:${rid()}`;
		const id = decisionId(alice.id, promptId);
		await decide(alice, promptId, { state: 'snoozed', until: '2030-01-01 00:00:00.000Z' });
		// The device's create, replayed as a delete: it becomes a tombstone, stamped by the server.
		const gone = await decide(alice, promptId, {
			state: 'snoozed',
			until: '2030-01-01 00:00:00.000Z',
			deleted: '2000-01-01 00:00:00.000Z'
		});
		expect(gone.status).toBe(200);
		expect(gone.body).toMatchObject({ id, until: '' });
		const deletedAt = Date.parse(String(gone.body.deleted).replace(' ', 'T'));
		expect(Math.abs(deletedAt - Date.now())).toBeLessThan(60_000);
		const tombstone = await stored('decisions', id);
		for (const body of [{ state: 'open' }, { state: 'done', deleted: '' }]) {
			const reply = await decide(alice, promptId, body);
			expect(reply.status).toBe(200);
			expect(reply.body).toMatchObject({ id, deleted: tombstone?.deleted, state: 'snoozed' });
			expect(await stored('decisions', id)).toEqual(tombstone);
		}
	});

	it('a superuser may create any decision (rules bind people), the index still holds', async () => {
		const admin = await superuser();
		const promptId = `give:${rid()}`;
		await decide(alice, promptId, { state: 'done' });
		expect(
			await statusOf(() =>
				admin.collection('decisions').create({ owner: alice.id, promptId, state: 'open' })
			)
		).toBe(400);
		// A superuser naming alice's id is no upsert (the server's operator is not the owner).
		expect(
			await statusOf(() =>
				admin.collection('decisions').create({
					id: decisionId(alice.id, promptId),
					owner: alice.id,
					promptId,
					state: 'open'
				})
			)
		).toBe(400);
		expect(await stored('decisions', decisionId(alice.id, promptId))).toMatchObject({
			state: 'done'
		});
	});
});

describe('follow-ups through the device’s sync engine', () => {
	let dbCount = 0;

	/** One device of `pb`'s user: its own local store and engine, decisions and settings synced. */
	async function deviceOf(pb: PocketBase) {
		const db = await openLocalStore(`tend-follow-ups-${++dbCount}-${Date.now()}`);
		const engine = new SyncEngine({
			db,
			pb,
			collections: ['decisions', 'settings'],
			timeoutMs: 10_000,
			isRetryScheduled: false
		});
		return { db, engine };
	}

	/** A second client signed in as the same user (another phone). */
	function secondClient(who: Person): PocketBase {
		const pb = new PocketBase(pbUrl());
		pb.autoCancellation(false);
		pb.authStore.save(who.pb.authStore.token, who.pb.authStore.record);
		return pb;
	}

	it('two devices deciding one prompt offline end with one decision, the later one', async () => {
		const me = await newUser('two-phones');
		const phone = await deviceOf(me.pb);
		const tablet = await deviceOf(secondClient(me));
		const promptId = `thank_you:${rid()}`;
		const id = decisionId(me.id, promptId);
		await phone.engine.write({
			action: 'create',
			collection: 'decisions',
			record: { id, promptId, state: 'done', until: '' }
		});
		await tablet.engine.write({
			action: 'create',
			collection: 'decisions',
			record: { id, promptId, state: 'snoozed', until: '2030-01-01T00:00:00.000Z' }
		});
		await phone.engine.sync();
		await tablet.engine.sync();
		for (const device of [phone, tablet]) {
			expect(device.engine.status.current).toMatchObject({ pendingCount: 0, failedItems: [] });
			expect(await listOutbox(device.db)).toEqual([]);
		}
		const all = await me.pb.collection('decisions').getFullList();
		expect(all.map((r) => [r.id, r.state])).toEqual([[id, 'snoozed']]);
		await phone.engine.sync();
		expect(await getRecord(phone.db, 'decisions', id)).toMatchObject({ state: 'snoozed' });
	});

	it('a replayed decision (its reply lost) still wins over the other device’s', async () => {
		const me = await newUser('replay');
		const phone = await deviceOf(me.pb);
		const tablet = await deviceOf(secondClient(me));
		const promptId = `give:${rid()}`;
		const id = decisionId(me.id, promptId);
		await tablet.engine.write({
			action: 'create',
			collection: 'decisions',
			record: { id, promptId, state: 'dismissed', until: '' }
		});
		// The tablet sent it once, and never heard back (a page reload mid-batch, say).
		await countAttempt(
			tablet.db,
			(await listOutbox(tablet.db)).map((e) => e.seq)
		);
		await phone.engine.write({
			action: 'create',
			collection: 'decisions',
			record: { id, promptId, state: 'done', until: '' }
		});
		await phone.engine.sync();
		await tablet.engine.sync();
		expect(tablet.engine.status.current).toMatchObject({ pendingCount: 0, failedItems: [] });
		expect((await me.pb.collection('decisions').getFullList()).map((r) => r.state)).toEqual([
			'dismissed'
		]);
		expect(await getRecord(tablet.db, 'decisions', id)).toMatchObject({ state: 'dismissed' });
	});

	it('settings are pulled, edited offline and pushed like any record', async () => {
		const me = await newUser('settings-sync');
		const phone = await deviceOf(me.pb);
		await phone.engine.sync();
		const local = await getRecord(phone.db, 'settings', me.id);
		expect(local).toMatchObject({ id: me.id, owner: me.id, dailyCap: 5 });
		await phone.engine.write({
			action: 'update',
			collection: 'settings',
			record: { ...local, id: me.id, dailyCap: 3, defaultCadence: 'regular' }
		});
		await phone.engine.sync();
		expect(phone.engine.status.current).toMatchObject({ pendingCount: 0, failedItems: [] });
		expect(await stored('settings', me.id)).toMatchObject({
			dailyCap: 3,
			defaultCadence: 'regular'
		});
		// An invalid value is kept as a refused change, shown to the user; the server keeps its own.
		await phone.engine.write({
			action: 'update',
			collection: 'settings',
			record: { id: me.id, dailyCap: 50 },
			body: { dailyCap: 50 }
		});
		await phone.engine.sync();
		expect(phone.engine.status.current.failedItems).toHaveLength(1);
		expect(await stored('settings', me.id)).toMatchObject({ dailyCap: 3 });
	});
});
