// My people as vCard 3.0: one person (their page) or everyone (one .vcf), from the snapshot card
// each connection holds. The writing itself (escaping, folding, safe links) is vcard.ts's.
// Invariants: a forgotten person (a tombstone) is never written; every contact's UID is its
// connection id, so importing a later export updates a contact instead of adding it twice; my own
// words about a person (memory note, how I can help, my promise) are written only when
// `includeNotes` is true; a photo only when the caller hands one over (one I may see).
import { datedFileName, fileNameOf } from './export-file-names';
import type { Connection } from './records';
import { cardToVCard, type VCardPhoto } from './vcard';

/** The MIME type of a .vcf file (RFC 6350 §10.1; vCard 3.0 files use it too). */
export const VCARD_MIME = 'text/vcard';

export interface ContactsVCardOptions {
	/** Adds my memory note, how I can help and my promise to NOTE ("include my notes"). */
	includeNotes?: boolean;
	/** Photos I may see, by connection id (base64 bytes and type); others are written without. */
	photos?: ReadonlyMap<string, VCardPhoto>;
}

/** How a contact without a name is called, as the People list calls them. */
const NO_NAME = 'Someone';

/** NOTE's lines beyond their card's: what they wrote me, then (when asked) my own notes. */
function noteOf(connection: Connection, includeNotes: boolean): string {
	const parts: string[] = [];
	const theirs = connection.snapshot.note.trim();
	if (theirs) parts.push(`From them: ${theirs}`);
	if (includeNotes) {
		const mine: [string, string][] = [
			['My memory note', connection.memoryNote],
			['How I can help', connection.howICanHelp],
			['My promise', connection.promise]
		];
		for (const [label, text] of mine) if (text.trim()) parts.push(`${label}: ${text.trim()}`);
	}
	return parts.join('\n\n');
}

/** One person as a vCard 3.0 text (CRLF line endings); '' for a forgotten person. */
export function connectionToVCard(
	connection: Connection,
	options: ContactsVCardOptions = {}
): string {
	if (connection.deleted) return '';
	const s = connection.snapshot;
	const photo = options.photos?.get(connection.id);
	const note = noteOf(connection, options.includeNotes === true);
	return cardToVCard(
		{
			name: s.name.trim() || NO_NAME,
			headline: s.headline,
			company: s.company,
			canHelpWith: s.canHelpWith,
			lookingFor: s.lookingFor,
			links: s.links
		},
		{ uid: connection.id, ...(note ? { note } : {}), ...(photo ? { photo } : {}) }
	);
}

/** Everyone (forgotten people left out) as one .vcf text, in the order given. */
export function connectionsToVCards(
	connections: Iterable<Connection>,
	options: ContactsVCardOptions = {}
): string {
	const out: string[] = [];
	for (const connection of connections) out.push(connectionToVCard(connection, options));
	return out.join('');
}

/** The file name of everyone's contacts: `tend-contacts-YYYY-MM-DD.vcf` (the local day). */
export function contactsFileName(now: number, timeZone = 'UTC'): string {
	return datedFileName('tend-contacts', 'vcf', now, timeZone);
}

/** The file name of one person's contact: `<their name>.vcf`, made safe for any system. */
export function contactFileName(name: string): string {
	return fileNameOf(name, 'vcf', 'contact');
}
