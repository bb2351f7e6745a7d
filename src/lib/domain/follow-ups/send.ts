// Where a drafted follow-up is sent: a mailto: or sms: link with the draft filled in, or the
// person's LinkedIn or website (which cannot take a message, so the UI copies the draft first).
// A way whose address, number or url is unusable gives '' and the UI hides that way: a stored
// card is not trusted, so nothing unchecked ever reaches an href.
import { isSafeUrl } from '../card';
import type { Draft, SendWay } from './types';

const LABELS: Record<SendWay['kind'], string> = {
	email: 'Email',
	sms: 'Text message',
	linkedin: 'LinkedIn',
	website: 'Website'
};

/** How a way is named on its button: "Email", "Text message", "LinkedIn", "Website". */
export function wayLabel(way: SendWay): string {
	return LABELS[way.kind];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** encodeURIComponent, which never throws: a lone surrogate (a cut emoji) is dropped first. */
function encode(text: string): string {
	return encodeURIComponent(text.replace(LONE_SURROGATE, ''));
}

/**
 * An address that can stand before "?subject=": one "@" with something either side, and none of
 * the characters that would end it, add a header or recipient, or make it no plain address
 * (`? & # % , ; : ( ) < > " \` and whitespace). A leading "mailto:" (a card's email link) is
 * accepted and dropped.
 */
function emailAddress(raw: string): string {
	const address = raw.trim().replace(/^mailto:/i, '');
	if (!/^[^@]+@[^@]+$/.test(address)) return '';
	// eslint-disable-next-line no-control-regex -- control characters are refused
	if (/[?&#%,;:()<>"\\\s\u0000-\u001F\u007F]/.test(address)) return '';
	return isSafeUrl(`mailto:${address}`) ? address : '';
}

/**
 * A number as an sms: link wants it: digits, with a leading "+" kept. Only what a card's phone
 * link may hold is accepted (digits, spaces and `( ) . / -`, as `tel:` in isSafeUrl), at least 3
 * digits; a leading "tel:" is dropped. Anything else (letters, a "+" inside) gives ''.
 */
function smsNumber(raw: string): string {
	const number = raw.trim().replace(/^(?:tel|sms):/i, '');
	if (!isSafeUrl(`tel:${number}`)) return '';
	const digits = number.replace(/\D/g, '');
	if (digits.length < 3) return '';
	return `${number.startsWith('+') ? '+' : ''}${digits}`;
}

/** An http(s) address that passes isSafeUrl, or ''. */
function webUrl(raw: string): string {
	const url = raw.trim();
	return /^https?:\/\//i.test(url) && isSafeUrl(url) ? url : '';
}

/**
 * The href that sends `draft` the given way, or '' when the way's address is unusable (the UI
 * hides such a way).
 * - email: `mailto:<address>?subject=…&body=…`, percent-encoded, line breaks as %0D%0A (RFC 6068).
 * - sms: `sms:<number>?body=…` (RFC 5724), the number reduced to digits and a leading "+", line
 *   breaks as %0A (a phone shows a CR as a stray character); no subject.
 * - linkedin / website: the url itself; the UI copies the draft to the clipboard first.
 * An empty subject or body is left out of the link rather than sent as "subject=".
 */
export function sendHref(way: SendWay, draft: Draft): string {
	switch (way.kind) {
		case 'email': {
			const address = emailAddress(way.address);
			if (!address) return '';
			const body = draft.body.replace(/\r\n?|\n/g, '\r\n');
			const query = [
				draft.subject ? `subject=${encode(draft.subject)}` : '',
				body ? `body=${encode(body)}` : ''
			].filter(Boolean);
			return `mailto:${address}${query.length ? `?${query.join('&')}` : ''}`;
		}
		case 'sms': {
			const number = smsNumber(way.number);
			if (!number) return '';
			const body = draft.body.replace(/\r\n?/g, '\n');
			return `sms:${number}${body ? `?body=${encode(body)}` : ''}`;
		}
		case 'linkedin':
		case 'website':
			return webUrl(way.url);
	}
}
