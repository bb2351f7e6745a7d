// Living cards: holders read the card at the level its owner granted, see what changed, keep a
// snapshot that follows the card while they hold it and stays as it was once revoked.
import { describe, expect, it } from 'vitest';
import { call, newPerson, reasonOf, statusOf, swap, type Person } from '../support/pb-harness';

/** bob swaps with alice; returns bob's connection id and alice's view of bob as a holder. */
async function bobHoldsAlice(alice: Person, bob: Person): Promise<string> {
	const reply = await swap(bob, alice);
	return (reply.body as { connection: { id: string } }).connection.id;
}

describe('share levels', () => {
	it('a new holder sees the event card only; granted full, they see every field', async () => {
		const alice = await newPerson('alice', { eventFields: ['company'] });
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		const asEvent = await bob.pb.collection('cards').getOne(alice.cardId);
		expect(asEvent).toMatchObject({ name: 'alice name', company: 'alice company' });
		for (const hidden of [
			'headline',
			'canHelpWith',
			'lookingFor',
			'links',
			'owner',
			'keyVersion',
			'eventFields'
		]) {
			expect(asEvent).not.toHaveProperty(hidden);
		}
		const grant = await call(alice, 'POST', `/api/tend/holders/${connection}`, { level: 'full' });
		expect(grant.body).toMatchObject({ level: 'full', revoked: false });
		const asFull = await bob.pb.collection('cards').getOne(alice.cardId);
		expect(asFull).toMatchObject({
			headline: 'alice headline',
			canHelpWith: 'alice helps',
			lookingFor: 'alice looks'
		});
		expect(asFull).not.toHaveProperty('keyVersion');
		const mine = await bob.pb.collection('connections').getOne(connection);
		expect(mine.snapshot).toMatchObject({
			canHelpWith: 'alice helps',
			links: [{ kind: 'website' }]
		});
	});

	it('the owner sees every field of their own card', async () => {
		const alice = await newPerson('alice');
		const card = await alice.pb.collection('cards').getOne(alice.cardId);
		expect(card).toMatchObject({ owner: alice.id, keyVersion: 1, lookingFor: 'alice looks' });
	});

	it('expanding the card from a connection is trimmed the same way', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		const mine = await bob.pb.collection('connections').getOne(connection, { expand: 'card' });
		expect(mine.expand?.card).toMatchObject({ name: 'alice name', headline: 'alice headline' });
		expect(mine.expand?.card).not.toHaveProperty('lookingFor');
	});

	it('filters that could probe hidden fields are refused', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		await bobHoldsAlice(alice, bob);
		const probes = [
			() => bob.pb.collection('cards').getList(1, 1, { filter: 'lookingFor ~ "alice"' }),
			() => bob.pb.collection('cards').getList(1, 1, { sort: 'canHelpWith' }),
			() => bob.pb.collection('connections').getList(1, 1, { filter: 'card.lookingFor ~ "a"' }),
			() =>
				bob.pb
					.collection('connections')
					.getList(1, 1, { filter: '@collection.cards.lookingFor ~ "a"' }),
			() =>
				bob.pb
					.collection('cards')
					.getList(1, 1, { filter: 'connections_via_card.memoryNote ~ "a"' })
		];
		for (const probe of probes) expect([400, 403]).toContain(await statusOf(probe));
		expect(
			await bob.pb.collection('cards').getList(1, 5, { filter: 'name ~ "alice"' })
		).toMatchObject({ totalItems: 1 });
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
		expect(
			await statusOf(() => bob.pb.collection('connections').create({ card: carol.cardId }))
		).toBe(400);
		expect(await statusOf(() => bob.pb.collection('cards').getOne(carol.cardId))).toBe(404);
		expect(await statusOf(() => bob.pb.collection('cards').getOne(alice.cardId))).toBe(404);
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

	it('a revoked holder keeps their snapshot but can no longer read the card or its changes', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		await call(alice, 'POST', `/api/tend/holders/${connection}`, { revoked: true });
		await alice.pb.collection('cards').update(alice.cardId, { headline: 'new job' });
		expect(await statusOf(() => bob.pb.collection('cards').getOne(alice.cardId))).toBe(404);
		expect(await bob.pb.collection('card_changes').getFullList()).toEqual([]);
		const mine = await bob.pb.collection('connections').getOne(connection);
		expect(mine).toMatchObject({ revoked: true, snapshot: { headline: 'alice headline' } });
		expect((await call(alice, 'GET', '/api/tend/holders')).body.items).toMatchObject([
			{ revoked: true }
		]);
	});

	it('swapping again in person shares again', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		await call(alice, 'POST', `/api/tend/holders/${connection}`, { revoked: true });
		await swap(bob, alice);
		expect((await bob.pb.collection('cards').getOne(alice.cardId)).name).toBe('alice name');
	});
});

describe('card changes', () => {
	it('holders see which fields changed and when, and their snapshot follows the card', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await bobHoldsAlice(alice, bob);
		await alice.pb
			.collection('cards')
			.update(alice.cardId, { headline: 'CTO at Acme', lookingFor: 'secret plans' });
		const changes = await bob.pb.collection('card_changes').getFullList();
		// bob holds the event card: he learns the headline changed, not that lookingFor did
		expect(changes).toMatchObject([{ card: alice.cardId, fields: ['headline'] }]);
		expect(changes[0]?.created).toEqual(expect.any(String));
		expect((await alice.pb.collection('card_changes').getFullList())[0]?.fields).toEqual([
			'headline',
			'lookingFor'
		]);
		const mine = await bob.pb.collection('connections').getOne(connection);
		expect(mine.snapshot).toMatchObject({ headline: 'CTO at Acme' });
		expect(mine.snapshot).not.toHaveProperty('lookingFor');
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
