import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pb } from '$lib/pocketbase/client';
import { fakeToken } from '$lib/offline/testing/fake-server';
import { refreshSession } from './session.service';

const RECORD = { id: 'useruseruser001', collectionId: 'users', collectionName: 'users' };

/** Every request of the app's client answered by `answer` (the SDK's own fetch hook). */
function answerWith(answer: () => Promise<Response>): void {
	pb.beforeSend = (url, options) => ({ url, options: { ...options, fetch: answer } });
}

const json = (status: number, body: unknown) => async () =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the stored session on start', () => {
	beforeEach(() => pb.authStore.save(fakeToken(), RECORD));
	afterEach(() => {
		pb.beforeSend = undefined;
		pb.authStore.clear();
	});

	it('is cleared when PocketBase itself rejects the token (its own 401 answer)', async () => {
		answerWith(
			json(401, {
				status: 401,
				message: 'The request requires valid record authorization token.',
				data: {}
			})
		);
		const result = await refreshSession();
		expect(result.ok).toBe(false);
		expect(pb.authStore.token).toBe('');
	});

	it.each([
		['the network is down', async () => Promise.reject(new TypeError('Failed to fetch'))],
		['the server is overloaded', json(503, { status: 503, message: 'busy', data: {} })],
		[
			'the request is refused for another reason',
			json(403, { status: 403, message: 'no', data: {} })
		],
		[
			'a venue proxy answers 401 with its own page',
			async () =>
				new Response('<html>Log in to the venue Wi-Fi</html>', {
					status: 401,
					headers: { 'content-type': 'text/html' }
				})
		],
		['something else answers 401 with JSON of its own', json(401, { error: 'login required' })]
	])('is kept when %s', async (_, answer) => {
		answerWith(answer);
		const token = pb.authStore.token;
		const result = await refreshSession();
		expect(result.ok).toBe(false);
		expect(pb.authStore.token).toBe(token);
		expect(pb.authStore.record?.id).toBe(RECORD.id);
	});

	it('is refreshed when the server accepts it', async () => {
		const fresh = fakeToken().replace('.sig', '.fresh');
		answerWith(json(200, { token: fresh, record: { ...RECORD, name: 'Ann' } }));
		const result = await refreshSession();
		expect(result.ok && result.value?.id).toBe(RECORD.id);
		expect(pb.authStore.token).toBe(fresh);
	});
});
