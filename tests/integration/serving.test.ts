// How PocketBase serves the app (pocketbase/serve.go and pb_hooks/serve.pb.js), on three servers
// of their own started with the environment of a deployment: the app's files carry the CSP and the
// other security headers while /api and the admin UI keep PocketBase's; they are sent compressed
// when the build left a compressed copy, with cache lifetimes that fit their names; behind a proxy
// the per-IP rate limits tell guests apart by the header the proxy sets, and only when told to
// trust it; TEND_ADMIN_UI=off hides the admin UI.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPocketBase, type Throwaway } from '../../scripts/lib/pocketbase.js';

const CSP =
	"default-src 'self'; script-src 'self'; style-src 'self'; " +
	"style-src-attr 'unsafe-hashes' 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='; " +
	"img-src 'self' blob:; " +
	"connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; " +
	"base-uri 'self'; form-action 'self'; object-src 'none'";

/** A stand-in for build/: the integration run does not build the app. */
const publicDir = mkdtempSync(join(tmpdir(), 'tend-public-'));
writeFileSync(join(publicDir, 'index.html'), '<!doctype html><title>Tend fixture</title>');
writeFileSync(join(publicDir, 'manifest.webmanifest'), '{}');
writeFileSync(join(publicDir, 'robots.txt'), 'User-agent: *\nDisallow: /api/\n');
/** A content-hashed chunk as the build leaves it: the file and its two compressed copies. */
const chunk = `export const words = ${JSON.stringify('tend '.repeat(400))};\n`;
mkdirSync(join(publicDir, '_app', 'immutable', 'chunks'), { recursive: true });
const chunkPath = join(publicDir, '_app', 'immutable', 'chunks', 'A1b2C3.js');
writeFileSync(chunkPath, chunk);
writeFileSync(`${chunkPath}.br`, brotliCompressSync(chunk));
writeFileSync(`${chunkPath}.gz`, gzipSync(chunk));
/** A file of the build the build did not compress (an icon). */
mkdirSync(join(publicDir, 'icons'));
writeFileSync(join(publicDir, 'icons', 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));

/**
 * A GET with exactly these headers, through node:http (fetch would decompress and hide the
 * encoding); the body as sent.
 */
function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET') {
	return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>(
		(done, fail) => {
			const req = request(url, { method, headers }, (res) => {
				const parts: Buffer[] = [];
				res.on('data', (part: Buffer) => parts.push(part));
				res.on('end', () =>
					done({
						status: res.statusCode ?? 0,
						headers: Object.fromEntries(
							Object.entries(res.headers).map(([k, v]) => [k, String(v)])
						),
						body: Buffer.concat(parts)
					})
				);
			});
			req.on('error', fail);
			req.end();
		}
	);
}

/** A server with these environment variables, stopped and deleted after the file. */
function serverWith(env: Record<string, string>): () => Throwaway {
	let server: Throwaway | null = null;
	beforeAll(async () => {
		server = await startThrowawayPocketBase({ publicDir, env });
	});
	afterAll(async () => {
		await server?.dispose();
	});
	return () => {
		if (!server) throw new Error('the server did not start');
		return server;
	};
}

afterAll(() => rmSync(publicDir, { recursive: true, force: true }));

/**
 * Sends an anonymous, rate-limited request (a share-back PocketBase refuses as invalid) as if
 * through a proxy that set X-Forwarded-For; returns the status.
 */
async function shareBackVia(server: Throwaway, forwardedFor: string): Promise<number> {
	const res = await fetch(`${server.url}/api/tend/public/share-back`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
		body: '{}'
	});
	await res.body?.cancel();
	return res.status;
}

/** Uses up one IP's share-back allowance (20 a minute), then asks as another IP. */
async function secondGuestStatus(server: Throwaway, first: string, second: string) {
	const firstStatuses: number[] = [];
	for (let i = 0; i < 21; i++) firstStatuses.push(await shareBackVia(server, first));
	expect(firstStatuses.slice(0, 20).every((s) => s === 400)).toBe(true);
	expect(firstStatuses[20]).toBe(429);
	return shareBackVia(server, second);
}

