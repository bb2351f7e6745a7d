// A change to someone's living card in plain words, old → new ("Headline: Engineer → CTO"), and
// when it happened ("3 days ago"). The server sends each change as `{ field, from, to }` with the
// values of the snapshot (links as a list, the photo as its path), trimmed to my share level;
// links and the photo are said in words, never shown as raw data.
import type { CardLink } from './card';
import { linksOf, type CardChange, type CardChangeValue } from './records';
import { relativeTimeFormat } from './intl';

const FIELD_LABELS: Record<string, string> = {
	name: 'Name',
	headline: 'Headline',
	company: 'Company',
	canHelpWith: 'Can help with',
	lookingFor: 'Looking for',
	links: 'Links',
	photoUrl: 'Photo',
	note: 'Note'
};

const LINK_NAMES: Record<CardLink['kind'], string> = {
	linkedin: 'LinkedIn',
	website: 'website',
	email: 'email',
	phone: 'phone',
	other: 'link'
};

/** Values longer than this are shortened with an ellipsis (the card itself shows them whole). */
const SHOWN_CHARS = 60;

function shortened(value: string): string {
	const chars = Array.from(value.replace(/\s+/g, ' ').trim());
	return chars.length > SHOWN_CHARS
		? `${chars.slice(0, SHOWN_CHARS - 1).join('')}…`
		: chars.join('');
}

function textOf(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A link named for a person: "LinkedIn (linkedin.com/in/ann)". */
function linkWords(link: CardLink): string {
	const where = link.label || link.url.replace(/^(https?:\/\/(www\.)?|mailto:|tel:)/i, '');
	return `${LINK_NAMES[link.kind]} (${shortened(where)})`;
}

function listWords(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function linksChange(from: unknown, to: unknown): string {
	const before = linksOf(from);
	const after = linksOf(to);
	const had = new Set(before.map((l) => l.url));
	const has = new Set(after.map((l) => l.url));
	const added = after.filter((l) => !had.has(l.url)).map(linkWords);
	const removed = before.filter((l) => !has.has(l.url)).map(linkWords);
	const parts = [
		added.length ? `added ${listWords(added)}` : '',
		removed.length ? `removed ${listWords(removed)}` : ''
	].filter(Boolean);
	return parts.length ? parts.join('; ') : 'reordered or renamed';
}

/** A field as screens name it: "Headline", "Can help with". */
export function fieldLabel(field: string): string {
	return FIELD_LABELS[field] ?? field;
}

/** What a field's change did, without naming the field: "Engineer → CTO", "a new photo". */
export function changeValueWords(change: CardChangeValue): string {
	if (change.field === 'links') return linksChange(change.from, change.to);
	const from = textOf(change.from).trim();
	const to = textOf(change.to).trim();
	if (change.field === 'photoUrl') return !to ? 'removed' : from ? 'a new photo' : 'added';
	if (from && to) return `${shortened(from)} → ${shortened(to)}`;
	if (to) return `added ${shortened(to)}`;
	if (from) return `removed (was ${shortened(from)})`;
	return 'changed';
}

/** One field's change in words: "Headline: Engineer → CTO", "Photo: a new photo". */
export function changeWords(change: CardChangeValue): string {
	return `${fieldLabel(change.field)}: ${changeValueWords(change)}`;
}

/** Every field a card change touched, in words (an empty change says "Card updated"). */
export function cardChangeLines(change: Pick<CardChange, 'changes'>): string[] {
	return change.changes.length ? change.changes.map(changeWords) : ['Card updated'];
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 86_400_000],
	['month', 30 * 86_400_000],
	['week', 7 * 86_400_000],
	['day', 86_400_000],
	['hour', 3_600_000],
	['minute', 60_000]
];

/** When something happened, relative to now: "just now", "yesterday", "3 days ago", "in 2 days". */
export function relativeTime(iso: string, now: number): string {
	const time = Date.parse(iso);
	if (Number.isNaN(time)) return '';
	const elapsed = time - now;
	if (Math.abs(elapsed) < 60_000) return 'just now';
	for (const [unit, ms] of UNITS) {
		if (Math.abs(elapsed) >= ms || unit === 'minute') {
			return relativeTimeFormat().format(Math.trunc(elapsed / ms), unit);
		}
	}
	return '';
}
