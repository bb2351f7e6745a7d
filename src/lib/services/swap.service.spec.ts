import { describe, expect, it } from 'vitest';
import { encodeSwapCode } from '$lib/domain/swap-payload';
import { listRecords, type LocalChange } from '$lib/offline/local-store';
import { listOutbox } from '$lib/offline/outbox';
import { freshDb } from '$lib/offline/testing/factories';
import { deviceSession } from './testing/session';
import type { LocalSession } from './local-session';
import { recordScan, SCAN_FAILED, type ScanContext } from './swap.service';

const ORIGIN = 'https://tend.example.org';
const NOW = new Date(Date.UTC(2025, 10, 26, 12));
const expiry = Math.floor(NOW.getTime() / 1000 + 86_400).toString(36);
const TOKEN = `abcdefghij12345.1.${expiry}.AbCdEfGhIjKlMnOpQrSt_-`;
// Offline, so the server is never asked: these tests stay on the device.
const CONTEXT: ScanContext = {
	origin: ORIGIN,
	myCardId: null,
	eventId: null,
	isOnline: false,
	now: NOW
};

function goodCode(): string {
	const code = encodeSwapCode(ORIGIN, TOKEN, { name: 'Ann Lee', headline: '', company: '' });
	if (!code.ok) throw new Error(code.message);
	return code.value;
}

/** A session on a fresh local store; `write` may be replaced to make the device fail. */
async function sessionWith(
	write?: (change: LocalChange) => ReturnType<LocalSession['write']>
): Promise<LocalSession> {
	const db = await freshDb();
	return deviceSession(db, write ? { write } : {});
}

describe('recordScan', () => {
	it('saves a good code offline: the contact and its swap, waiting in the outbox', async () => {
		const session = await sessionWith();
		const outcome = await recordScan(session, goodCode(), CONTEXT);
		expect(outcome).toMatchObject({ kind: 'new', code: { name: 'Ann Lee' } });
		expect(await listRecords(session.db, 'connections')).toHaveLength(1);
		expect((await listOutbox(session.db)).map((e) => [e.action, e.status])).toEqual([
			['swap', 'pending']
		]);
	});

	it('refuses a code at an origin no browser can open with a sentence, not an exception', async () => {
		const session = await sessionWith();
		const hostile = goodCode().replace(ORIGIN, 'http://127.0.0.1:99999');
		await expect(recordScan(session, hostile, CONTEXT)).resolves.toEqual({
			kind: 'refused',
			message: 'This code points at a web address that cannot exist, so it is not a Tend card.'
		});
		expect(await listRecords(session.db, 'connections')).toEqual([]);
	});

	it('turns a failing local write into a sentence, and nothing is kept', async () => {
		const session = await sessionWith(() =>
			Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
		);
		await expect(recordScan(session, goodCode(), CONTEXT)).resolves.toEqual({
			kind: 'refused',
			message: SCAN_FAILED
		});
		expect(await listRecords(session.db, 'connections')).toEqual([]);
		expect(await listOutbox(session.db)).toEqual([]);
	});

	it('turns a closed local store into a sentence', async () => {
		const session = await sessionWith();
		session.db.close();
		await expect(recordScan(session, goodCode(), CONTEXT)).resolves.toEqual({
			kind: 'refused',
			message: SCAN_FAILED
		});
	});
});

describe('scanning someone I already have', () => {
	it('sends a swap only when they had stopped sharing with me (their new code may share again)', async () => {
		const session = await sessionWith();
		const first = await recordScan(session, goodCode(), CONTEXT);
		if (first.kind !== 'new') throw new Error(first.kind);
		const outboxAfterFirst = (await listOutbox(session.db)).length;
		const again = await recordScan(session, goodCode(), CONTEXT);
		expect(again).toMatchObject({ kind: 'existing', connectionId: first.connectionId });
		expect(await listOutbox(session.db)).toHaveLength(outboxAfterFirst);

		const [connection] = await listRecords(session.db, 'connections');
		await session.db.put('connections', { ...connection!, revoked: true });
		const afterRevoked = await recordScan(session, goodCode(), CONTEXT);
		expect(afterRevoked).toMatchObject({ kind: 'existing', connectionId: first.connectionId });
		const swaps = (await listOutbox(session.db)).filter((e) => e.action === 'swap');
		expect(swaps).toHaveLength(2);
		expect(swaps[1]?.body).toMatchObject({ connectionId: first.connectionId, token: TOKEN });
		expect(await listRecords(session.db, 'connections')).toHaveLength(1);
	});
});