const plain = serverWith({});
const proxied = serverWith({
	TEND_TRUSTED_PROXY_HEADERS: 'X-Forwarded-For',
	TEND_TRUSTED_PROXY_LEFTMOST: 'true',
	TEND_ADMIN_UI: 'off'
});
const appending = serverWith({ TEND_TRUSTED_PROXY_HEADERS: 'X-Forwarded-For' });

describe('security headers', () => {
	it.each(['/', '/c', '/manifest.webmanifest'])(
		'%s carries the CSP, no-referrer and camera-only permissions',
		async (path) => {
			const res = await fetch(`${plain().url}${path}`);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-security-policy')).toBe(CSP);
			expect(res.headers.get('referrer-policy')).toBe('no-referrer');
			expect(res.headers.get('permissions-policy')).toBe(
				'camera=(self), microphone=(), geolocation=()'
			);
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			if (path !== '/manifest.webmanifest') expect(await res.text()).toContain('Tend fixture');
		}
	);

	it('the API and the admin UI keep PocketBase own headers while the app gets its CSP', async () => {
		const app = await fetch(`${plain().url}/`);
		expect(app.headers.get('content-security-policy')).toBe(CSP);
		const api = await fetch(`${plain().url}/api/health`);
		expect(api.status).toBe(200);
		expect(api.headers.get('content-security-policy')).toBeNull();
		expect(api.headers.get('referrer-policy')).toBeNull();
		const admin = await fetch(`${plain().url}/_/`);
		expect(admin.status).toBe(200);
		expect(admin.headers.get('content-security-policy')).toContain("default-src 'self'");
		expect(admin.headers.get('content-security-policy')).not.toBe(CSP);
	});
});

describe('compressed and cached like a web app', () => {
	const chunkUrl = () => `${plain().url}/_app/immutable/chunks/A1b2C3.js`;

	it('sends brotli to a browser that takes it, gzip to one that takes only gzip, else plain', async () => {
		const br = await rawGet(chunkUrl(), { 'accept-encoding': 'gzip, deflate, br' });
		expect(br.status).toBe(200);
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
		expect(br.headers['vary']).toContain('Accept-Encoding');
		expect(brotliDecompressSync(br.body).toString()).toBe(chunk);
		expect(br.body.length).toBeLessThan(chunk.length / 10);

		const gz = await rawGet(chunkUrl(), { 'accept-encoding': 'gzip, br;q=0' });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gz.body).toString()).toBe(chunk);

		const plainBody = await rawGet(chunkUrl(), { 'accept-encoding': 'identity' });
		expect(plainBody.headers['content-encoding']).toBeUndefined();
		expect(plainBody.body.toString()).toBe(chunk);
		expect(plainBody.headers['content-security-policy']).toBe(CSP);
	});

	it('content-hashed files are cached for a year; the page, the worker and the manifest are revalidated', async () => {
		const hashed = await rawGet(chunkUrl());
		expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		for (const path of [
			'/',
			'/me',
			'/service-worker.js',
			'/manifest.webmanifest',
			'/icons/icon.png'
		]) {
			const res = await rawGet(`${plain().url}${path}`);
			expect(res.headers['cache-control'], path).toBe('no-cache');
		}
		const icon = await rawGet(`${plain().url}/icons/icon.png`, { 'accept-encoding': 'br, gzip' });
		expect(icon.headers['content-type']).toBe('image/png');
		expect(icon.headers['content-encoding']).toBeUndefined();
	});

	it('a file changed after the build is sent itself, never its stale compressed copy', async () => {
		const path = join(publicDir, '_app', 'immutable', 'chunks', 'Stale1.js');
		writeFileSync(`${path}.br`, brotliCompressSync('export const old = 1;'));
		writeFileSync(path, 'export const changed = 2;');
		const past = new Date(Date.now() - 60_000);
		utimesSync(`${path}.br`, past, past);
		const res = await rawGet(`${plain().url}/_app/immutable/chunks/Stale1.js`, {
			'accept-encoding': 'br'
		});
		expect(res.headers['content-encoding']).toBeUndefined();
		expect(res.body.toString()).toBe('export const changed = 2;');
	});

	it('a revalidation of an unchanged file is answered 304 without a body', async () => {
		const first = await rawGet(chunkUrl(), { 'accept-encoding': 'br' });
		const again = await rawGet(chunkUrl(), {
			'accept-encoding': 'br',
			'if-modified-since': first.headers['last-modified'] ?? ''
		});
		expect(again.status).toBe(304);
		expect(again.body.length).toBe(0);
	});

	it('a HEAD says what a GET would send, without the body', async () => {
		const head = await rawGet(chunkUrl(), { 'accept-encoding': 'br' }, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.headers['content-encoding']).toBe('br');
		expect(head.body.length).toBe(0);
	});

	it('a missing file of the build is a 404, not the page; a missing route is the page', async () => {
		const gone = await rawGet(`${plain().url}/_app/immutable/chunks/Gone123.js`);
		expect(gone.status).toBe(404);
		expect(gone.headers['content-type']).toContain('application/json');
		expect(gone.headers['cache-control']).toBe('no-store');
		const route = await rawGet(`${plain().url}/people/abc123`);
		expect(route.status).toBe(200);
		expect(route.body.toString()).toContain('Tend fixture');
	});

	it('a compressed copy is never served by its own name, and paths cannot leave the build', async () => {
		const copy = await rawGet(`${plain().url}/_app/immutable/chunks/A1b2C3.js.br`);
		expect(copy.status).toBe(404);
		const escape = await rawGet(`${plain().url}/..%2F..%2F..%2Fetc%2Fpasswd`);
		expect(escape.status).toBe(200);
		expect(escape.body.toString()).not.toContain('root:');
	});

	it('robots.txt is a real one, and the pages that carry a code say noindex', async () => {
		const robots = await rawGet(`${plain().url}/robots.txt`);
		expect(robots.status).toBe(200);
		expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
		expect(robots.body.toString()).toContain('User-agent: *');
		for (const path of ['/c', '/join']) {
			expect((await rawGet(`${plain().url}${path}`)).headers['x-robots-tag'], path).toBe('noindex');
		}
		expect((await rawGet(`${plain().url}/me`)).headers['x-robots-tag']).toBeUndefined();
	});
});

