// The moment of meeting on the device: a scanned code becomes a contact at once, even offline.
// Invariant: a code that fails the strict codec, belongs to another server, is my own, or that the
// server (when reachable) says is forged, expired or rotated changes nothing; a good code writes the
// contact and its swap to the outbox in one transaction. Scanning a person again opens them.
// recordScan never throws: whatever goes wrong ends in a sentence, so the scanner keeps working.
import { codeProblem } from '$lib/domain/code-problems';
import { fieldsOf, text } from '$lib/domain/record-fields';
import { decodeScannedText } from '$lib/domain/event-code';
import type { ImportedContact } from '$lib/domain/imported-contact';
import type { SwapCode } from '$lib/domain/swap-payload';
import { listByIndex } from '$lib/offline/local-store';
import { newRecordId } from '$lib/offline/record-id';
import type { StoredRecord } from '$lib/offline/schema';
import { pb } from '$lib/pocketbase/client';
import { attempt } from '$lib/pocketbase/errors';
import type { LocalSession } from './local-session';

export type ScanOutcome =
	| { kind: 'refused'; message: string }
	/** An event's poster: joining with its code is queued (or was already done or queued). */
	| { kind: 'event'; code: string }
	/** Another app's card or a badge (vCard, MECARD, a profile link): offered as a contact. */
	| { kind: 'contact'; contact: ImportedContact; message: string }
	| { kind: 'existing'; connectionId: string; name: string }
	| { kind: 'new'; connectionId: string; code: SwapCode };

/** What a person reads when something unexpected stops a scan (the phone's storage failing…). */
export const SCAN_FAILED =
	'Something went wrong with this code, and nothing new was saved. Try again.';

/** Asks the server whether a token is genuine; null when it is, or when the server can't be reached. */
async function serverProblem(token: string): Promise<string | null> {
	const result = await attempt(() =>
		pb.send('/api/tend/public/card', { method: 'POST', body: { token }, requestKey: null })
	);
	if (result.ok || result.error.reason === 'network' || result.error.reason === 'server') {
		return null;
	}
	return codeProblem(result.error.code);
}

export interface ScanContext {
	origin: string;
	myCardId: string | null;
	eventId: string | null;
	isOnline: boolean;
	now: Date;
}

/** Turns the text of a scanned code into a contact (or a reason why not); never throws. */
export async function recordScan(
	session: LocalSession,
	text: string,
	context: ScanContext
): Promise<ScanOutcome> {
	try {
		return await scanToContact(session, text, context);
	} catch {
		// The local write is one transaction: when it fails, nothing of the contact was kept.
		return { kind: 'refused', message: SCAN_FAILED };
	}
}

/** recordScan's steps: decode, refuse what must be refused, find or save the contact. */
async function scanToContact(
	session: LocalSession,
	text: string,
	context: ScanContext
): Promise<ScanOutcome> {
	const scanned = decodeScannedText(text, {
		expectedOrigins: [context.origin],
		now: context.now.getTime()
	});
	if (scanned.kind === 'junk') {
		// Not Tend's: maybe another app's card or a badge (read only then, with its own module).
		const { decodeAnyScan } = await import('$lib/domain/foreign-code');
		const other = decodeAnyScan(text, { expectedOrigins: [context.origin] });
		return other.kind === 'contact'
			? { kind: 'contact', contact: other.contact, message: other.message }
			: { kind: 'refused', message: scanned.message };
	}
	if (scanned.kind === 'event') {
		if (!scanned.isExpectedOrigin) {
			return {
				kind: 'refused',
				message: `This poster is for an event on another Tend server (${scanned.origin}), so it can't be joined here.`
			};
		}
		// Loaded only for a poster: joining is not part of the swap's first screen.
		const { joinOnce } = await import('./events.service');
		await joinOnce(session, scanned.code);
		return { kind: 'event', code: scanned.code };
	}
	const code = scanned.value;
	if (!code.isExpectedOrigin) {
		return {
			kind: 'refused',
			message: `This card belongs to another Tend server (${code.origin}), so it can't be swapped here.`
		};
	}
	if (code.cardId === context.myCardId)
		return { kind: 'refused', message: 'That is your own code.' };

	const scannedAt = context.now.toISOString();
	const swapOf = (connectionId: string) => ({
		id: newRecordId(),
		connectionId,
		token: code.token,
		scannedAt,
		...(context.eventId ? { event: context.eventId } : {}),
		// Their side is filed under the event their code carried (their current event).
		...(code.event ? { peerEvent: code.event } : {})
	});
	const [existing] = await listByIndex(session.db, 'connections', 'byCard', code.cardId);
	if (existing) {
		// They stopped sharing with me: the code they show me now may share again (the server
		// accepts only a code issued after they stopped; an older one is refused as `revoked`).
		if (existing.revoked === true) {
			await session.write({ action: 'swap', swap: swapOf(existing.id), connection: existing });
		}
		return { kind: 'existing', connectionId: existing.id, name: displayName(existing) };
	}
	if (context.isOnline) {
		const problem = await serverProblem(code.token);
		if (problem) return { kind: 'refused', message: problem };
	}

	const connection = newConnection(session.userId, {
		card: code.cardId,
		snapshot: { name: code.name, headline: code.headline, company: code.company },
		event: context.eventId ?? '',
		metAt: scannedAt
	});
	const connectionId = connection.id;
	await session.write({ action: 'swap', swap: swapOf(connectionId), connection });
	return { kind: 'new', connectionId, code };
}

/** A new connection record as the device keeps it, waiting for its memory note. */
export function newConnection(userId: string, fields: Partial<StoredRecord>): StoredRecord {
	return {
		owner: userId,
		card: '',
		snapshot: {},
		event: '',
		metAt: new Date().toISOString(),
		channel: 'in_person',
		memoryNote: '',
		howICanHelp: '',
		promise: '',
		tags: [],
		needsNote: true,
		revoked: false,
		archived: false,
		...fields,
		id: fields.id ?? newRecordId()
	};
}

/** The name to show for a connection: its snapshot's, which the server keeps up to date. */
export function displayName(connection: StoredRecord): string {
	return text(fieldsOf(connection.snapshot).name) || 'Someone';
}

export interface MemoryNote {
	memoryNote: string;
	howICanHelp: string;
	promise: string;
}

export const MEMORY_NOTE_LIMITS = { memoryNote: 1000, howICanHelp: 1000, promise: 500 } as const;

/** Saves the memory note of a contact (on the device first); the contact is then finished. */
export async function saveMemoryNote(
	session: LocalSession,
	connection: { id: string },
	note: MemoryNote
): Promise<void> {
	const body = {
		memoryNote: note.memoryNote.trim().slice(0, MEMORY_NOTE_LIMITS.memoryNote),
		howICanHelp: note.howICanHelp.trim().slice(0, MEMORY_NOTE_LIMITS.howICanHelp),
		promise: note.promise.trim().slice(0, MEMORY_NOTE_LIMITS.promise),
		needsNote: !note.memoryNote.trim() && !note.howICanHelp.trim()
	};
	await session.write({
		action: 'update',
		collection: 'connections',
		record: { ...connection, ...body },
		body
	});
}
