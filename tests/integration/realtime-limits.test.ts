// Reconnects don't storm (migration 1765325000): a realtime connect is guest traffic (EventSource
// sends no token), and 3,000 phones behind a venue's NAT reconnect at once after a restart. The
// connect has a per-IP limit of its own sized for a hall; the other guest routes keep theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pbUrl, setLoopbackRateLimited } from '../support/pb-harness';

/** Opens a realtime stream as EventSource does and closes it; the status of the connect. */
async function connectOnce(): Promise<number> {
	const abort = new AbortController();
	const res = await fetch(`${pbUrl()}/api/realtime`, {
		headers: { accept: 'text/event-stream' },
		signal: abort.signal
	});
	const status = res.status;
	abort.abort();
	await res.body?.cancel().catch(() => undefined);
	return status;
}

describe('realtime connects from one IP', () => {
	// the shared test server lets loopback past the per-IP limits; these tests are about them
	beforeAll(() => setLoopbackRateLimited(true));
	afterAll(() => setLoopbackRateLimited(false));

	it('500 in a burst are all let in (more than the guest limit of 300 per 10 s)', async () => {
		const statuses: number[] = [];
		for (let round = 0; round < 10; round++) {
			statuses.push(...(await Promise.all(Array.from({ length: 50 }, () => connectOnce()))));
		}
		expect(statuses.filter((s) => s !== 200)).toEqual([]);
	}, 60_000);

	it('other guest routes keep the per-IP limit', async () => {
		const statuses: number[] = [];
		for (let round = 0; round < 8; round++) {
			statuses.push(
				...(await Promise.all(
					Array.from({ length: 50 }, async () => {
						const res = await fetch(`${pbUrl()}/api/collections/events/records?perPage=1`);
						await res.body?.cancel();
						return res.status;
					})
				))
			);
		}
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
	}, 60_000);
});
