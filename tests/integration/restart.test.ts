// PocketBase restarted on the same data folder (the control server of the global setup): the
// swap secret and every record survive, so codes already printed or shown keep working.
import { describe, expect, it } from 'vitest';
import { call, newPerson, restartPocketBase, swap, swapBody, tokenOf } from '../support/pb-harness';

describe('restart', () => {
	it('keeps the swap secret and the data: a code issued before still swaps after', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const token = await tokenOf(alice);
		const first = await swap(bob, alice);
		await restartPocketBase();
		// the secret is the same: a new token still has a valid signature, the old one too (below)
		expect(
			(await call(bob, 'POST', '/api/tend/swaps', swapBody(await tokenOf(alice)))).status
		).toBe(200);
		const carol = await newPerson('carol');
		const reply = await call(carol, 'POST', '/api/tend/swaps', {
			id: 'restartswap0001',
			connectionId: 'restartconn0001',
			token,
			scannedAt: new Date().toISOString()
		});
		expect(reply.status).toBe(200);
		expect((await bob.pb.collection('connections').getFullList()).map((c) => c.id)).toEqual([
			(first.body as { connection: { id: string } }).connection.id
		]);
	});
});
