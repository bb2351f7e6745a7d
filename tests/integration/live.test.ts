// Live change notices (pocketbase/live.go): a change reaches only the streams of the people it
// concerns, by the name of the collection to pull; a stream needs a user's valid token and ends
// when that token stops being valid. The per-record realtime of PocketBase is refused (probes).
import { afterAll, describe, expect, it } from 'vitest';
import {
	anonymous,
	call,
	newPerson,
	newUser,
	superuser,
	swap,
	tokenOf,
	type Person
} from '../support/pb-harness';
import { openLive, type LiveClient } from '../support/realtime';

const streams: LiveClient[] = [];
afterAll(() => streams.forEach((s) => s.close()));

async function live(who: Person): Promise<LiveClient> {
	const stream = await openLive(who.pb.authStore.token);
	streams.push(stream);
	expect(stream.status).toBe(200);
	return stream;
}

const settle = () => new Promise((r) => setTimeout(r, 400));

describe('a live stream', () => {
	it('needs a signed-in user: none, a forged or a superuser token is 401', async () => {
		const admin = await superuser();
		for (const token of [null, 'not-a-token', `${(await newUser()).pb.authStore.token}x`]) {
			const stream = await openLive(token);
			expect(stream.status).toBe(401);
		}
		expect((await openLive(admin.authStore.token)).status).toBe(401);
		const reply = await fetch(`${anonymous().baseURL}/api/tend/live`);
		expect(await reply.json()).toMatchObject({ data: { reason: 'unauthorized' } });
	});

	it('starts with hello, and says nothing of anyone else’s changes', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const stream = await live(alice);
		expect(stream.events()[0]?.event).toBe('hello');
		// the hello carries the data epoch only (pocketbase/epoch.go)
		expect(stream.events()[0]?.data).toMatch(/^\{"epoch":"[A-Za-z0-9]{15}"\}$/);
		await bob.pb.collection('cards').update(bob.cardId, { headline: 'changed' });
		await bob.pb.collection('connections').create({ memoryNote: 'bob’s' });
		await settle();
		expect(stream.changed()).toEqual([]);
		await alice.pb.collection('connections').create({ memoryNote: 'alice’s' });
		await expect.poll(() => stream.changed()).toEqual(['connections']);
	});

	it('a swap among 500 open streams reaches exactly its two people', async () => {
		const scanner = await newPerson('scanner');
		const owner = await newPerson('owner');
		const crowd = await Promise.all(Array.from({ length: 100 }, () => newUser('crowd')));
		const others: LiveClient[] = [];
		for (const person of crowd) {
			others.push(...(await Promise.all([1, 2, 3, 4, 5].map(() => live(person)))));
		}
		expect(others).toHaveLength(500);
		const [a, b] = [await live(scanner), await live(owner)];
		expect((await swap(scanner, owner)).status).toBe(200);
		await expect.poll(() => a.changed()).toContain('connections');
		await expect.poll(() => b.changed()).toContain('connections');
		await settle();
		expect(others.filter((s) => s.events().length !== 1)).toEqual([]);
		for (const s of others) s.close();
	}, 120_000);

	it('a card change reaches the people who hold the card', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		expect((await swap(bob, alice)).status).toBe(200);
		const bobs = await live(bob);
		await alice.pb.collection('cards').update(alice.cardId, { headline: `new ${Date.now()}` });
		await expect.poll(() => bobs.changed()).toContain('card_changes');
	});

	it('a share-back reaches the card’s owner', async () => {
		const alice = await newPerson('alice');
		const stream = await live(alice);
		const reply = await call(null, 'POST', '/api/tend/public/share-back', {
			token: await tokenOf(alice),
			name: 'Erin Example',
			email: 'erin@example.org',
			note: ''
		});
		expect(reply.status).toBe(200);
		await expect.poll(() => stream.changed()).toEqual(['share_backs']);
	});

	it('ends when the password changes (every token of the account stops being valid)', async () => {
		const alice = await newUser('alice');
		const stream = await live(alice);
		const password = 'another-horse-battery';
		await alice.pb.collection('users').update(alice.id, {
			oldPassword: 'correct-horse-battery',
			password,
			passwordConfirm: password
		});
		await stream.ended;
		expect((await openLive(alice.pb.authStore.token)).status).toBe(401);
	});

	it('ends when the account is deleted', async () => {
		const alice = await newUser('alice');
		const stream = await live(alice);
		await alice.pb.collection('users').delete(alice.id);
		await stream.ended;
	});

	it('keeps at most 8 streams per person: a 9th ends the oldest', async () => {
		const alice = await newUser('alice');
		const first = await live(alice);
		for (let i = 0; i < 8; i++) await live(alice);
		await first.ended;
	});
});