describe('behind a proxy (TEND_TRUSTED_PROXY_HEADERS)', () => {
	it('the rate limits tell two guests apart by X-Forwarded-For, and only when told to trust it', async () => {
		const guests = ['203.0.113.1, 198.51.100.9', '203.0.113.2, 198.51.100.9'] as const;
		expect(await secondGuestStatus(plain(), ...guests)).toBe(429);
		// TEND_TRUSTED_PROXY_LEFTMOST=true: the leftmost IP, as a proxy that overwrites the header sets it.
		expect(await secondGuestStatus(proxied(), ...guests)).toBe(400);
	});

	it('by default takes the IP the nearest proxy appended, not the one a guest wrote', async () => {
		const sameProxyHop = await secondGuestStatus(
			appending(),
			'203.0.113.1, 198.51.100.9',
			'203.0.113.2, 198.51.100.9'
		);
		expect(sameProxyHop).toBe(429);
		expect(await shareBackVia(appending(), '203.0.113.1, 198.51.100.10')).toBe(400);
	});
});

describe('TEND_ADMIN_UI=off', () => {
	it.each(['/_/', '/_/images/logo.svg', '/_/images/favicon.png'])(
		'%s answers 404 (it is served by default)',
		async (path) => {
			expect((await fetch(`${plain().url}${path}`)).status).toBe(200);
			const res = await fetch(`${proxied().url}${path}`);
			expect(res.status).toBe(404);
			expect(res.headers.get('content-type')).toContain('application/json');
		}
	);

	it('leaves the app and the API served', async () => {
		expect((await fetch(`${proxied().url}/_/`)).status).toBe(404);
		expect((await fetch(`${proxied().url}/`)).status).toBe(200);
		expect((await fetch(`${proxied().url}/api/health`)).status).toBe(200);
	});
});
