// The fields of restored records cut to what the server accepts (pb_migrations' limits, the
// card's CARD_LIMITS, the app's tag rules), so no restore batch fails on one record too long.
// Invariant: a text is cut at a code point (never inside an emoji's surrogate pair), links that
// fail isSafeUrl go, a snapshot's JSON stays within 8,000 bytes and a tag list's within 2,000.
import { CARD_LIMITS, isSafeUrl, type CardFields, type CardLink } from './card';
import { cleanTag } from './people-query';
import type { Snapshot } from './records';

/** The server's limits on a connection's and an interaction's text (pb_migrations). */
export const RESTORE_LIMITS = {
	memoryNote: 1000,
	howICanHelp: 1000,
	promise: 500,
	snapshotNote: 500,
	interactionText: 2000,
	interactionPeople: 50,
	/** As people.service's MAX_TAGS and cleanTag. */
	tags: 20,
	/** JSON sizes of `snapshot` and `tags`, in bytes. */
	snapshotBytes: 8000,
	tagsBytes: 2000
} as const;

const encoder = new TextEncoder();
const jsonBytes = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

/** The first `max` code points of a text (the server counts runes). */
export function clip(text: string, max: number): string {
	return text.length <= max ? text : Array.from(text).slice(0, max).join('');
}

/** The links that pass isSafeUrl, at most a card's number, labels cut to their limit. */
function safeLinks(links: readonly CardLink[]): CardLink[] {
	return links
		.filter((link) => isSafeUrl(link.url))
		.slice(0, CARD_LIMITS.links)
		.map((link) =>
			link.label ? { ...link, label: clip(link.label, CARD_LIMITS.label) } : { ...link }
		);
}

/** A card's words and links within CARD_LIMITS. */
export function cardFieldsOf(
	s: Omit<CardFields, 'links'> & { links: readonly CardLink[] }
): CardFields {
	return {
		name: clip(s.name, CARD_LIMITS.name),
		headline: clip(s.headline, CARD_LIMITS.headline),
		company: clip(s.company, CARD_LIMITS.company),
		canHelpWith: clip(s.canHelpWith, CARD_LIMITS.canHelpWith),
		lookingFor: clip(s.lookingFor, CARD_LIMITS.lookingFor),
		links: safeLinks(s.links)
	};
}

/** Their card as the contact keeps it: no photo, within the server's size. */
export function restoredSnapshot(s: Snapshot): Snapshot {
	const snapshot = {
		...cardFieldsOf(s),
		photoUrl: '',
		note: clip(s.note, RESTORE_LIMITS.snapshotNote)
	};
	while (jsonBytes(snapshot) > RESTORE_LIMITS.snapshotBytes && snapshot.links.length) {
		snapshot.links.pop();
	}
	if (jsonBytes(snapshot) > RESTORE_LIMITS.snapshotBytes) {
		snapshot.canHelpWith = clip(snapshot.canHelpWith, 100);
		snapshot.lookingFor = clip(snapshot.lookingFor, 100);
		snapshot.note = clip(snapshot.note, 100);
	}
	return snapshot;
}

/** Their tags with the event's name first, cleaned, within the server's size. */
export function restoredTags(tags: readonly string[], eventName: string): string[] {
	const out: string[] = [];
	for (const tag of [eventName, ...tags].map(cleanTag)) {
		if (tag && !out.includes(tag) && out.length < RESTORE_LIMITS.tags) out.push(tag);
	}
	while (jsonBytes(out) > RESTORE_LIMITS.tagsBytes) out.pop();
	return out;
}
