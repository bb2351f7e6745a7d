// The stored session on start: refreshed when the server can be reached, cleared only when
// PocketBase itself rejects it (its own 401 answer), never because the network is down, a request
// was refused for another reason (403), or something between the phone and the server (a venue's
// proxy or captive portal) answered instead. Kept apart from sign-in and sign-up so a signed-in
// first screen does not load them.
import { ClientResponseError } from 'pocketbase';
import { toAppError, type Result } from '$lib/pocketbase/errors';
import { pb } from '$lib/pocketbase/client';
import type { UsersResponse } from '$lib/pocketbase/pocketbase-types';

/**
 * True only for PocketBase's own answer that the token is not valid: a 401 whose JSON body is
 * PocketBase's error shape (it repeats the status). A 401 page from anything else has no such body.
 */
export function isSessionRejected(thrown: unknown): boolean {
	if (!(thrown instanceof ClientResponseError) || thrown.status !== 401) return false;
	const body: unknown = thrown.response;
	return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 401;
}

/**
 * Refreshes the stored session when the server can be reached. Clears it only when PocketBase
 * rejects it; keeps it (and works offline) otherwise.
 */
export async function refreshSession(): Promise<Result<UsersResponse | null>> {
	if (!pb.authStore.token) return { ok: true, value: null };
	try {
		const auth = await pb.collection('users').authRefresh({ requestKey: null });
		return { ok: true, value: auth.record };
	} catch (thrown) {
		if (isSessionRejected(thrown)) pb.authStore.clear();
		return { ok: false, error: toAppError(thrown) };
	}
}
