// The import preview: which imported contacts I already have. A contact is a duplicate when it
// shares an email address (any case), a phone number (its last 9 digits; all its digits when it
// has 7 or 8) or a profile link (see profileKey) with a person in my network or with an earlier
// contact of the same file (a row matching a duplicate row is that person again). Invariants:
// never throws, whatever shape a stored snapshot has; every contact lands in exactly one of toAdd
// and duplicates, in the file's order; a name alone never makes a duplicate (two people share
// names); a forgotten person (deleted) is not someone I have. Linear in both lists.
import type { CardLink } from './card';
import type { ImportedContact } from './imported-contact';
import { isLinkedInHost, percentDecoded } from './imported-links';

export type DuplicateReason = 'email' | 'phone' | 'profile';

export interface Duplicate {
	contact: ImportedContact;
	reason: DuplicateReason;
	/** The connection it matches; absent when it matches an earlier contact of the same file. */
	existingId?: string;
	/** A sentence for the preview ("Already in your people as Ann Lee: same email address."). */
	message: string;
}

export interface ImportPreview {
	toAdd: ImportedContact[];
	duplicates: Duplicate[];
}

/** A person I have, as the preview needs them (a Connection is one). */
export interface KnownPerson {
	id: string;
	snapshot: { name: string; links: readonly CardLink[] };
	/** When I forgot them ('' or absent while they are in my network). */
	deleted?: string;
}

/** The address of a mailto: link in lower case, or '' for any other link. */
export function emailKey(url: string): string {
	if (!/^mailto:/i.test(url)) return '';
	return percentDecoded(url.slice(7).split('?')[0] ?? '')
		.trim()
		.toLowerCase();
}

/** A tel: link's last 9 digits (7 or 8 digits: all of them), or '' when too short to tell people apart. */
export function phoneKey(url: string): string {
	if (!/^tel:/i.test(url)) return '';
	const digits = url.slice(4).replace(/\D/g, '');
	if (digits.length >= 9) return digits.slice(-9);
	return digits.length >= 7 ? digits : '';
}

/**
 * A profile link, normalised: a LinkedIn `/in/<slug>` profile on any LinkedIn host as
 * `linkedin.com/in/<slug>`; another web link as host (lower case, without `www.`) and path
 * (without a trailing slash), scheme, query and fragment left out. A link to a site's root
 * (`acme.example`) is a company's, which colleagues share, so it is no profile: ''.
 */
export function profileKey(url: string): string {
	if (!/^https?:\/\//i.test(url)) return '';
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return '';
	}
	const path = parsed.pathname.replace(/\/+$/, '');
	if (isLinkedInHost(parsed.hostname)) {
		const slug = /^\/in\/([^/]+)/i.exec(path)?.[1];
		return slug ? `linkedin.com/in/${percentDecoded(slug).toLowerCase()}` : '';
	}
	if (path === '') return '';
	return `${parsed.hostname.toLowerCase().replace(/^www\./, '')}${path}`;
}

interface Seen {
	name: string;
	existingId?: string;
}

const KEYS: readonly [DuplicateReason, (url: string) => string][] = [
	['email', emailKey],
	['phone', phoneKey],
	['profile', profileKey]
];

const WORDS: Record<DuplicateReason, string> = {
	email: 'same email address',
	phone: 'same phone number',
	profile: 'same profile link'
};

/** Splits imported contacts into those to add and the duplicates, each with its reason. */
export function previewImport(
	contacts: readonly ImportedContact[],
	existing: readonly KnownPerson[]
): ImportPreview {
	const known = new Map<string, Seen>();
	const remember = (links: readonly CardLink[], seen: Seen) => {
		for (const link of links) {
			for (const [reason, key] of KEYS) {
				const value = safeKey(key, link.url);
				if (value && !known.has(`${reason}:${value}`)) known.set(`${reason}:${value}`, seen);
			}
		}
	};
	for (const person of existing) {
		if (person.deleted) continue;
		// A stored record is not trusted: a snapshot may be missing or hold anything.
		const snapshot: Partial<KnownPerson['snapshot']> = person.snapshot ?? {};
		const links = Array.isArray(snapshot.links) ? snapshot.links : [];
		const name = typeof snapshot.name === 'string' && snapshot.name ? snapshot.name : 'someone';
		remember(links, { name, existingId: person.id });
	}
	const preview: ImportPreview = { toAdd: [], duplicates: [] };
	for (const contact of contacts) {
		const match = firstMatch(contact.links, known);
		if (match) {
			const { reason, seen } = match;
			// A later row sharing another of its links is this same person again.
			remember(contact.links, { name: contact.name || 'someone' });
			preview.duplicates.push({
				contact,
				reason,
				...(seen.existingId === undefined ? {} : { existingId: seen.existingId }),
				message:
					seen.existingId === undefined
						? `Also earlier in this file, as ${seen.name}: ${WORDS[reason]}.`
						: `Already in your people as ${seen.name}: ${WORDS[reason]}.`
			});
		} else {
			preview.toAdd.push(contact);
			remember(contact.links, { name: contact.name || 'someone' });
		}
	}
	return preview;
}

/** The first link of `links` that a known person shares, by the order of KEYS within a link. */
function firstMatch(
	links: readonly CardLink[],
	known: Map<string, Seen>
): { reason: DuplicateReason; seen: Seen } | null {
	for (const link of links) {
		for (const [reason, key] of KEYS) {
			const value = safeKey(key, link.url);
			const seen = value ? known.get(`${reason}:${value}`) : undefined;
			if (seen) return { reason, seen };
		}
	}
	return null;
}

/** A key of a stored link, '' for one that is not a string (a stored record is not trusted). */
function safeKey(key: (url: string) => string, url: unknown): string {
	return typeof url === 'string' ? key(url) : '';
}
