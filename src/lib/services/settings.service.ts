// My follow-up settings: one record per user whose id is the user's id (the server made it at
// sign-up), so any device can write it offline without first reading it.
import type { FollowUpSettings } from '$lib/domain/follow-ups/types';
import type { LocalSession } from './local-session';

/** Saves a change to my settings (on this device at once, synced later). */
export async function updateSettings(
	session: LocalSession,
	current: FollowUpSettings,
	patch: Partial<FollowUpSettings>
): Promise<void> {
	const id = session.userId;
	await session.write({
		action: 'update',
		collection: 'settings',
		record: { id, owner: id, ...current, ...patch },
		body: { ...patch }
	});
}
