// Today's swaps, for the Swap screen: every contact made by a swap (in either direction: I scanned
// them, or they scanned me) whose meeting falls on my local calendar day, newest first, with
// whether its memory note is written. Pure: `now` is an argument and the day is the device's.
import { noticeName, type ConnectionLike } from './swap-notices';

export interface TodaysSwap {
	connectionId: string;
	name: string;
	metAt: string;
	hasNote: boolean;
}

/** Whether two instants fall on the same local calendar day. */
function isSameLocalDay(a: Date, b: Date): boolean {
	return (
		a.getFullYear() === b.getFullYear() &&
		a.getMonth() === b.getMonth() &&
		a.getDate() === b.getDate()
	);
}

/** The swaps met on the local day of `now`, newest first (archived contacts left out). */
export function todaysSwaps(connections: readonly ConnectionLike[], now: Date): TodaysSwap[] {
	const swaps: TodaysSwap[] = [];
	for (const c of connections) {
		if (typeof c.card !== 'string' || !c.card || c.archived === true) continue;
		if (typeof c.metAt !== 'string') continue;
		const metAt = new Date(c.metAt.replace(' ', 'T'));
		if (Number.isNaN(metAt.getTime()) || !isSameLocalDay(metAt, now)) continue;
		swaps.push({
			connectionId: c.id,
			name: noticeName(c),
			metAt: metAt.toISOString(),
			hasNote: c.needsNote !== true
		});
	}
	return swaps.sort((a, b) => b.metAt.localeCompare(a.metAt));
}
