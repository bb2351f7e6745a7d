// Where signing in (or up) lands: the single place that decides it. Swap shows my code, so a
// person who has a card goes there; one who has none yet goes to the card editor first (its
// "Show my code" then leads to Swap).
import { pb } from '$lib/pocketbase/client';
import { attempt } from '$lib/pocketbase/errors';

export type Landing = '/swap' | '/me';

/** How long sign-in waits to learn whether I have a card before opening the editor anyway. */
const LANDING_TIMEOUT_MS = 3000;

/**
 * The page to open after signing in. Whether I have a card is asked of the server: on a new
 * device nothing has synced yet, and signing in has just proved the server reachable. When the
 * question fails all the same, the editor is the safe place (it shows the card once it syncs).
 */
export async function landingAfterSignIn(userId: string): Promise<Landing> {
	const found = await attempt(() =>
		pb.collection('cards').getList(1, 1, {
			filter: pb.filter('owner = {:owner}', { owner: userId }),
			fields: 'id',
			skipTotal: true,
			requestKey: null,
			// a slow venue network must not hold the person on the sign-in page
			signal: AbortSignal.timeout(LANDING_TIMEOUT_MS)
		})
	);
	return found.ok && found.value.items.length > 0 ? '/swap' : '/me';
}
