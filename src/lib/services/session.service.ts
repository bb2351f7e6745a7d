// The stored session on start: refreshed when the server can be reached, cleared only when the
// server rejects it (401/403), never because the network is down. Kept apart from sign-in and
// sign-up so a signed-in first screen does not load them.
import { attempt, type Result } from '$lib/pocketbase/errors';
import { pb } from '$lib/pocketbase/client';
import type { UsersResponse } from '$lib/pocketbase/pocketbase-types';

/**
 * Refreshes the stored session when the server can be reached. Clears it only when the server
 * rejects it; keeps it (and works offline) when the network is down.
 */
export async function refreshSession(): Promise<Result<UsersResponse | null>> {
	if (!pb.authStore.token) return { ok: true, value: null };
	const result = await attempt(() => pb.collection('users').authRefresh());
	if (result.ok) return { ok: true, value: result.value.record };
	if (result.error.reason === 'unauthorized' || result.error.reason === 'forbidden') {
		pb.authStore.clear();
	}
	return result;
}
