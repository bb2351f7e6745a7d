// Where sign-in may send a person afterwards: only back to a public card page (`/c#<payload>`) or
// to joining an event (`/join#<code>`) on this origin, never elsewhere (an open redirect would let
// any link pose as Tend's sign-in).
// The return path travels in the sign-in page's fragment (`/signin#next=…`), like the card code
// itself, so the swap token never reaches the server's request logs.

/** The longest return path accepted (a code's text is at most 200 bytes, percent-encoding aside). */
export const NEXT_MAX = 1000;

const CARD_PREFIX = '/c#';

/**
 * The card fragment (`#…`) that a `next` value asks to return to, or null when it is anything but
 * a same-origin path starting with `/c#` (other origins, `//host`, `/\host`, other paths, queries).
 */
export function cardReturnFragment(
	next: string | null | undefined,
	origin: string
): `#${string}` | null {
	if (typeof next !== 'string' || next.length > NEXT_MAX) return null;
	if (!next.startsWith(CARD_PREFIX) || next.length === CARD_PREFIX.length) return null;
	// No whitespace or control characters: a URL parser would drop them and read something else.
	if (/[\s\p{Cc}\\]/u.test(next)) return null;
	let url: URL;
	try {
		url = new URL(next, origin);
	} catch {
		return null;
	}
	if (url.origin !== new URL(origin).origin || url.pathname !== '/c' || url.search) return null;
	return `#${url.hash.slice(1)}`;
}

/** The join fragment (`#<code>`) a `next` value asks to return to (`/join#…`), or null. */
export function joinReturnFragment(
	next: string | null | undefined,
	origin: string
): `#${string}` | null {
	if (typeof next !== 'string' || next.length > NEXT_MAX || !next.startsWith('/join#')) return null;
	if (/[\s\p{Cc}\\]/u.test(next)) return null;
	let url: URL;
	try {
		url = new URL(next, origin);
	} catch {
		return null;
	}
	if (url.origin !== new URL(origin).origin || url.pathname !== '/join' || url.search) return null;
	const code = url.hash.slice(1);
	return /^[A-Za-z0-9-]{1,24}$/.test(code) ? `#${code}` : null;
}

/** The sign-in page's fragment (`/signin#next=…`) that comes back to this card page afterwards. */
export function signInFragment(cardPath: string): `#${string}` {
	return `#${new URLSearchParams({ next: cardPath }).toString()}`;
}

/** The `next` value in a sign-in page's fragment (`#next=…`), or null. */
export function nextFromFragment(hash: string): string | null {
	return new URLSearchParams(hash.replace(/^#/, '')).get('next');
}
