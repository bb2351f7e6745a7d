// Soft deletes: a device deletes a connection, interaction or decision by saving it with `deleted`
// set; the server blanks the tombstone, stamps its own time, never lets it come back, forgets what
// hangs off a forgotten person in the same transaction and purges tombstones after 90 days.
// Interactions also gained the `conversation` kind and a `mode`.
import { describe, expect, it } from 'vitest';
import type { RecordModel } from 'pocketbase';
import {
	call,
	newPerson,
	rid,
	statusOf,
	superuser,
	swap,
	type Person
} from '../support/pb-harness';

const DAY_MS = 24 * 60 * 60 * 1000;
const now = (): string => new Date().toISOString();
const msOf = (pbDate: string): number => Date.parse(pbDate.replace(' ', 'T'));

/** `scanner` scans `owner`'s code; returns the scanner's connection. */
async function holds(scanner: Person, owner: Person): Promise<string> {
	const reply = await swap(scanner, owner);
	if (reply.status !== 200) throw new Error(`swap: ${reply.status}`);
	return (reply.body as { connection: { id: string } }).connection.id;
}

/** The record as the superuser reads it (hidden fields too), or null when gone. */
async function stored(collection: string, id: string): Promise<RecordModel | null> {
	const admin = await superuser();
	return admin
		.collection(collection)
		.getOne(id)
		.catch(() => null);
}

/** The validation code PocketBase gave a field of a failed SDK call. */
async function fieldCode(run: () => Promise<unknown>, field: string): Promise<unknown> {
	try {
		await run();
		return 'accepted';
	} catch (error) {
		const data = (error as { response?: { data?: Record<string, { code?: string }> } }).response
			?.data;
		return data?.[field]?.code;
	}
}

describe('a tombstone', () => {
	it('of a connection carries no content, and `deleted` is the server’s time, not the body’s', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await holds(alice, bob);
		await alice.pb.collection('connections').update(connection, {
			memoryNote: 'met at the bar',
			howICanHelp: 'intro to Dana',
			promise: 'send the paper',
			tags: ['ml'],
			cadence: 'close',
			archived: true
		});
		const before = Date.now();
		const answer = await alice.pb
			.collection('connections')
			.update(connection, { deleted: '2000-01-01 00:00:00.000Z', memoryNote: 'still here?' });
		const after = await stored('connections', connection);
		expect(answer.id).toBe(connection);
		for (const record of [answer, after]) {
			expect(record).toMatchObject({
				owner: alice.id,
				card: '',
				snapshot: null,
				event: '',
				metAt: '',
				channel: '',
				memoryNote: '',
				howICanHelp: '',
				promise: '',
				tags: null,
				cadence: '',
				needsNote: false,
				archived: false,
				level: '',
				revoked: false
			});
		}
		expect(after?.revokedAt).toBe('');
		const deletedAt = msOf(String(after?.deleted));
		expect(deletedAt).toBeGreaterThanOrEqual(before - 2000);
		expect(deletedAt).toBeLessThanOrEqual(Date.now() + 2000);
	});

	it('of an interaction or decision keeps only what the schema requires (and promptId)', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await holds(alice, bob);
		const interaction = await alice.pb.collection('interactions').create({
			id: rid(),
			kind: 'conversation',
			mode: 'call',
			text: 'long call about funding',
			at: now(),
			people: [connection],
			deleted: now()
		});
		expect(interaction).toMatchObject({ kind: 'conversation', text: '', people: [], mode: '' });
		expect(interaction.deleted).not.toBe('');
		const decision = await alice.pb
			.collection('decisions')
			.create({ promptId: 'p-7', state: 'snoozed', until: now() });
		const gone = await alice.pb.collection('decisions').update(decision.id, { deleted: now() });
		expect(gone).toMatchObject({ promptId: 'p-7', state: 'snoozed', until: '' });
		expect(gone.deleted).not.toBe('');
	});

	it.each([
		['clearing `deleted`', { deleted: '' }],
		['an edit made offline', { memoryNote: 'edited on the plane', cadence: 'close' }],
		['the delete again (a replay)', { deleted: now() }],
		['clearing it while naming a card field', { deleted: null, snapshot: { name: 'back' } }]
	])('never comes back: %s answers 200 with the stored tombstone', async (_n, change) => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await holds(alice, bob);
		await alice.pb.collection('connections').update(connection, { deleted: now() });
		const before = await stored('connections', connection);
		const answer = await alice.pb.collection('connections').update(connection, change);
		const after = await stored('connections', connection);
		expect(after).toEqual(before);
		expect(answer).toMatchObject({ id: connection, deleted: before?.deleted, memoryNote: '' });
		expect(answer.updated).toBe(before?.updated);
	});

	it('never comes back through the batch API either (the device’s outbox)', async () => {
		const alice = await newPerson('alice');
		const note = await alice.pb
			.collection('interactions')
			.create({ kind: 'note', text: 'secret', at: now() });
		await alice.pb.collection('interactions').update(note.id, { deleted: now() });
		const before = await stored('interactions', note.id);
		const batch = alice.pb.createBatch();
		batch.collection('interactions').update(note.id, { text: 'resurrected', deleted: '' });
		batch.collection('interactions').update(note.id, { deleted: now() });
		const results = await batch.send();
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		expect((results[0]?.body as RecordModel).text).toBe('');
		expect(await stored('interactions', note.id)).toEqual(before);
	});

	it('is the owner’s only: a stranger can neither find, read nor change it', async () => {
		const alice = await newPerson('alice');
		const carol = await newPerson('carol');
		const decision = await alice.pb
			.collection('decisions')
			.create({ promptId: 'p-1', state: 'done' });
		await alice.pb.collection('decisions').update(decision.id, { deleted: now() });
		const before = await stored('decisions', decision.id);
		expect(await carol.pb.collection('decisions').getFullList({ filter: 'deleted != ""' })).toEqual(
			[]
		);
		expect(await statusOf(() => carol.pb.collection('decisions').getOne(decision.id))).toBe(404);
		expect(
			await statusOf(() =>
				carol.pb.collection('decisions').update(decision.id, { deleted: '', state: 'done' })
			)
		).toBe(404);
		expect(await stored('decisions', decision.id)).toEqual(before);
		expect(
			(await alice.pb.collection('decisions').getFullList({ filter: 'deleted != ""' })).map(
				(d) => d.id
			)
		).toEqual([decision.id]);
	});
});

