// The device side of photos against fakes at its two edges (fetch and Cache Storage): kept for
// offline use when served, dropped when refused, shown from the kept copy when the server is out
// of reach, and always asked for with my auth and without the HTTP cache's stale copy.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PHOTO_CACHE } from '$lib/offline/photo-cache';
import { pb } from '$lib/pocketbase/client';
import { isPhotoPath, loadPhoto, photoPathOf } from './photo.service';

/** Cache Storage in memory: one Map per cache name, keyed by URL. */
class FakeCacheStorage {
	stores = new Map<string, Map<string, Response>>();
	async open(name: string) {
		const store = this.stores.get(name) ?? new Map<string, Response>();
		this.stores.set(name, store);
		return {
			match: async (key: string) => store.get(key)?.clone(),
			put: async (key: string, res: Response) => void store.set(key, res),
			delete: async (key: string) => store.delete(key)
		};
	}
	async delete(name: string) {
		return this.stores.delete(name);
	}
	keys(name = PHOTO_CACHE): string[] {
		return [...(this.stores.get(name)?.keys() ?? [])];
	}
}

/** A JWT the SDK considers valid (it only reads `exp`). */
function validToken(): string {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'HS256' })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`;
}

const PATH = '/api/tend/photos/abcdefghijklmno/me_0123456789.png';
const KEY = `${pb.buildURL(PATH)}?thumb=128x128`;
const image = (bytes = 'png-bytes') => new Blob([bytes], { type: 'image/png' });
const served = (bytes?: string) =>
	new Response(image(bytes), { status: 200, headers: { 'Content-Type': 'image/png' } });
const refused = () =>
	new Response('{"data":{"reason":"not_found"}}', {
		status: 404,
		headers: { 'Content-Type': 'application/json' }
	});

/** Runs loadPhoto and returns the texts of what it showed, in order (null: the placeholder). */
async function shown(source: Parameters<typeof loadPhoto>[0]): Promise<(string | null)[]> {
	const seen: (Blob | null)[] = [];
	await loadPhoto(source, '128x128', (photo) => seen.push(photo));
	return Promise.all(seen.map((b) => (b ? b.text() : null)));
}

let storage: FakeCacheStorage;
let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;

beforeEach(() => {
	storage = new FakeCacheStorage();
	fetchMock = vi.fn<typeof fetch>();
	vi.stubGlobal('caches', storage);
	vi.stubGlobal('fetch', fetchMock);
	vi.stubGlobal('navigator', { onLine: true });
	pb.authStore.save(validToken(), null);
});

afterEach(() => {
	vi.unstubAllGlobals();
	pb.authStore.clear();
});

describe('photo paths', () => {
	it.each([
		[PATH, true],
		['/api/tend/photos/abcdefghijklmno/legacy_name.jpeg', true],
		['/api/files/pbc_1/abcdefghijklmno/me.png', false],
		['/api/tend/photos/abcdefghijklmno/../../users', false],
		['/api/tend/photos/ABCDEFGHIJKLMNO/me.png', false],
		['https://evil.example/api/tend/photos/abcdefghijklmno/me.png', false],
		['', false]
	])('%s is a photo path: %s', (value, expected) => {
		expect(isPhotoPath(value)).toBe(expected);
	});

	it('a card without a photo has no path', () => {
		expect(photoPathOf('abcdefghijklmno', '')).toBeNull();
		expect(photoPathOf('abcdefghijklmno', 'me_0123456789.png')).toBe(PATH);
	});
});

describe('loading a photo', () => {
	it('asks with my auth, past the HTTP cache, and keeps what is served', async () => {
		fetchMock.mockResolvedValue(served());
		expect(await shown({ path: PATH })).toEqual(['png-bytes']);
		const [url, init] = fetchMock.mock.calls[0] ?? [];
		expect(url).toBe(KEY);
		expect(init?.cache).toBe('no-cache');
		expect(new Headers(init?.headers).get('Authorization')).toBe(pb.authStore.token);
		expect(storage.keys()).toEqual([KEY]);
	});

	it('shows the kept copy at once, then the fresh one', async () => {
		fetchMock.mockResolvedValueOnce(served('old')).mockResolvedValueOnce(served('new'));
		await shown({ path: PATH });
		expect(await shown({ path: PATH })).toEqual(['old', 'new']);
	});

	it('a refusal drops the kept copy and shows the placeholder', async () => {
		fetchMock.mockResolvedValueOnce(served()).mockResolvedValueOnce(refused());
		await shown({ path: PATH });
		expect(await shown({ path: PATH })).toEqual(['png-bytes', null]);
		expect(storage.keys()).toEqual([]);
	});

	it.each([
		['the network fails', () => fetchMock.mockRejectedValueOnce(new TypeError('offline'))],
		[
			'the server has trouble',
			() => fetchMock.mockResolvedValueOnce(new Response('', { status: 503 }))
		],
		['the browser is offline', () => vi.stubGlobal('navigator', { onLine: false })],
		['my session has expired', () => pb.authStore.save('not.a-valid.token', null)]
	])('when %s, the kept copy stays and is shown', async (_n, breakIt) => {
		fetchMock.mockResolvedValueOnce(served());
		await shown({ path: PATH });
		breakIt();
		expect(await shown({ path: PATH })).toEqual(['png-bytes']);
		expect(storage.keys()).toEqual([KEY]);
	});

	it('with nothing kept and no answer, shows the placeholder', async () => {
		fetchMock.mockRejectedValue(new TypeError('offline'));
		expect(await shown({ path: PATH })).toEqual([null]);
	});

	it('an answer that is not an image is not shown or kept', async () => {
		fetchMock.mockResolvedValue(
			new Response('<html>', { status: 200, headers: { 'Content-Type': 'text/html' } })
		);
		expect(await shown({ path: PATH })).toEqual([null]);
		expect(storage.keys()).toEqual([]);
	});

	it('a public card’s photo is asked for with the code’s token and not kept', async () => {
		fetchMock.mockResolvedValue(served());
		pb.authStore.clear();
		expect(await shown({ path: PATH, publicToken: 'tok' })).toEqual(['png-bytes']);
		const [url, init] = fetchMock.mock.calls[0] ?? [];
		expect(url).toBe(pb.buildURL('/api/tend/public/photo'));
		expect(init?.method).toBe('POST');
		expect(JSON.parse(String(init?.body))).toEqual({ token: 'tok', thumb: '128x128' });
		expect(storage.keys()).toEqual([]);
	});
});
