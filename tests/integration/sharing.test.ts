// Living cards: holders read the card at the level its owner granted (a snapshot on their own
// connection that follows the card while they hold it and stays as it was once revoked), see what
// changed of it (old → new), and never read the card record itself.
import { describe, expect, it } from 'vitest';
import {
	call,
	newPerson,
	reasonOf,
	statusOf,
	superuser,
	swap,
	swapBody,
	tokenOf,
	type Person
} from '../support/pb-harness';

/** An event card that leaves out what I'm looking for (the default shows it). */
const HIDES_LOOKING_FOR = ['headline', 'company', 'photo'];

/** bob swaps with alice; returns bob's connection id and alice's view of bob as a holder. */
async function bobHoldsAlice(alice: Person, bob: Person): Promise<string> {
	const reply = await swap(bob, alice);
	return (reply.body as { connection: { id: string } }).connection.id;
}

describe('share levels', () => {
	it('a new holder sees the event card only, on their own connection; granted full, every field', async () => {
		const alice = await newPerson('alice', { eventFields: ['company'] });
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		const asEvent = (await bob.pb.collection('connections').getOne(connection)).snapshot;
		expect(asEvent).toEqual({ name: 'alice name', company: 'alice company' });
		const grant = await call(alice, 'POST', `/api/tend/holders/${connection}`, { level: 'full' });
		expect(grant.body).toMatchObject({ level: 'full', revoked: false });
		const asFull = (await bob.pb.collection('connections').getOne(connection)).snapshot;
		expect(asFull).toMatchObject({
			headline: 'alice headline',
			canHelpWith: 'alice helps',
			lookingFor: 'alice looks',
			links: [{ kind: 'website' }]
		});
		for (const never of ['owner', 'keyVersion', 'eventFields'])
			expect(asFull).not.toHaveProperty(never);
	});

	it('only the owner reads the card record, even a holder at the full level', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		await call(alice, 'POST', `/api/tend/holders/${connection}`, { level: 'full' });
		const card = await alice.pb.collection('cards').getOne(alice.cardId);
		expect(card).toMatchObject({ owner: alice.id, keyVersion: 1, lookingFor: 'alice looks' });
		expect(await statusOf(() => bob.pb.collection('cards').getOne(alice.cardId))).toBe(404);
		expect(await bob.pb.collection('cards').getFullList()).toMatchObject([{ id: bob.cardId }]);
	});

	it('a holder reads the card id of their connection but cannot expand it', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		const mine = await bob.pb.collection('connections').getOne(connection, { expand: 'card' });
		expect(mine.card).toBe(alice.cardId);
		expect(mine.expand?.card).toBeUndefined();
	});

	it('a holder cannot raise their own level, un-revoke, or point a connection at a card', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const carol = await newPerson('carol');
		const connection = await bobHoldsAlice(alice, bob);
		expect(
			await statusOf(() => bob.pb.collection('connections').update(connection, { level: 'full' }))
		).toBe(404);
		await call(alice, 'POST', `/api/tend/holders/${connection}`, { revoked: true });
		expect(
			await statusOf(() => bob.pb.collection('connections').update(connection, { revoked: false }))
		).toBe(404);
		// the card of a connection is the server's to set: a body naming one is ignored
		const pointed = await bob.pb.collection('connections').create({ card: carol.cardId });
		const admin = await superuser();
		expect((await admin.collection('connections').getOne(pointed.id)).card).toBe('');
		expect(await statusOf(() => bob.pb.collection('cards').getOne(carol.cardId))).toBe(404);
		expect(await admin.collection('connections').getOne(connection)).toMatchObject({
			revoked: true,
			level: 'event',
			card: alice.cardId
		});
	});
});

