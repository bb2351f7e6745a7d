// PocketBase restarted on the same data folder (the control server of the global setup): the
// swap secret and every record survive, so codes already printed or shown keep working.
import { describe, expect, it } from 'vitest';
import { call, newPerson, restartPocketBase, swap, tokenOf } from '../support/pb-harness';

describe('restart', () => {
	it('keeps the swap secret and the data: a code issued before still swaps after', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const token = await tokenOf(alice);
		const first = await swap(bob, alice);
		await restartPocketBase();
		expect(await tokenOf(alice)).toBe(token);
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
