import { describe, expect, it } from 'vitest';
import { call, newPerson, reasonOf, swap } from '../support/pb-harness';

describe('smoke', () => {
	it('a swap connects both people', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const reply = await swap(bob, alice);
		console.log(JSON.stringify(reply.body, null, 1));
		expect(reply.status).toBe(200);
		const again = await call(bob, 'GET', '/api/tend/holders');
		expect(reasonOf(again)).toBeUndefined();
	});
});
