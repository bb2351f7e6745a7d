// Who holds my card, and what they may see: the server decides (GET/POST /api/tend/holders); this
// needs a connection, and nothing here is kept on the device.
import { fieldsOf, text } from '$lib/domain/record-fields';
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

/** The people who hold my card, most recently met first. */
export async function listHolders(): Promise<Result<Holder[]>> {
	const result = await attempt(() => pb.send<{ items?: unknown }>('/api/tend/holders', {}));
	if (!result.ok) return result;
	const items = Array.isArray(result.value.items) ? result.value.items : [];
	const holders = items.flatMap((item: unknown): Holder[] => {
		if (!item || typeof item !== 'object') return [];
		const h = fieldsOf(item);
		if (!text(h.connection)) return [];
		return [
			{
				connection: text(h.connection),
				name: text(h.holderName) || 'Someone',
				level: h.level === 'full' ? 'full' : 'event',
				isRevoked: h.revoked === true,
				eventName: text(h.eventName),
				metAt: text(h.metAt)
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

/** Whether the person behind one of MY connections holds my card, and how (from their page). */
export type Sharing =
	| { holds: false }
	| { holds: true; connection: string; level: 'event' | 'full'; isRevoked: boolean };

function sharingOf(value: unknown): Sharing {
	if (!value || typeof value !== 'object') return { holds: false };
	const s = fieldsOf(value);
	if (s.holds === false || !text(s.connection)) return { holds: false };
	return {
		holds: true,
		connection: text(s.connection),
		level: s.level === 'full' ? 'full' : 'event',
		isRevoked: s.revoked === true
	};
}

const sharingPath = (connection: string) =>
	`/api/tend/people/${encodeURIComponent(connection)}/sharing`;

/** Whether this person (my connection to them) holds my card, and at which level. */
export async function readSharing(connection: string): Promise<Result<Sharing>> {
	const result = await attempt(() => pb.send<unknown>(sharingPath(connection), {}));
	return result.ok ? { ok: true, value: sharingOf(result.value) } : result;
}

/**
 * Changes what this person may see of my card, from their page (as updateHolder does from my
 * list of holders): stopping answers with my next code, which the device shows from then on.
 */
export async function updateSharing(
	connection: string,
	change: { level?: 'event' | 'full'; revoked?: boolean }
): Promise<Result<{ sharing: Sharing; token: MyToken | null }>> {
	const result = await attempt(() =>
		pb.send<{ token?: unknown }>(sharingPath(connection), { method: 'POST', body: change })
	);
	if (!result.ok) return result;
	return {
		ok: true,
		value: {
			sharing: sharingOf({ holds: true, ...result.value }),
			token: isToken(result.value.token) ? result.value.token : null
		}
	};
}
