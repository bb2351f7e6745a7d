// Admission (pocketbase/admission.go): at most TEND_ACTIVE_REQUESTS API requests run at once; the
// rest wait their turn, a request that waits too long is answered 503 "busy" (which the device
// retries), and health probes and live streams never wait. On servers of their own with one slot. The slot is held by a sign-in whose
// body is sent late: PocketBase reads a request's body inside the handler, after admission.
import { connect, type Socket } from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	dirArgs,
	ensurePocketBase,
	startThrowawayPocketBase
} from '../../scripts/lib/pocketbase.js';
import { openLive } from '../support/realtime';

type Throwaway = Awaited<ReturnType<typeof startThrowawayPocketBase>>;

const SIGN_IN = '/api/collections/users/auth-with-password';
const SIGN_IN_BODY = JSON.stringify({
	identity: 'nobody@tend.invalid',
	password: 'not-a-password-1'
});

/**
 * Takes the one slot: a sign-in whose headers are sent now and whose body waits for `release()`.
 * `answered` resolves with its HTTP status once the server has replied.
 */
function holdSlot(url: string) {
	const { hostname, port, host } = new URL(url);
	const socket: Socket = connect(Number(port), hostname);
	let text = '';
	const answered = new Promise<number>((done) => {
		socket.on('data', (data) => {
			text += data.toString('latin1');
			const status = /HTTP\/1\.1 (\d{3})/.exec(text);
			if (status && text.includes('\r\n\r\n')) done(Number(status[1]));
		});
	});
	socket.on('connect', () =>
		socket.write(
			`POST ${SIGN_IN} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
				`Content-Length: ${Buffer.byteLength(SIGN_IN_BODY)}\r\nConnection: close\r\n\r\n`
		)
	);
	return {
		answered,
		release: () => socket.write(SIGN_IN_BODY),
		close: () => socket.destroy()
	};
}

/** Settles with the time it settled at, so that order can be compared. */
function timed<T>(promise: Promise<T>) {
	return promise.then((value) => ({ value, at: performance.now() }));
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function signUp(url: string, email: string) {
	return fetch(`${url}/api/collections/users/records`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			email,
			password: 'a-long-password-1',
			passwordConfirm: 'a-long-password-1'
		})
	});
}

describe('admission with one slot', () => {
	let server: Throwaway;
	beforeAll(async () => {
		server = await startThrowawayPocketBase({
			env: { TEND_ACTIVE_REQUESTS: '1', TEND_ADMISSION_WAIT: '4s' }
		});
	});
	afterAll(() => server.dispose());

	it('a request finding the slot taken waits its turn; health is answered meanwhile', async () => {
		const holder = holdSlot(server.url);
		try {
			await pause(300);
			let waiterSettled = false;
			const waiter = timed(
				fetch(`${server.url}/api/collections/users/records?perPage=1`).then((r) => {
					waiterSettled = true;
					return r.status;
				})
			);
			await pause(300);
			const health = await fetch(`${server.url}/api/health`);
			expect(health.status).toBe(200);
			expect(waiterSettled).toBe(false);
			const releasedAt = performance.now();
			holder.release();
			expect(await holder.answered).toBe(400); // no such account
			const { value: status, at } = await waiter;
			expect(status).toBe(200);
			expect(at).toBeGreaterThan(releasedAt);
		} finally {
			holder.close();
		}
	});

	it('a live stream opens while the slot is taken', async () => {
		const email = `live-${Date.now()}@tend.invalid`;
		expect((await signUp(server.url, email)).status).toBe(200);
		const auth = await fetch(`${server.url}${SIGN_IN}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ identity: email, password: 'a-long-password-1' })
		});
		const { token } = (await auth.json()) as { token: string };
		const holder = holdSlot(server.url);
		try {
			await pause(300);
			const live = await Promise.race([openLive(token, server.url), pause(3000)]);
			expect(live?.status).toBe(200);
			expect(live?.events()[0]?.event).toBe('hello');
			live?.close();
		} finally {
			holder.release();
			await holder.answered;
			holder.close();
		}
	});

	it('a request waiting longer than TEND_ADMISSION_WAIT is answered 503 busy, to retry', async () => {
		const holder = holdSlot(server.url);
		try {
			await pause(300);
			const reply = await fetch(`${server.url}/api/collections/users/records?perPage=1`);
			expect(reply.status).toBe(503);
			expect(reply.headers.get('retry-after')).toBe('5');
			const body = (await reply.json()) as { data: { reason: string } };
			expect(body.data.reason).toBe('busy');
		} finally {
			holder.release();
			await holder.answered;
			holder.close();
		}
	});
});

describe('admission settings', () => {
	it('TEND_ACTIVE_REQUESTS=0 lets every request run at once (for comparing)', async () => {
		const server = await startThrowawayPocketBase({ env: { TEND_ACTIVE_REQUESTS: '0' } });
		const holder = holdSlot(server.url);
		try {
			await pause(300);
			const reply = await fetch(`${server.url}/api/collections/users/records?perPage=1`);
			expect(reply.status).toBe(200);
		} finally {
			holder.release();
			await holder.answered;
			holder.close();
			await server.dispose();
		}
	});

	it.each([
		['TEND_ACTIVE_REQUESTS', 'many'],
		['TEND_ACTIVE_REQUESTS', '-1'],
		['TEND_ADMISSION_WAIT', 'soon']
	])('a wrong %s (%s) stops the server with a message', (name, value) => {
		const dataDir = mkdtempSync(join(tmpdir(), 'tend-admission-'));
		try {
			const out = spawnSync(
				ensurePocketBase({ quiet: true }),
				['serve', '--http=127.0.0.1:0', ...dirArgs(dataDir)],
				{ encoding: 'utf8', env: { ...process.env, [name]: value }, timeout: 20_000 }
			);
			expect(out.status).not.toBe(0);
			expect(out.stderr + out.stdout).toContain(name);
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
