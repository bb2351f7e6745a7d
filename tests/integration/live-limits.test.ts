// Reconnects don't storm: 3,000 phones behind a venue's NAT reconnect at once after a restart.
// The live stream (GET /api/tend/live) is opened with the user's token, so it is authenticated
// traffic, which has no per-IP limit; anonymous connects (refused anyway) and every other guest
// route keep theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, pbUrl, setLoopbackRateLimited, superuser } from '../support/pb-harness';

/** Opens a live stream and closes it at once; the status of the connect. */
async function connectOnce(token: string | null): Promise<number> {
	const abort = new AbortController();
	const res = await fetch(`${pbUrl()}/api/tend/live`, {
		headers: token ? { authorization: token } : {},
		signal: abort.signal
	});
	const status = res.status;
	abort.abort();
	await res.body?.cancel().catch(() => undefined);
	return status;
}

describe('live connects from one IP', () => {
	// the shared test server lets loopback past the per-IP limits; these tests are about them
	beforeAll(() => setLoopbackRateLimited(true));
	afterAll(() => setLoopbackRateLimited(false));

	it('500 signed-in connects in a burst are all let in (more than the guest limit of 300 per 10 s)', async () => {
		await setLoopbackRateLimited(false);
		const tokens = (await Promise.all(Array.from({ length: 10 }, () => newUser('nat')))).map(
			(u) => u.pb.authStore.token
		);
		await setLoopbackRateLimited(true);
		const statuses: number[] = [];
		for (let round = 0; round < 10; round++) {
			statuses.push(
				...(await Promise.all(tokens.flatMap((t) => [0, 1, 2, 3, 4].map(() => connectOnce(t)))))
			);
		}
		expect(statuses).toHaveLength(500);
		expect(statuses.filter((s) => s !== 200)).toEqual([]);
	}, 60_000);

	it('anonymous connects are refused, and limited like any guest route', async () => {
		const statuses: number[] = [];
		for (let round = 0; round < 8; round++) {
			statuses.push(...(await Promise.all(Array.from({ length: 50 }, () => connectOnce(null)))));
		}
		expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
	}, 60_000);

	it('the refused /api/realtime has no rule of its own: guests hitting it meet the /api/ limit', async () => {
		const su = await superuser();
		const settings = (await su.settings.getAll()) as {
			rateLimits: { rules: { label: string }[] };
		};
		const labels = settings.rateLimits.rules.map((r) => r.label);
		expect(labels).toContain('/api/');
		expect(labels).not.toContain('GET /api/realtime');
		const statuses: number[] = [];
		for (let round = 0; round < 8; round++) {
			statuses.push(
				...(await Promise.all(
					Array.from({ length: 50 }, async () => {
						const res = await fetch(`${pbUrl()}/api/realtime`);
						await res.body?.cancel();
						return res.status;
					})
				))
			);
		}
		expect(statuses.filter((s) => s !== 410 && s !== 429)).toEqual([]);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
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