describe('holders and revoking', () => {
	it('the owner lists who holds their card; someone else cannot change those holders', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const carol = await newPerson('carol');
		const connection = await bobHoldsAlice(alice, bob);
		const list = await call(alice, 'GET', '/api/tend/holders');
		expect(list.body.items).toMatchObject([
			{ connection, holder: bob.id, holderName: 'bob name', level: 'event', revoked: false }
		]);
		expect((await call(bob, 'GET', '/api/tend/holders')).body.items).toMatchObject([
			{ holder: alice.id }
		]);
		const meddling = await call(carol, 'POST', `/api/tend/holders/${connection}`, {
			revoked: true
		});
		expect(meddling.status).toBe(404);
		expect(reasonOf(meddling)).toBe('not_found');
		expect(
			reasonOf(await call(alice, 'POST', `/api/tend/holders/${connection}`, { level: 'owner' }))
		).toBe('invalid');
		expect(
			reasonOf(await call(alice, 'POST', `/api/tend/holders/${connection}`, { owner: bob.id }))
		).toBe('invalid');
		expect((await call(null, 'GET', '/api/tend/holders')).status).toBe(401);
		expect((await bob.pb.collection('connections').getOne(connection)).revoked).toBe(false);
	});

	it('a revoked holder keeps their snapshot and receives neither the card nor its changes', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		await call(alice, 'POST', `/api/tend/holders/${connection}`, { revoked: true });
		await alice.pb.collection('cards').update(alice.cardId, { headline: 'new job' });
		expect(await statusOf(() => bob.pb.collection('cards').getOne(alice.cardId))).toBe(404);
		expect(await bob.pb.collection('card_changes').getFullList()).toEqual([]);
		const mine = await bob.pb.collection('connections').getOne(connection);
		expect(mine).toMatchObject({ revoked: true, snapshot: { headline: 'alice headline' } });
		expect(mine).not.toHaveProperty('revokedAt');
		expect((await call(alice, 'GET', '/api/tend/holders')).body.items).toMatchObject([
			{ revoked: true }
		]);
	});

	it('a revoked holder cannot undo it by replaying the code they scanned before', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const oldToken = await tokenOf(alice);
		const first = await call(bob, 'POST', '/api/tend/swaps', swapBody(oldToken));
		const connection = (first.body as { connection: { id: string } }).connection.id;
		await call(alice, 'POST', `/api/tend/holders/${connection}`, { revoked: true });
		await alice.pb.collection('cards').update(alice.cardId, { headline: 'after revoking' });

		const replay = await call(bob, 'POST', '/api/tend/swaps', swapBody(oldToken));
		expect(replay.status).toBe(403);
		expect(reasonOf(replay)).toBe('revoked');
		const mine = await bob.pb.collection('connections').getOne(connection);
		expect(mine).toMatchObject({ revoked: true, snapshot: { headline: 'alice headline' } });
		expect((await call(alice, 'GET', '/api/tend/holders')).body.items).toMatchObject([
			{ connection, revoked: true }
		]);
		// The same swap id again (a device retrying) is refused the same way.
		const body = swapBody(oldToken);
		expect(reasonOf(await call(bob, 'POST', '/api/tend/swaps', body))).toBe('revoked');
		expect(reasonOf(await call(bob, 'POST', '/api/tend/swaps', body))).toBe('revoked');
	});

	it('a code the owner shows after revoking reconnects that person', async () => {
		const alice = await newPerson('alice', { eventFields: HIDES_LOOKING_FOR });
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		await call(alice, 'POST', `/api/tend/holders/${connection}`, { level: 'full' });
		const revoke = await call(alice, 'POST', `/api/tend/holders/${connection}`, { revoked: true });
		// the owner's device shows the code the revocation answered with
		const { token } = revoke.body.token as { token: string };
		await alice.pb.collection('cards').update(alice.cardId, { headline: 'after revoking' });
		const again = await call(bob, 'POST', '/api/tend/swaps', swapBody(token));
		expect(again.status).toBe(200);
		// a swap like a first one: the event card, whatever level they had before
		const mine = await bob.pb.collection('connections').getOne(connection);
		expect(mine).toMatchObject({ revoked: false, snapshot: { headline: 'after revoking' } });
		expect(mine.snapshot).not.toHaveProperty('lookingFor');
		expect((await call(alice, 'GET', '/api/tend/holders')).body.items).toMatchObject([
			{ connection, revoked: false, level: 'event' }
		]);
	});
});

describe('card changes', () => {
	it('each holder sees old → new of what their level shows, and their snapshot follows', async () => {
		const alice = await newPerson('alice', { eventFields: HIDES_LOOKING_FOR });
		const bob = await newPerson('bob');
		const carol = await newPerson('carol');
		const bobs = await bobHoldsAlice(alice, bob);
		const carols = await bobHoldsAlice(alice, carol);
		await call(alice, 'POST', `/api/tend/holders/${carols}`, { level: 'full' });
		await alice.pb
			.collection('cards')
			.update(alice.cardId, { headline: 'CTO at Acme', lookingFor: 'secret plans' });
		// bob holds the event card: he learns the headline changed, and nothing of lookingFor
		const forBob = await bob.pb.collection('card_changes').getFullList();
		expect(forBob).toMatchObject([
			{
				owner: bob.id,
				connection: bobs,
				changes: [{ field: 'headline', from: 'alice headline', to: 'CTO at Acme' }]
			}
		]);
		expect(JSON.stringify(forBob)).not.toContain('lookingFor');
		expect(JSON.stringify(forBob)).not.toContain('secret plans');
		expect(forBob[0]?.created).toEqual(expect.any(String));
		const forCarol = await carol.pb.collection('card_changes').getFullList();
		expect(forCarol[0]?.changes).toEqual([
			{ field: 'headline', from: 'alice headline', to: 'CTO at Acme' },
			{ field: 'lookingFor', from: 'alice looks', to: 'secret plans' }
		]);
		expect(await alice.pb.collection('card_changes').getFullList()).toEqual([]);
		const mine = await bob.pb.collection('connections').getOne(bobs);
		expect(mine.snapshot).toMatchObject({ headline: 'CTO at Acme' });
		expect(mine.snapshot).not.toHaveProperty('lookingFor');
	});

	it('a change of a field beyond every holder’s level leaves no trace with them', async () => {
		const alice = await newPerson('alice', { eventFields: HIDES_LOOKING_FOR });
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		const before = await bob.pb.collection('connections').getOne(connection);
		await alice.pb.collection('cards').update(alice.cardId, { lookingFor: 'kittens' });
		expect(await bob.pb.collection('card_changes').getFullList()).toEqual([]);
		const after = await bob.pb.collection('connections').getOne(connection);
		expect(after.updated).toBe(before.updated);
	});
});

