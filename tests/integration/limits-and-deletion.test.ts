// Swaps are limited per user (never per IP); deleting an account removes everything its owner
// had, revokes their card everywhere and leaves everyone else's records and snapshots intact.
import { describe, expect, it } from 'vitest';
import {
	call,
	newPerson,
	reasonOf,
	superuser,
	swap,
	swapBody,
	tokenOf
} from '../support/pb-harness';

describe('per-user swap limit', () => {
	it('a scraper firing swaps gets rate_limited (429) while other users swap on', async () => {
		const alice = await newPerson('alice');
		const scraper = await newPerson('scraper');
		const token = await tokenOf(alice);
		const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
		const replies = [];
		for (let i = 0; i < 13; i++) {
			replies.push(
				...(await Promise.all(
					Array.from({ length: 10 }, () =>
						call(scraper, 'POST', '/api/tend/swaps', swapBody(forged))
					)
				))
			);
		}
		const limited = replies.filter((r) => r.status === 429);
		expect(limited.length).toBeGreaterThanOrEqual(10);
		expect(reasonOf(limited[0] ?? replies[0]!)).toBe('rate_limited');
		expect(limited[0]?.body.data?.retryAfter).toEqual(expect.any(Number));
		expect(reasonOf(await call(scraper, 'POST', '/api/tend/swaps', swapBody(token)))).toBe(
			'rate_limited'
		);
		const bob = await newPerson('bob');
		expect((await swap(bob, alice)).status).toBe(200);
	});
});

describe('account deletion', () => {
	it('removes what the user owned, revokes their card everywhere, keeps others’ snapshots', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const bobsConnection = ((await swap(bob, alice)).body as { connection: { id: string } })
			.connection.id;
		await alice.pb.collection('decisions').create({ promptId: 'p1', state: 'done' });
		await call(null, 'POST', '/api/tend/public/share-back', {
			token: await tokenOf(alice),
			name: 'Erin',
			email: 'erin@example.org'
		});
		await alice.pb.collection('cards').update(alice.cardId, { headline: 'last seen headline' });

		await alice.pb.collection('users').delete(alice.id);

		const admin = await superuser();
		for (const c of ['connections', 'interactions', 'decisions', 'swaps']) {
			expect(await admin.collection(c).getFullList({ filter: `owner = "${alice.id}"` })).toEqual(
				[]
			);
		}
		expect(
			await admin.collection('cards').getFullList({ filter: `id = "${alice.cardId}"` })
		).toEqual([]);
		expect(
			await admin.collection('share_backs').getFullList({ filter: `card = "${alice.cardId}"` })
		).toEqual([]);
		expect(
			await admin.collection('card_changes').getFullList({ filter: `owner = "${alice.id}"` })
		).toEqual([]);
		const kept = await bob.pb.collection('connections').getOne(bobsConnection);
		expect(kept).toMatchObject({
			revoked: true,
			card: '',
			snapshot: { name: 'alice name', headline: 'last seen headline' }
		});
		expect(await bob.pb.collection('interactions').getFullList()).toMatchObject([
			{ kind: 'met', people: [bobsConnection] }
		]);
		expect(await bob.pb.collection('swaps').getFullList()).toHaveLength(1);
		expect((await bob.pb.collection('cards').getOne(bob.cardId)).name).toBe('bob name');
	});
});
