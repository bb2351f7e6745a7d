// "‹name› saved your card — add a note?": which of my connections tell me that someone swapped
// with me. A swap makes, on the server, a connection for the person whose code was scanned; it
// reaches their device by realtime or by the next pull. Pure: the device and the tests feed it
// the local connections, what this device already knows, and which of the candidates the server
// says I scanned myself (on another device).

/** A connection as the rule reads it (a stored record: only these fields matter). */
export interface ConnectionLike {
	id: string;
	[field: string]: unknown;
}

/** What the device remembers between runs (kept in the local store's meta). */
export interface NoticeMemory {
	/** False until the first look on this device: what it holds then is history, not news. */
	isSeeded: boolean;
	/** Connections already dealt with: notified, created on this device, or scanned by me. */
	seen: string[];
}

/** A notice to show. */
export interface SwapNotice {
	connectionId: string;
	name: string;
}

export interface NoticePlan {
	/** Candidates to check with the server (did I scan them on another device?), oldest first. */
	toVerify: SwapNotice[];
	/** The memory after this look (candidates still to verify are not in it yet). */
	memory: NoticeMemory;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** A swap's connection that still asks for a memory note (a share-back or typed contact has no card). */
function isOpenSwap(connection: ConnectionLike): boolean {
	return (
		isText(connection.card) &&
		connection.needsNote === true &&
		connection.revoked !== true &&
		connection.archived !== true
	);
}

/** The name a notice shows: the snapshot's, as everywhere else. */
export function noticeName(connection: ConnectionLike): string {
	const snapshot = connection.snapshot;
	const name =
		typeof snapshot === 'object' && snapshot !== null && 'name' in snapshot ? snapshot.name : '';
	return isText(name) ? name : 'Someone';
}

/**
 * One look at the local connections. A candidate is an open swap that came from the server (it
 * has the server's `created`; one made on this device has none until its swap is accepted, and
 * is remembered as seen the first time it is looked at), that was not on the device at its first
 * look, and that was never dealt with. The memory keeps only ids that could still be candidates.
 */
export function planSwapNotices(
	connections: readonly ConnectionLike[],
	memory: NoticeMemory | null
): NoticePlan {
	const open = connections.filter(isOpenSwap);
	const known = new Set(memory?.seen ?? []);
	if (!memory?.isSeeded) {
		return { toVerify: [], memory: { isSeeded: true, seen: open.map((c) => c.id) } };
	}
	const seen = open.filter((c) => known.has(c.id) || !isText(c.created)).map((c) => c.id);
	const toVerify = open
		.filter((c) => !known.has(c.id) && isText(c.created))
		.sort((a, b) => String(a.created).localeCompare(String(b.created)))
		.map((c) => ({ connectionId: c.id, name: noticeName(c) }));
	return { toVerify, memory: { isSeeded: true, seen } };
}

/**
 * After the server answered: the notices to show (candidates I did not scan myself) and the
 * memory with every verified candidate in it, so none is asked about or shown twice.
 */
export function settleSwapNotices(
	plan: NoticePlan,
	scannedByMe: ReadonlySet<string>
): { notices: SwapNotice[]; memory: NoticeMemory } {
	const verified = plan.toVerify.map((n) => n.connectionId);
	return {
		notices: plan.toVerify.filter((n) => !scannedByMe.has(n.connectionId)),
		memory: { isSeeded: true, seen: [...plan.memory.seen, ...verified] }
	};
}