describe('cards', () => {
	it('the owner creates, reads and updates their card; the owner is never taken from the body', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		await alice.pb.collection('cards').update(alice.cardId, { headline: 'Gardener' });
		expect((await alice.pb.collection('cards').getOne(alice.cardId)).headline).toBe('Gardener');
		expect(
			await statusOf(() => alice.pb.collection('cards').update(alice.cardId, { owner: bob.id }))
		).toBe(404);
		expect((await alice.pb.collection('cards').getOne(alice.cardId)).owner).toBe(alice.id);
	});

	it('others and anonymous can neither list, view nor change a card they do not hold', async () => {
		const alice = await newPerson('alice');
		const carol = await newPerson('carol');
		expect(await carol.pb.collection('cards').getFullList()).toMatchObject([{ id: carol.cardId }]);
		expect(await statusOf(() => carol.pb.collection('cards').getOne(alice.cardId))).toBe(404);
		expect(
			await statusOf(() => carol.pb.collection('cards').update(alice.cardId, { name: 'x' }))
		).toBe(404);
		expect(await statusOf(() => carol.pb.collection('cards').delete(alice.cardId))).toBe(404);
		expect((await alice.pb.collection('cards').getOne(alice.cardId)).name).toBe('alice name');
	});

	it.each([
		['a javascript: link', { links: [{ kind: 'website', url: 'javascript:alert(1)' }] }],
		['an oversized headline', { headline: 'h'.repeat(121) }],
		['an oversized name', { name: 'n'.repeat(81) }],
		['an unknown event field', { eventFields: ['password'] }],
		['links that are not a list', { links: { url: 'https://x.example' } }]
	])('the server refuses %s and keeps the card as it was', async (_name, change) => {
		const alice = await newPerson('alice');
		const before = await alice.pb.collection('cards').getOne(alice.cardId);
		expect(await statusOf(() => alice.pb.collection('cards').update(alice.cardId, change))).toBe(
			400
		);
		expect(await alice.pb.collection('cards').getOne(alice.cardId)).toEqual(before);
	});
});

describe('card changes of a way to reach me', () => {
	it('an event-card holder never sees a full-card field’s old value (lookingFor, a phone link)', async () => {
		const alice = await newPerson('alice', {
			eventFields: ['headline', 'contact:email'],
			links: [
				{ kind: 'email', url: 'mailto:alice@example.org' },
				{ kind: 'phone', url: 'tel:+44 20 5550 1111' }
			]
		});
		const bob = await newPerson('bob');
		const carol = await newPerson('carol');
		const bobs = await bobHoldsAlice(alice, bob);
		const carols = await bobHoldsAlice(alice, carol);
		await call(alice, 'POST', `/api/tend/holders/${carols}`, { level: 'full' });
		await alice.pb.collection('cards').update(alice.cardId, {
			headline: 'new headline',
			lookingFor: 'new plans',
			links: [
				{ kind: 'email', url: 'mailto:alice@example.org' },
				{ kind: 'phone', url: 'tel:+44 20 5550 2222' }
			]
		});
		const forBob = await bob.pb.collection('card_changes').getFullList();
		expect(forBob).toMatchObject([
			{ connection: bobs, changes: [{ field: 'headline', from: 'alice headline' }] }
		]);
		const seen =
			JSON.stringify(forBob) + JSON.stringify(await bob.pb.collection('connections').getOne(bobs));
		for (const secret of ['5550', 'alice looks', 'new plans', 'lookingFor']) {
			expect(seen).not.toContain(secret);
		}
		// the full-level holder does see both, old and new: the change is real
		const forCarol = JSON.stringify(await carol.pb.collection('card_changes').getFullList());
		for (const both of ['5550 1111', '5550 2222', 'alice looks', 'new plans']) {
			expect(forCarol).toContain(both);
		}
	});
});

