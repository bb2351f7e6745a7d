// The mutual swap through POST /api/tend/swaps: one transaction creates both sides, replays are
// harmless, and every refused swap names its reason and writes nothing.
import { describe, expect, it } from 'vitest';
import {
	call,
	newPerson,
	newUser,
	reasonOf,
	rid,
	statusOf,
	superuser,
	swap,
	swapBody,
	tokenOf,
	type Person
} from '../support/pb-harness';
import { nowSeconds, signToken } from '../support/tokens';

interface SwapReply {
	swap: { id: string; connection: string; peerConnection: string; owner: string };
	connection: {
		id: string;
		owner: string;
		card: string;
		needsNote: boolean;
		snapshot: Record<string, unknown>;
		event: string;
	};
	isNew: boolean;
}

/** How many records `owner` has in a collection (read as the superuser). */
async function count(collection: string, owner: Person): Promise<number> {
	const admin = await superuser();
	return (await admin.collection(collection).getList(1, 1, { filter: `owner = "${owner.id}"` }))
		.totalItems;
}

/** Everything both people own that a swap writes. */
async function footprint(a: Person, b: Person): Promise<number[]> {
	const out: number[] = [];
	for (const c of ['connections', 'interactions', 'swaps'])
		out.push(await count(c, a), await count(c, b));
	return out;
}

describe('a valid swap', () => {
	it('creates both connections (needing a note), a met on each side and the swap, in one go', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const body = swapBody(await tokenOf(alice), { note: 'tall, talked about bees' });
		const reply = await call(bob, 'POST', '/api/tend/swaps', body);
		expect(reply.status).toBe(200);
		const result = reply.body as unknown as SwapReply;
		expect(result.isNew).toBe(true);
		expect(result.swap.id).toBe(body.id);
		expect(result.connection).toMatchObject({
			id: body.connectionId,
			owner: bob.id,
			card: alice.cardId,
			needsNote: true
		});
		// The default event card (alice's only link is a website: no way to reach her is shared).
		expect(result.connection.snapshot).toEqual({
			name: 'alice name',
			headline: 'alice headline',
			company: 'alice company',
			canHelpWith: 'alice helps',
			lookingFor: 'alice looks',
			photoUrl: '',
			links: []
		});
		const aliceSide = await alice.pb.collection('connections').getFullList();
		expect(aliceSide).toMatchObject([
			{ owner: alice.id, card: bob.cardId, needsNote: true, level: 'event' }
		]);
		expect(aliceSide[0]?.id).toBe(result.swap.peerConnection);
		const bobMet = await bob.pb.collection('interactions').getFullList();
		expect(bobMet).toMatchObject([
			{ kind: 'met', text: 'tall, talked about bees', people: [body.connectionId] }
		]);
		const aliceMet = await alice.pb.collection('interactions').getFullList();
		expect(aliceMet).toMatchObject([{ kind: 'met', people: [aliceSide[0]?.id] }]);
		expect(await bob.pb.collection('swaps').getFullList()).toHaveLength(1);
	});

	it('a replayed swap id returns the same result and creates nothing new', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const body = swapBody(await tokenOf(alice));
		const first = await call(bob, 'POST', '/api/tend/swaps', body);
		const before = await footprint(alice, bob);
		const again = await call(bob, 'POST', '/api/tend/swaps', body);
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({
			isNew: false,
			swap: { id: body.id },
			connection: { id: body.connectionId }
		});
		expect((first.body as unknown as SwapReply).connection.id).toBe(body.connectionId);
		expect(await footprint(alice, bob)).toEqual(before);
	});

	it('a second swap between the same two people adds a met on each side but no connection', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const first = (await swap(bob, alice)).body as unknown as SwapReply;
		const second = await swap(bob, alice);
		expect(second.status).toBe(200);
		expect(second.body).toMatchObject({ isNew: false, connection: { id: first.connection.id } });
		expect(await footprint(alice, bob)).toEqual([1, 1, 2, 2, 0, 2]);
		// and the other way round: alice scanning bob reuses both connections too
		expect((await swap(alice, bob)).status).toBe(200);
		expect(await footprint(alice, bob)).toEqual([1, 1, 3, 3, 1, 2]);
	});

	it('swaps of the same pair racing each other still make one connection per side', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const token = await tokenOf(alice);
		const replies = await Promise.all(
			Array.from({ length: 6 }, () => call(bob, 'POST', '/api/tend/swaps', swapBody(token)))
		);
		expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
		expect(await footprint(alice, bob)).toEqual([1, 1, 6, 6, 0, 6]);
	});

	it('adopts the connection the device already pushed under the same id', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const pushed = await bob.pb
			.collection('connections')
			.create({ id: rid(), snapshot: { name: 'Alice?' } });
		const reply = await call(
			bob,
			'POST',
			'/api/tend/swaps',
			swapBody(await tokenOf(alice), { connectionId: pushed.id })
		);
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({
			isNew: false,
			connection: { id: pushed.id, card: alice.cardId }
		});
		expect(await count('connections', bob)).toBe(1);
	});

	it('records the event when the scanner belongs to it', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const event = await alice.pb.collection('events').create({ name: 'Conf' });
		const code = event.joinCode as string;
		expect((await call(bob, 'POST', '/api/tend/events/join', { code })).status).toBe(200);
		const reply = await swap(bob, alice, { event: event.id });
		expect(reply.body).toMatchObject({ connection: { event: event.id } });
		const holders = await call(alice, 'GET', '/api/tend/holders');
		expect(holders.body.items).toMatchObject([
			{ holder: bob.id, eventName: 'Conf', level: 'event' }
		]);
	});

	it('names the event to the card owner only when they belong to it too', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const carol = await newPerson('carol');
		const secret = await carol.pb.collection('events').create({ name: 'Secret meetup' });
		await call(bob, 'POST', '/api/tend/events/join', { code: secret.joinCode });
		const reply = await swap(bob, alice, { event: secret.id });
		expect(reply.body).toMatchObject({ connection: { event: secret.id } });
		const holders = await call(alice, 'GET', '/api/tend/holders');
		expect(holders.body.items).toMatchObject([{ holder: bob.id, event: '', eventName: '' }]);
		expect(JSON.stringify(holders.body)).not.toContain('Secret meetup');
		// and a holder cannot file their connection under an event they do not belong to
		const connection = (reply.body as { connection: { id: string } }).connection.id;
		const hers = await alice.pb.collection('events').create({ name: 'Hers' });
		const status = await statusOf(() =>
			bob.pb.collection('connections').update(connection, { event: hers.id })
		);
		expect(status).toBe(400);
		expect((await bob.pb.collection('connections').getOne(connection)).event).toBe(secret.id);
	});

	it('accepts an offline scan that reaches the server after expiry, if scanned before it', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const expiry = nowSeconds() - 3600;
		const token = signToken(alice.cardId, 1, expiry);
		const scannedAt = new Date((expiry - 600) * 1000).toISOString();
		const reply = await call(bob, 'POST', '/api/tend/swaps', swapBody(token, { scannedAt }));
		expect(reply.status).toBe(200);
	});
});

