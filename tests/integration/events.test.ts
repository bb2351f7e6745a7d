// Events as they stand before the Events work: the organiser creates one and the server chooses
// its join code; nobody is made a member but by joining with the code.
import { describe, expect, it } from 'vitest';
import { call, newPerson, reasonOf, statusOf, superuser } from '../support/pb-harness';

const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/;

describe('events', () => {
	it('the server chooses the join code: 8 characters without look-alikes', async () => {
		const alice = await newPerson('alice');
		const event = await alice.pb
			.collection('events')
			.create({ name: 'Conf', joinCode: 'AAAAAAAA' });
		expect(event.joinCode).toMatch(CODE);
		expect(event.joinCode).not.toBe('AAAAAAAA');
		expect(event).toMatchObject({ organiser: alice.id });
		expect(event).not.toHaveProperty('members');
		const moved = await statusOf(() =>
			alice.pb.collection('events').update(event.id, { joinCode: 'BBBBBBBB' })
		);
		expect(moved).toBe(404);
	});

	it('creating with a code that exists tells nothing about it (no code oracle)', async () => {
		const alice = await newPerson('alice');
		const carol = await newPerson('carol');
		const taken = await alice.pb.collection('events').create({ name: 'Taken' });
		const probe = await carol.pb
			.collection('events')
			.create({ name: 'Probe', joinCode: taken.joinCode });
		expect(probe.joinCode).toMatch(CODE);
		expect(probe.joinCode).not.toBe(taken.joinCode);
	});

	it('a body cannot make others members; joining with the code does', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const event = await alice.pb.collection('events').create({ name: 'Forced', members: [bob.id] });
		const admin = await superuser();
		expect((await admin.collection('events').getOne(event.id)).members).toEqual([]);
		expect(await statusOf(() => bob.pb.collection('events').getOne(event.id))).toBe(404);
		expect(
			await statusOf(() => alice.pb.collection('events').update(event.id, { 'members+': bob.id }))
		).toBe(200);
		expect((await admin.collection('events').getOne(event.id)).members).toEqual([]);

		const join = await call(bob, 'POST', '/api/tend/events/join', { code: event.joinCode });
		expect(join.status).toBe(200);
		const seen = await bob.pb.collection('events').getOne(event.id);
		expect(seen).toMatchObject({ name: 'Forced' });
		expect(seen).not.toHaveProperty('members');
		expect(seen).not.toHaveProperty('organiser');
		expect(reasonOf(await call(bob, 'POST', '/api/tend/events/join', { code: 'ZZZZZZZZ' }))).toBe(
			'not_found'
		);
	});
});