describe('forgetting a person', () => {
	it('forgets their card changes and their place in my timeline, in one go; their side stays', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const dana = await newPerson('dana');
		const toBob = await holds(alice, bob); // alice's met interaction names only bob
		const toDana = await holds(alice, dana);
		const bobsToAlice = (await bob.pb.collection('connections').getFullList())[0]!;
		const both = await alice.pb
			.collection('interactions')
			.create({ kind: 'introduced', text: 'bob ↔ dana', at: now(), people: [toBob, toDana] });
		const aboutBob = await alice.pb
			.collection('interactions')
			.create({ kind: 'gave', text: 'a book', at: now(), people: [toBob] });
		await bob.pb.collection('cards').update(bob.cardId, { headline: 'bob, moved on' });
		expect(
			await alice.pb.collection('card_changes').getFullList({ filter: `connection = "${toBob}"` })
		).toHaveLength(1);

		await alice.pb.collection('connections').update(toBob, { deleted: now() });

		expect(
			await (
				await superuser()
			)
				.collection('card_changes')
				.getFullList({ filter: `connection = "${toBob}"` })
		).toEqual([]);
		const timeline = await alice.pb.collection('interactions').getFullList();
		const byId = new Map(timeline.map((i) => [i.id, i]));
		expect(byId.get(aboutBob.id)).toMatchObject({ text: '', people: [] });
		expect(byId.get(aboutBob.id)?.deleted).not.toBe('');
		const met = timeline.filter((i) => i.kind === 'met' && i.people.length === 0);
		expect(met.length).toBe(1); // bob's met, tombstoned (dana's still names her)
		expect(met[0]?.deleted).not.toBe('');
		expect(byId.get(both.id)).toMatchObject({ deleted: '', text: 'bob ↔ dana', people: [toDana] });
		expect(byId.get(both.id)!.updated > both.updated).toBe(true);
		expect(timeline.find((i) => i.people.includes(toDana) && i.kind === 'met')?.deleted).toBe('');
		// bob's card and his connection to alice's card are his
		expect(await bob.pb.collection('connections').getOne(bobsToAlice.id)).toEqual(bobsToAlice);
		expect((await bob.pb.collection('cards').getOne(bob.cardId)).headline).toBe('bob, moved on');
	});

	it('leaves no holder behind: not in their holders list, no card changes, no snapshot', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const toBob = await holds(alice, bob);
		await alice.pb.collection('connections').update(toBob, { deleted: now() });
		const tombstone = await stored('connections', toBob);
		const list = await call(bob, 'GET', '/api/tend/holders');
		expect((list.body.items as { connection: string }[]).map((i) => i.connection)).not.toContain(
			toBob
		);
		await bob.pb.collection('cards').update(bob.cardId, { headline: 'after the forgetting' });
		expect(await alice.pb.collection('card_changes').getFullList()).toEqual([]);
		expect(await stored('connections', toBob)).toEqual(tombstone);
		// nor can bob treat the tombstone as a holder of his card
		expect((await call(bob, 'POST', `/api/tend/holders/${toBob}`, { revoked: true })).status).toBe(
			404
		);
	});

	it('a later swap with the same card makes a fresh connection, whatever id the device sends', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const toBob = await holds(alice, bob);
		await alice.pb.collection('connections').update(toBob, { deleted: now() });
		const tombstone = await stored('connections', toBob);
		const again = await swap(alice, bob, { connectionId: toBob });
		expect(again.status).toBe(200);
		const fresh = (again.body as { connection: RecordModel; isNew: boolean }).connection;
		expect(fresh.id).not.toBe(toBob);
		expect(fresh).toMatchObject({ card: bob.cardId, deleted: '', snapshot: { name: 'bob name' } });
		expect(await stored('connections', toBob)).toEqual(tombstone);
		const third = await swap(alice, bob);
		expect((third.body as { connection: { id: string } }).connection.id).toBe(fresh.id);
	});

	it('a forgotten person cannot be named by a new interaction, nor more than 50 people', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const toBob = await holds(alice, bob);
		const later = await alice.pb
			.collection('interactions')
			.create({ kind: 'note', text: 'keep', at: now() });
		await alice.pb.collection('connections').update(toBob, { deleted: now() });
		const interactions = alice.pb.collection('interactions');
		const naming = { kind: 'note', at: now(), people: [toBob] };
		expect(await fieldCode(() => interactions.create(naming), 'people')).toBe(
			'validation_not_your_connection'
		);
		expect(await fieldCode(() => interactions.update(later.id, naming), 'people')).toBe(
			'validation_not_your_connection'
		);
		const many = Array.from({ length: 51 }, () => rid());
		expect(
			await fieldCode(
				() => interactions.create({ kind: 'note', at: now(), people: many }),
				'people'
			)
		).toBe('validation_too_many_people');
		expect((await stored('interactions', later.id))?.people).toEqual([]);
	});
});

