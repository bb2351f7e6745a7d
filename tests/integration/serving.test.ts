// How PocketBase serves the app (pocketbase/pb_hooks/serve.pb.js), on three servers of their own
// started with the environment of a deployment: the app's files carry the CSP and the other
// security headers while /api and the admin UI keep PocketBase's; behind a proxy the per-IP rate
// limits tell guests apart by the header the proxy sets, and only when told to trust it;
// TEND_ADMIN_UI=off hides the admin UI.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
