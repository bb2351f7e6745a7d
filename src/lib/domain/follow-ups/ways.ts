// The ways a drafted message can be sent, from the links on the person's card. Security
// invariant: only a link that passes isSafeUrl (the server's rule) becomes a way, so a stored
// record can never turn into a javascript: or data: target on the follow-up screen.
import { isSafeUrl, type CardLink } from '../card';
import type { SendWay } from './types';

const MAILTO = /^mailto:/i;
const TEL = /^tel:/i;
const WEB = /^https?:\/\//i;

function decoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** The way one link offers, or null when it offers none (an 'other' link, a wrong scheme). */
function wayOf(link: CardLink): SendWay | null {
	if (!isSafeUrl(link.url)) return null;
	const { kind, url } = link;
	if (kind === 'email' && MAILTO.test(url)) {
		const address = decoded(url.replace(MAILTO, '').split('?')[0] ?? '').trim();
		return address ? { kind: 'email', address } : null;
	}
	if (kind === 'phone' && TEL.test(url)) {
		const number = url.replace(TEL, '').trim();
		return number ? { kind: 'sms', number } : null;
	}
	if ((kind === 'linkedin' || kind === 'website') && WEB.test(url)) return { kind, url };
	return null;
}

/** Every way a card's links allow, in the card's order, each once. */
export function waysOf(links: readonly CardLink[]): SendWay[] {
	const ways: SendWay[] = [];
	const seen = new Set<string>();
	for (const link of links) {
		const way = wayOf(link);
		if (!way) continue;
		const key = `${way.kind} ${'address' in way ? way.address : 'number' in way ? way.number : way.url}`;
		if (seen.has(key)) continue;
		seen.add(key);
		ways.push(way);
	}
	return ways;
}
