// The card model and its validation, shared by the card editor, the swap codec and the exports.
// Security invariant: a link that passes `isSafeUrl` is http(s), mailto: or tel: and nothing
// else; the rule is character for character the server's (pocketbase/pb_hooks/lib/card.js), and
// the table in card-link-cases.ts runs against both sides.

export const LINK_KINDS = ['linkedin', 'website', 'email', 'phone', 'other'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface CardLink {
	kind: LinkKind;
	label?: string;
	url: string;
}

export interface CardFields {
	name: string;
	headline: string;
	company: string;
	canHelpWith: string;
	lookingFor: string;
	links: CardLink[];
}

export type CardTextField = 'name' | 'headline' | 'company' | 'canHelpWith' | 'lookingFor';

/** Text limits count code points (PocketBase counts runes); label and url count UTF-16 units as the hook does. */
export const CARD_LIMITS = {
	name: 80,
	headline: 120,
	company: 100,
	canHelpWith: 500,
	lookingFor: 500,
	links: 10,
	label: 40,
	url: 300
} as const;

/** The server's SAFE_URL, verbatim. */
export const SAFE_URL = /^(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+|tel:\+?[0-9 ()./-]{3,30})$/i;

export interface CardErrors {
	name?: string;
	headline?: string;
	company?: string;
	canHelpWith?: string;
	lookingFor?: string;
	/** A problem with the list as a whole (too many links). */
	links?: string;
	/** Problems with single links, keyed by their index in `links`. */
	linkErrors?: Record<number, string>;
}

export type CardValidation = { ok: true } | { ok: false; errors: CardErrors };

/** Counts code points, so an emoji is one character as it is for the server. */
export function codePointLength(text: string): number {
	return Array.from(text).length;
}

/** True when a link target is one the server accepts: http(s), mailto: or tel:, at most 300 units. */
export function isSafeUrl(url: string): boolean {
	return url.length <= CARD_LIMITS.url && SAFE_URL.test(url);
}

/**
 * The address a card's link may be opened at (as an href), or null when it fails isSafeUrl and
 * must be shown as plain text. Screens check at render too: a stored record is not trusted.
 */
export function safeHref(url: unknown): string | null {
	return typeof url === 'string' && isSafeUrl(url) ? url : null;
}