describe('a refused swap names its reason and writes nothing', () => {
	const day = 86400;
	const cases: {
		name: string;
		reason: string;
		status: number;
		body(alice: Person, aliceToken: string): Promise<unknown> | unknown;
	}[] = [
		{
			name: 'forged signature',
			reason: 'token_forged',
			status: 400,
			body: (_a, t) => swapBody(t.slice(0, -2) + (t.endsWith('AA') ? 'BB' : 'AA'))
		},
		{
			name: 'token for a forged card id',
			reason: 'token_forged',
			status: 400,
			body: (_a, t) => swapBody('zzzzzzzzzzzzzzz' + t.slice(15))
		},
		{
			name: 'expired token scanned now',
			reason: 'token_expired',
			status: 400,
			body: (a) => swapBody(signToken(a.cardId, 1, nowSeconds() - 60))
		},
		{
			name: 'expired token scanned in time but arriving after the 14-day grace',
			reason: 'token_expired',
			status: 400,
			body: (a) => {
				const expiry = nowSeconds() - 15 * day;
				return swapBody(signToken(a.cardId, 1, expiry), {
					scannedAt: new Date((expiry - day) * 1000).toISOString()
				});
			}
		},
		{
			name: 'rotated key version',
			reason: 'token_rotated',
			status: 400,
			body: async (a, t) => {
				await call(a, 'POST', '/api/tend/token/rotate');
				return swapBody(t);
			}
		},
		{
			name: 'card that does not exist',
			reason: 'card_missing',
			status: 404,
			body: () => swapBody(signToken(rid(), 1, nowSeconds() + day))
		},
		{
			name: 'scannedAt in 1970',
			reason: 'invalid',
			status: 400,
			body: (_a, t) => swapBody(t, { scannedAt: '1970-01-01T00:00:00.000Z' })
		},
		{
			name: 'scannedAt at the far end of the date range',
			reason: 'invalid',
			status: 400,
			body: (_a, t) => swapBody(t, { scannedAt: '-271821-04-20T00:00:00.000Z' })
		},
		{
			name: 'scannedAt an hour before the token was issued',
			reason: 'invalid',
			status: 400,
			body: (_a, t) => swapBody(t, { scannedAt: new Date(Date.now() - 3600_000).toISOString() })
		},
		{
			name: 'scannedAt an hour ahead of the server',
			reason: 'invalid',
			status: 400,
			body: (_a, t) => swapBody(t, { scannedAt: new Date(Date.now() + 3600_000).toISOString() })
		},
		{
			name: 'malformed token',
			reason: 'token_malformed',
			status: 400,
			body: () => swapBody('not-a-token')
		},
		{
			name: 'oversized token',
			reason: 'token_malformed',
			status: 400,
			body: () => swapBody('a'.repeat(3000))
		},
		{
			name: 'body claiming someone else as owner',
			reason: 'invalid',
			status: 400,
			body: (a, t) => swapBody(t, { owner: a.id })
		},
		{
			name: 'bad swap id',
			reason: 'invalid',
			status: 400,
			body: (_a, t) => swapBody(t, { id: 'X' })
		},
		{
			name: 'bad connection id',
			reason: 'invalid',
			status: 400,
			body: (_a, t) => swapBody(t, { connectionId: 'a b' })
		},
		{
			name: 'bad scannedAt',
			reason: 'invalid',
			status: 400,
			body: (_a, t) => swapBody(t, { scannedAt: 'yesterday' })
		},
		{
			name: 'scannedAt in the future',
			reason: 'invalid',
			status: 400,
			body: (_a, t) => swapBody(t, { scannedAt: new Date(Date.now() + day * 1000).toISOString() })
		},
		{
			name: 'note too long',
			reason: 'invalid',
			status: 400,
			body: (_a, t) => swapBody(t, { note: 'n'.repeat(501) })
		},
		{ name: 'not an object', reason: 'invalid', status: 400, body: () => [1, 2] }
	];

	it.each(cases)('$name → $reason', async ({ reason, status, body }) => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const before = await footprint(alice, bob);
		const reply = await call(
			bob,
			'POST',
			'/api/tend/swaps',
			await body(alice, await tokenOf(alice))
		);
		expect(reasonOf(reply)).toBe(reason);
		expect(reply.status).toBe(status);
		expect(reply.body.message).toEqual(expect.any(String));
		expect(await footprint(alice, bob)).toEqual(before);
	});

	it('an oversized body is refused before it is read (413)', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const reply = await call(
			bob,
			'POST',
			'/api/tend/swaps',
			swapBody(await tokenOf(alice), { note: 'x'.repeat(5000) })
		);
		expect(reply.status).toBe(413);
		expect(await footprint(alice, bob)).toEqual([0, 0, 0, 0, 0, 0]);
	});

	it('scanning your own card → self_swap', async () => {
		const alice = await newPerson('alice');
		const reply = await swap(alice, alice);
		expect(reasonOf(reply)).toBe('self_swap');
		expect(await count('connections', alice)).toBe(0);
	});

	it('a scanner without a card of their own → no_card', async () => {
		const alice = await newPerson('alice');
		const cardless = await newUser('cardless');
		const reply = await swap(cardless, alice);
		expect(reply.status).toBe(409);
		expect(reasonOf(reply)).toBe('no_card');
		expect(await count('connections', alice)).toBe(0);
	});

	it('another user replaying my swap id → invalid, and my swap is untouched', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const carol = await newPerson('carol');
		const body = swapBody(await tokenOf(alice));
		await call(bob, 'POST', '/api/tend/swaps', body);
		const reply = await call(carol, 'POST', '/api/tend/swaps', {
			...body,
			token: await tokenOf(alice)
		});
		expect(reasonOf(reply)).toBe('invalid');
		expect(await count('connections', carol)).toBe(0);
		expect(await count('swaps', bob)).toBe(1);
	});

	it('anonymous → 401', async () => {
		const alice = await newPerson('alice');
		const reply = await call(null, 'POST', '/api/tend/swaps', swapBody(await tokenOf(alice)));
		expect(reply.status).toBe(401);
	});
});

