// Who holds my card, and what they may see: the server decides (GET/POST /api/tend/holders); this
// needs a connection, and nothing here is kept on the device.
import { attempt, type Result } from '$lib/pocketbase/errors';
import { pb } from '$lib/pocketbase/client';
import { isToken, type MyToken } from './token.service';

export interface Holder {
	connection: string;
	name: string;
	level: 'event' | 'full';
	isRevoked: boolean;
	eventName: string;
	metAt: string;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The people who hold my card, most recently met first. */
export async function listHolders(): Promise<Result<Holder[]>> {
	const result = await attempt(() => pb.send<{ items?: unknown }>('/api/tend/holders', {}));
	if (!result.ok) return result;
	const items = Array.isArray(result.value.items) ? result.value.items : [];
	const holders = items.flatMap((item: unknown): Holder[] => {
		if (!item || typeof item !== 'object') return [];
		const h = item as Record<string, unknown>;
		if (!str(h.connection)) return [];
		return [
			{
				connection: str(h.connection),
				name: str(h.holderName) || 'Someone',
				level: h.level === 'full' ? 'full' : 'event',
				isRevoked: h.revoked === true,
				eventName: str(h.eventName),
				metAt: str(h.metAt)
			}
		];
	});
	return { ok: true, value: holders.sort((a, b) => b.metAt.localeCompare(a.metAt)) };
}

/**
 * Changes what one holder may see: the full card, the event card, or nothing (stop sharing).
 * Stopping answers with my next code, issued after the revocation: the codes I showed before
 * no longer reconnect that person, this one (shown again in person) does.
 */
export async function updateHolder(
	connection: string,
	change: { level?: 'event' | 'full'; revoked?: boolean }
): Promise<Result<{ token: MyToken | null }>> {
	const result = await attempt(() =>
		pb.send<{ token?: unknown }>(`/api/tend/holders/${encodeURIComponent(connection)}`, {
			method: 'POST',
			body: change
		})
	);
	if (!result.ok) return result;
	return { ok: true, value: { token: isToken(result.value.token) ? result.value.token : null } };
}
