// Both people know a swap happened. "‹name› saved your card": finds, on the device, the swaps in
// which my code was scanned. Reads the local connections (kept fresh by the sync engine's live notices
// and pulls: nothing extra runs on the server for other users), remembers in the local store's
// meta what it has dealt with so a reload never repeats a notice, and asks the server once per new
// candidate whether I made that swap myself on another device (the swaps I made are mine to list).
// Also today's swaps, listed on the Swap screen.
import { getMeta, listRecords, setMeta } from '$lib/offline/local-store';
import {
	planSwapNotices,
	settleSwapNotices,
	type NoticeMemory,
	type SwapNotice
} from '$lib/domain/swap-notices';
import { todaysSwaps, type TodaysSwap } from '$lib/domain/todays-swaps';
import { pb } from '$lib/pocketbase/client';
import { attempt, type Result } from '$lib/pocketbase/errors';
import type { LocalSession } from './local-session';

/** Meta key of the notice memory (per user: each user has their own local database). */
export const NOTICE_MEMORY_KEY = 'swapNotices';

/** How many candidates one server question covers (a filter stays short). */
const VERIFY_BATCH = 50;

function isNoticeMemory(value: unknown): value is NoticeMemory {
	return (
		typeof value === 'object' &&
		value !== null &&
		'isSeeded' in value &&
		typeof value.isSeeded === 'boolean' &&
		'seen' in value &&
		Array.isArray(value.seen) &&
		value.seen.every((id) => typeof id === 'string')
	);
}

/** Which of these connections are the result of a swap I made (scanning them), per the server. */
export async function scannedByMe(connectionIds: string[]): Promise<Result<Set<string>>> {
	const mine = new Set<string>();
	for (let i = 0; i < connectionIds.length; i += VERIFY_BATCH) {
		const ids = connectionIds.slice(i, i + VERIFY_BATCH);
		const params = Object.fromEntries(ids.map((id, n) => [`c${n}`, id]));
		const filter = pb.filter(ids.map((_, n) => `connection = {:c${n}}`).join(' || '), params);
		const found = await attempt(() =>
			pb.collection('swaps').getFullList({ filter, fields: 'connection', requestKey: null })
		);
		if (!found.ok) return found;
		for (const swap of found.value) mine.add(String(swap.connection));
	}
	return { ok: true, value: mine };
}

export interface NoticeLook {
	/** Notices never returned before on this device, oldest first. */
	fresh: SwapNotice[];
	/** Connections that still ask for a memory note (a notice for any other is over). */
	stillOpen: Set<string>;
}

/**
 * Looks at the local connections: the new notices (each returned once, ever, on this device).
 * When the server cannot be asked, the candidates wait for the next look.
 */
export async function lookForSwapNotices(session: LocalSession): Promise<NoticeLook> {
	const stored = await getMeta<unknown>(session.db, NOTICE_MEMORY_KEY);
	const memory = isNoticeMemory(stored) ? stored : null;
	const connections = await listRecords(session.db, 'connections');
	const stillOpen = new Set(connections.filter((c) => c.needsNote === true).map((c) => c.id));
	const plan = planSwapNotices(connections, memory);
	const mine = plan.toVerify.length
		? await scannedByMe(plan.toVerify.map((n) => n.connectionId))
		: null;
	const settled = mine?.ok ? settleSwapNotices(plan, mine.value) : null;
	const next = settled?.memory ?? plan.memory;
	if (JSON.stringify(next) !== JSON.stringify(stored)) {
		await setMeta(session.db, NOTICE_MEMORY_KEY, next);
	}
	return { fresh: settled?.notices ?? [], stillOpen };
}

/** The swaps of my local day (both directions), newest first, read from the device. */
export async function listTodaysSwaps(session: LocalSession, now: Date): Promise<TodaysSwap[]> {
	return todaysSwaps(await listRecords(session.db, 'connections'), now);
}