describe('swap tokens', () => {
	it('have the documented shape and signature; rotating bumps the key version', async () => {
		const alice = await newPerson('alice');
		const first = await call(alice, 'GET', '/api/tend/token');
		const token = first.body.token as string;
		expect(token).toMatch(/^[a-z0-9]{15}\.[0-9a-z]{1,4}\.[0-9a-z]{6,7}\.[A-Za-z0-9_-]{22}$/);
		expect(first.body).toMatchObject({ cardId: alice.cardId, keyVersion: 1 });
		expect(token).toBe(signToken(alice.cardId, 1, first.body.expiresAt as number));
		const rotated = await call(alice, 'POST', '/api/tend/token/rotate');
		expect(rotated.body).toMatchObject({ cardId: alice.cardId, keyVersion: 2 });
		expect((await call(alice, 'GET', '/api/tend/token')).body.keyVersion).toBe(2);
	});

	it('a user without a card gets card_missing', async () => {
		const u = await newUser('nocard');
		expect(reasonOf(await call(u, 'GET', '/api/tend/token'))).toBe('card_missing');
	});

	it('the key version cannot be set through the records API', async () => {
		const alice = await newPerson('alice');
		await expect(
			alice.pb.collection('cards').update(alice.cardId, { keyVersion: 9 })
		).rejects.toThrow();
		expect((await call(alice, 'GET', '/api/tend/token')).body.keyVersion).toBe(1);
	});
});