describe('the purge', () => {
	it('is for superusers only', async () => {
		const alice = await newPerson('alice');
		expect((await call(null, 'POST', '/api/tend/admin/purge-tombstones', {})).status).toBe(401);
		expect((await call(alice, 'POST', '/api/tend/admin/purge-tombstones', {})).status).toBe(403);
	});

	it('hard-deletes tombstones 90 days after their deletion, and nothing else', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const toBob = await holds(alice, bob);
		const live = await alice.pb
			.collection('decisions')
			.create({ promptId: 'p-live', state: 'done' });
		const note = await alice.pb
			.collection('interactions')
			.create({ kind: 'note', text: 'x', at: now() });
		await alice.pb.collection('interactions').update(note.id, { deleted: now() });
		await alice.pb.collection('connections').update(toBob, { deleted: now() });
		const deletedAt = msOf(String((await stored('connections', toBob))?.deleted));
		const admin = await superuser();
		const purge = (atMs: number) =>
			admin.send('/api/tend/admin/purge-tombstones', {
				method: 'POST',
				body: { now: new Date(atMs).toISOString() }
			});

		await purge(deletedAt + 89 * DAY_MS);
		expect(await stored('connections', toBob)).not.toBeNull();
		expect(await stored('interactions', note.id)).not.toBeNull();

		const answer = (await purge(deletedAt + 91 * DAY_MS)) as { purged: Record<string, number> };
		expect(answer.purged.connections).toBeGreaterThanOrEqual(1);
		expect(await stored('connections', toBob)).toBeNull();
		expect(await stored('interactions', note.id)).toBeNull();
		expect(await stored('decisions', live.id)).not.toBeNull();
		expect(await alice.pb.collection('interactions').getFullList()).toEqual([]); // met went too
		expect(await bob.pb.collection('connections').getFullList()).toHaveLength(1);
	});
});

describe('interactions', () => {
	it('know conversations and how they happened; text holds 2000 characters', async () => {
		const alice = await newPerson('alice');
		const interactions = alice.pb.collection('interactions');
		const talk = await interactions.create({
			kind: 'conversation',
			mode: 'in_person',
			text: 't'.repeat(2000),
			at: now()
		});
		expect(talk).toMatchObject({ kind: 'conversation', mode: 'in_person' });
		const follow = await interactions.create({ kind: 'followed_up', mode: 'email', at: now() });
		expect(follow.mode).toBe('email');
		for (const bad of [
			{ kind: 'conversation', mode: 'telepathy', at: now() },
			{ kind: 'gossip', at: now() },
			{ kind: 'note', text: 't'.repeat(2001), at: now() },
			{ kind: 'note' }
		]) {
			expect(await statusOf(() => interactions.create(bad))).toBe(400);
		}
	});
});