describe('sharing from a person’s page', () => {
	/** alice and bob swapped: alice's connection to bob, bob's to alice. */
	async function swapped(): Promise<{ alice: Person; bob: Person; mine: string; theirs: string }> {
		const alice = await newPerson('alice', { eventFields: HIDES_LOOKING_FOR });
		const bob = await newPerson('bob');
		const reply = await swap(alice, bob);
		const mine = (reply.body as { connection: { id: string } }).connection.id;
		const theirs = (await bob.pb.collection('connections').getFullList())[0]!.id;
		return { alice, bob, mine, theirs };
	}

	it('tells whether they hold my card, and changes level and revoked as the holders route does', async () => {
		const { alice, bob, mine, theirs } = await swapped();
		const path = `/api/tend/people/${mine}/sharing`;
		expect((await call(alice, 'GET', path)).body).toEqual({
			holds: true,
			connection: theirs,
			level: 'event',
			revoked: false
		});
		const full = await call(alice, 'POST', path, { level: 'full' });
		expect(full.body).toEqual({ connection: theirs, level: 'full', revoked: false });
		expect((await bob.pb.collection('connections').getOne(theirs)).snapshot).toMatchObject({
			lookingFor: 'alice looks'
		});
		const revoked = await call(alice, 'POST', path, { revoked: true });
		expect(revoked.body).toMatchObject({ connection: theirs, level: 'full', revoked: true });
		expect(revoked.body.token).toMatchObject({ cardId: alice.cardId });
		expect((await call(alice, 'GET', '/api/tend/holders')).body.items).toMatchObject([
			{ connection: theirs, level: 'full', revoked: true }
		]);
		expect((await call(alice, 'GET', path)).body).toEqual({
			holds: true,
			connection: theirs,
			level: 'full',
			revoked: true
		});
	});

	it('answers holds: false when they do not hold my card (a contact without my card)', async () => {
		const { alice, bob, mine, theirs } = await swapped();
		await bob.pb.collection('connections').update(theirs, { deleted: new Date().toISOString() });
		expect((await call(alice, 'GET', `/api/tend/people/${mine}/sharing`)).body).toEqual({
			holds: false
		});
		const post = await call(alice, 'POST', `/api/tend/people/${mine}/sharing`, { revoked: true });
		expect(post.status).toBe(404);
		expect(reasonOf(post)).toBe('not_found');
	});

	it('is 404 not_found for a stranger, a forgotten person and a contact without a card', async () => {
		const { alice, bob, mine, theirs } = await swapped();
		const carol = await newPerson('carol');
		const pending = (await alice.pb.collection('connections').create({ memoryNote: 'no app' })).id;
		const forgotten = await swapped();
		await forgotten.alice.pb
			.collection('connections')
			.update(forgotten.mine, { deleted: new Date().toISOString() });
		const cases: [Person, string][] = [
			[carol, mine],
			[bob, mine],
			[alice, pending],
			[alice, 'zzzzzzzzzzzzzzz'],
			[forgotten.alice, forgotten.mine]
		];
		for (const [who, connection] of cases) {
			for (const [method, body] of [
				['GET', undefined],
				['POST', { revoked: true }]
			] as const) {
				const reply = await call(who, method, `/api/tend/people/${connection}/sharing`, body);
				expect(reply.status, `${method} ${connection}`).toBe(404);
				expect(reply.body).toEqual({
					status: 404,
					message: 'No such person of yours.',
					data: { reason: 'not_found' }
				});
			}
		}
		expect((await call(null, 'GET', `/api/tend/people/${mine}/sharing`)).status).toBe(401);
		expect(await bob.pb.collection('connections').getOne(theirs)).toMatchObject({
			revoked: false,
			level: 'event'
		});
		expect(
			(await forgotten.bob.pb.collection('connections').getOne(forgotten.theirs)).revoked
		).toBe(false);
	});

	it('checks the body as the holders route does', async () => {
		const { alice, mine } = await swapped();
		const path = `/api/tend/people/${mine}/sharing`;
		for (const body of [{ owner: 'x' }, { level: 'owner' }, { revoked: 'yes' }, [], 'text']) {
			const reply = await call(alice, 'POST', path, body);
			expect(reply.status).toBe(400);
			expect(reasonOf(reply)).toBe('invalid');
		}
		const big = await call(alice, 'POST', path, { level: 'event', pad: 'x'.repeat(2000) });
		expect(big.status).toBe(413);
	});
});
