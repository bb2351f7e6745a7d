// The event card: what a new contact and the public card page get of my card. The rules are the
// server's (pocketbase/pb_hooks/lib/levels.js) case for case, and the table in
// event-card-cases.ts runs against both, so the editor's preview is what a new holder receives.
import type { CardFields, CardLink, LinkKind } from './card';

/** Fields a card's owner may show or hide at the event level (the name is always shown). */
export const SHAREABLE_FIELDS = [
	'headline',
	'company',
	'canHelpWith',
	'lookingFor',
	'links',
	'photo'
] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

/** Link kinds a way to reach me may be, in the order an unmade choice (`contact`) tries them. */
export const CONTACT_KINDS = ['email', 'linkedin', 'phone'] as const satisfies readonly LinkKind[];
export type ContactKind = (typeof CONTACT_KINDS)[number];

/**
 * One way to reach me: `contact:<kind>` is my first link of that kind; `contact` (not chosen
 * yet) is my first email, else LinkedIn, else phone. `links` in the same list means every link.
 */
export type ContactEntry = 'contact' | `contact:${ContactKind}`;
export type EventField = ShareableField | ContactEntry;

const CONTACT_ENTRIES: readonly ContactEntry[] = [
	'contact',
	...CONTACT_KINDS.map((kind) => `contact:${kind}` as const)
];

/** What new contacts see unless I choose otherwise (the server's default for a card without a choice). */
export const DEFAULT_EVENT_FIELDS: readonly EventField[] = [
	'headline',
	'company',
	'canHelpWith',
	'lookingFor',
	'photo',
	'contact'
];

/** True for a contact entry (`contact` or `contact:<kind>`). */
export function isContactEntry(value: unknown): value is ContactEntry {
	return (CONTACT_ENTRIES as readonly unknown[]).includes(value);
}

/**
 * The event-level fields of a stored value: the default when it is not a list, else its shareable
 * fields (in a stable order) and its first contact entry.
 */
export function eventFieldsOf(value: unknown): EventField[] {
	if (!Array.isArray(value)) return [...DEFAULT_EVENT_FIELDS];
	const fields: EventField[] = SHAREABLE_FIELDS.filter((field) => value.includes(field));
	const contact = value.find(isContactEntry);
	return contact ? [...fields, contact] : fields;
}

/** The contact entry of a list, or null when it shares no way to reach me. */
export function contactEntryOf(fields: readonly EventField[]): ContactEntry | null {
	return fields.find(isContactEntry) ?? null;
}

/** The link kinds among `links` that can be a way to reach me, in CONTACT_KINDS order. */
export function contactKindsOf(links: readonly CardLink[]): ContactKind[] {
	return CONTACT_KINDS.filter((kind) => links.some((link) => link.kind === kind));
}

/** The one link a contact entry shares (none when I have no link of its kind). */
export function contactLinksOf(links: readonly CardLink[], entry: ContactEntry): CardLink[] {
	const kinds: readonly ContactKind[] =
		entry === 'contact' ? CONTACT_KINDS : [entry.slice('contact:'.length) as ContactKind];
	for (const kind of kinds) {
		const link = links.find((l) => l.kind === kind);
		if (link) return [link];
	}
	return [];
}

/** An event card as a holder's snapshot holds it: only the keys of the fields shared. */
export interface EventCard {
	name: string;
	headline?: string;
	company?: string;
	canHelpWith?: string;
	lookingFor?: string;
	links?: CardLink[];
	/** The photo's path ('' when there is none), present when the photo is shared. */
	photoUrl?: string;
}

/** Exactly what a new contact gets of `card` when I share `fields` (the server's snapshotOf). */
export function eventCardOf(
	card: CardFields & { photoUrl: string },
	fields: readonly EventField[]
): EventCard {
	const out: EventCard = { name: card.name };
	for (const field of fields) {
		if (field === 'photo') out.photoUrl = card.photoUrl;
		else if (field === 'links') out.links = card.links;
		else if (isContactEntry(field)) {
			if (!fields.includes('links')) out.links = contactLinksOf(card.links, field);
		} else out[field] = card[field];
	}
	return out;
}

/** The editor's way-to-reach-me choice: not made yet, a kind, or none at all. */
export type ContactChoice = 'auto' | ContactKind | 'none';

/** The choice a stored list stands for. */
export function contactChoiceOf(fields: readonly EventField[]): ContactChoice {
	const entry = contactEntryOf(fields);
	if (entry === null) return 'none';
	return entry === 'contact' ? 'auto' : (entry.slice('contact:'.length) as ContactKind);
}

/**
 * The kind a choice shares with the links I have filled (`filled`, in CONTACT_KINDS order): the
 * chosen one, else (not chosen, or no longer filled) the first I have; null for none.
 */
export function contactKindShown(
	choice: ContactChoice,
	filled: readonly ContactKind[]
): ContactKind | null {
	if (choice === 'none') return null;
	if (choice !== 'auto' && filled.includes(choice)) return choice;
	return filled[0] ?? null;
}

/** The list to save for the fields ticked and the way to reach me chosen. */
export function eventFieldsFor(
	shared: readonly ShareableField[],
	choice: ContactChoice,
	filled: readonly ContactKind[]
): EventField[] {
	const fields: EventField[] = SHAREABLE_FIELDS.filter((f) => shared.includes(f));
	if (choice === 'none') return fields;
	// A kind no longer filled falls back as the preview shows it: the first I have, when I add one.
	const entry: ContactEntry =
		choice !== 'auto' && filled.includes(choice) ? `contact:${choice}` : 'contact';
	return [...fields, entry];
}
