// The links of an imported contact, made from what another app wrote: an email address, a phone
// number, a web address. Security invariant: a link returned passes isSafeUrl (the server's rule)
// and is mailto:<address>, tel:<number> or an http(s) address as the URL parser writes it (host in
// punycode, path percent-encoded) with a host and without a user name or password; anything else
// (javascript:, data:, file:, x-apple:, xmpp:, a link hiding a login or a bidi override) is null,
// never repaired into something the person did not write. Labels are cleaned as imported-contact.ts
// cleans text. Nothing here throws.
import { CARD_LIMITS, isSafeUrl, type CardLink, type LinkKind } from './card';
import { cleanLabel, cleanLine, hasForbidden } from './imported-contact';

/** The link with its label cleaned (see cleanLabel), or without one when nothing is left. */
function withLabel(kind: LinkKind, url: string, label: string): CardLink {
	const text = cleanLabel(label);
	return text ? { kind, label: text, url } : { kind, url };
}

const LOCAL_PART = String.raw`[^\s@<>"(),;:\\[\]?#&/%]+`;
const DOMAIN_LABEL = String.raw`[^\s@<>"(),;:\\[\]?#&/%.]+`;
/** An address as a person would write it; no query, fragment or second @ that mailto: would read. */
const EMAIL_ADDRESS = new RegExp(`^${LOCAL_PART}@(?:${DOMAIN_LABEL}\\.)+${DOMAIN_LABEL}$`, 'u');

/** An email link (`mailto:<address>`) from an address as a card holds it, or null. */
export function emailLink(raw: string, label = ''): CardLink | null {
	let address = cleanLine(raw, CARD_LIMITS.url);
	address = /<([^<>]*)>$/.exec(address)?.[1]?.trim() ?? address;
	if (/^mailto:/i.test(address)) address = percentDecoded(address.slice(7).split('?')[0] ?? '');
	if (!EMAIL_ADDRESS.test(address)) return null;
	const url = `mailto:${address}`;
	return isSafeUrl(url) ? withLabel('email', url, label) : null;
}

/** A phone link (`tel:<number>`) without extension or pauses; null for letters or too few digits. */
export function phoneLink(raw: string, label = ''): CardLink | null {
	const number = cleanLine(raw, 100)
		.normalize('NFKC')
		.replace(/^tel:/i, '')
		.replace(/\s*(?:[;,#]|\bext\b|\bextension\b|\bx\s*\d|\bp\d|\bw\d).*$/i, '')
		// Dashes of every kind, the minus sign, and the long vowel mark Japanese numbers are written with.
		.replace(/[\p{Pd}\u2212\u30fc\uff70]/gu, '-')
		.replace(/\s+/g, ' ')
		.trim();
	if (!/^\+?[0-9 ()./-]{3,30}$/.test(number) || number.replace(/\D/g, '').length < 3) return null;
	const url = `tel:${number}`;
	return isSafeUrl(url) ? withLabel('phone', url, label) : null;
}

/** True for linkedin.com and its country hosts (de.linkedin.com, www.linkedin.com…). */
export function isLinkedInHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'linkedin.com' || host.endsWith('.linkedin.com');
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const BARE_HOST = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d{1,5})?(?:[/?#]|$)/i;

export interface WebLinkOptions {
	/** Reads `example.org/ann` as https://example.org/ann (files; a scanned code needs its scheme). */
	isBareAllowed?: boolean;
	label?: string;
}

/**
 * A web link as the URL parser writes it (host in punycode, path percent-encoded): http(s) only,
 * with a host, without user name or password (`https://linkedin.com@evil.example` is refused),
 * never a character that could make the address lie about itself. Null otherwise.
 */
export function webLink(raw: string, options: WebLinkOptions = {}): CardLink | null {
	if (raw.length > CARD_LIMITS.url * 4) return null;
	if (hasForbidden(raw)) return null;
	let candidate = raw.trim();
	// What the server's SAFE_URL refuses raw is refused here too, not quietly percent-encoded.
	if (/[\s<>"]/.test(candidate)) return null;
	const scheme = SCHEME.exec(candidate)?.[1]?.toLowerCase();
	const isHostAndPort = scheme !== undefined && BARE_HOST.test(candidate);
	if (scheme === undefined || (isHostAndPort && scheme !== 'http' && scheme !== 'https')) {
		if (!options.isBareAllowed || !BARE_HOST.test(candidate)) return null;
		candidate = `https://${candidate}`;
	}
	let url: URL;
	try {
		url = new URL(candidate);
	} catch {
		return null;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
	if (!isSafeUrl(url.href)) return null;
	return withLabel(
		isLinkedInHost(url.hostname) ? 'linkedin' : 'website',
		url.href,
		options.label ?? ''
	);
}

/** Percent-decodes, keeping the raw text when it is not valid encoding. */
export function percentDecoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
