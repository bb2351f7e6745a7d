// My swap token: issued and signed by the server, kept on the device so that my code can be shown
// with no network. Refreshed when online and close to expiry; rotating it invalidates old codes.
import { encodeSwapCode, type SwapEncodeResult } from '$lib/domain/swap-payload';
import { getMeta, setMeta } from '$lib/offline/local-store';
import { pb } from '$lib/pocketbase/client';
import { attempt, type Result } from '$lib/pocketbase/errors';
import type { LocalSession } from './local-session';
import type { MyCard } from './card.service';

export interface MyToken {
	token: string;
	cardId: string;
	keyVersion: number;
	/** Unix seconds. */
	expiresAt: number;
}

const META_KEY = 'myToken';
/** Fetch a fresh token when the stored one has less than this left (seconds). */
const REFRESH_BEFORE = 7 * 24 * 3600;

export function isToken(value: unknown): value is MyToken {
	if (!value || typeof value !== 'object') return false;
	const t = value as Record<string, unknown>;
	return (
		typeof t.token === 'string' &&
		typeof t.cardId === 'string' &&
		typeof t.keyVersion === 'number' &&
		typeof t.expiresAt === 'number'
	);
}

/** The token stored on the device, if any. */
export async function readMyToken(session: LocalSession): Promise<MyToken | null> {
	const stored = await getMeta<unknown>(session.db, META_KEY);
	return isToken(stored) ? stored : null;
}

/** True when the stored token should be replaced (missing, old key, close to expiry). */
export function needsNewToken(token: MyToken | null, card: MyCard, nowSeconds: number): boolean {
	return (
		!token ||
		token.cardId !== card.id ||
		token.keyVersion < card.keyVersion ||
		token.expiresAt - nowSeconds < REFRESH_BEFORE
	);
}

async function fetchToken(
	session: LocalSession,
	path: '/api/tend/token' | '/api/tend/token/rotate'
): Promise<Result<MyToken>> {
	if (!pb.authStore.token) {
		return { ok: false, error: { reason: 'unauthorized', message: 'Sign in first.', fields: {} } };
	}
	const result = await attempt(() =>
		pb.send<unknown>(path, { method: path.endsWith('rotate') ? 'POST' : 'GET' })
	);
	if (!result.ok) return result;
	if (!isToken(result.value)) {
		return {
			ok: false,
			error: { reason: 'server', message: 'The server sent an unexpected answer.', fields: {} }
		};
	}
	await setMeta(session.db, META_KEY, result.value);
	return { ok: true, value: result.value };
}

/** Keeps a token the server issued elsewhere (e.g. with a revocation) as my current one. */
export async function storeMyToken(session: LocalSession, token: MyToken): Promise<void> {
	await setMeta(session.db, META_KEY, token);
}

/** Gets a fresh token from the server and stores it. */
export function refreshMyToken(session: LocalSession): Promise<Result<MyToken>> {
	return fetchToken(session, '/api/tend/token');
}

/** Replaces my code: every code shown, printed or photographed before stops working. */
export function rotateMyToken(session: LocalSession): Promise<Result<MyToken>> {
	return fetchToken(session, '/api/tend/token/rotate');
}

/**
 * The text of my QR code: a link to my public card page carrying my event card and token, and my
 * current event (the one the person who scans it is filed under on my side).
 */
export function myCodeText(
	origin: string,
	token: MyToken,
	card: MyCard,
	eventId = ''
): SwapEncodeResult {
	return encodeSwapCode(
		origin,
		token.token,
		{
			name: card.name,
			headline: card.eventFields.includes('headline') ? card.headline : '',
			company: card.eventFields.includes('company') ? card.company : ''
		},
		eventId
	);
}
