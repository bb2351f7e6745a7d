// What a person types into a link field, turned into a safe URL ("linkedin.com/in/ann" →
// https://…, "ann@x.org" → mailto:, "+49 30 1234" → tel:). Only the card editor needs it.
import type { LinkKind } from './card';
import { linkProblem } from './card-validation';

export type LinkInputResult =
	| { ok: true; url: string }
	| { ok: false; reason: 'empty' | 'unsafe_scheme' | 'invalid'; message: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const SAFE_SCHEMES = ['http', 'https', 'mailto', 'tel'];
const EMAIL = /^[^\s@<>"/:]+@[^\s@<>"/:]+\.[^\s@<>"/:]+$/;
const PHONE = /^\+?[0-9 ()./-]{3,30}$/;
const LINKEDIN_HANDLE = /^[\p{L}\p{N}_-]{2,100}$/u;

/** Turns what a person typed ("linkedin.com/in/ann", "ann@x.org", "+49 30 1234") into a safe URL. */
export function normaliseLinkInput(kind: LinkKind, raw: string): LinkInputResult {
	const input = raw.trim();
	if (input === '') return { ok: false, reason: 'empty', message: 'Type a link.' };
	let scheme = SCHEME.exec(input)?.[1]?.toLowerCase();
	// "example.org:8080/x" is a host and port, not a scheme.
	if (
		scheme !== undefined &&
		!SAFE_SCHEMES.includes(scheme) &&
		/^\d/.test(input.slice(scheme.length + 1))
	) {
		scheme = undefined;
	}
	let url: string;
	if (scheme !== undefined) {
		if (!SAFE_SCHEMES.includes(scheme)) {
			return {
				ok: false,
				reason: 'unsafe_scheme',
				message: 'Only web addresses, email addresses and phone numbers can be links.'
			};
		}
		url = scheme + input.slice(scheme.length);
	} else if (kind === 'email' || (kind === 'other' && EMAIL.test(input))) {
		url = `mailto:${input}`;
	} else if (kind === 'phone' || (kind === 'other' && PHONE.test(input))) {
		url = `tel:${input.replace(/\s+/g, ' ')}`;
	} else if (kind === 'linkedin' && LINKEDIN_HANDLE.test(input)) {
		url = `https://www.linkedin.com/in/${encodeURIComponent(input)}`;
	} else if (kind === 'linkedin' && /^in\//i.test(input)) {
		url = `https://www.linkedin.com/${input}`;
	} else {
		url = `https://${input.replace(/^\/+/, '')}`;
	}
	if (
		kind === 'email' &&
		!(url.startsWith('mailto:') && EMAIL.test(url.slice(7).split('?')[0] ?? ''))
	) {
		return { ok: false, reason: 'invalid', message: 'That does not look like an email address.' };
	}
	if (kind === 'phone' && !url.startsWith('tel:')) {
		return { ok: false, reason: 'invalid', message: 'That does not look like a phone number.' };
	}
	if (/\s/.test(url) && !url.startsWith('tel:')) {
		return { ok: false, reason: 'invalid', message: 'A link cannot contain spaces.' };
	}
	const problem = linkProblem({ kind, url });
	if (problem !== '') return { ok: false, reason: 'invalid', message: problem };
	return { ok: true, url };
}
