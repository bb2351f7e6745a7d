// The People list's pure logic: the query as it lives in the URL (so back, forward and reload keep
// it), the filters a person has turned on (as chips to clear), paging through a long list, and
// the words of a row's hints. No Svelte, no DOM: the list screen wires these and renders.
import { ANY_PERSON, type PeopleQuery, type PeopleSort } from './people-query';
import { CHANNELS, type Channel } from './records';
import { CHANNEL_LABELS } from './touch';
import { relativeTimeFormat } from './intl';

export const SORTS: readonly PeopleSort[] = ['met', 'touched', 'name'];

export const SORT_LABELS: Record<PeopleSort, string> = {
	met: 'Recently met',
	touched: 'Last touched',
	name: 'Name'
};

/** The URL's parameter for each part of the query (the defaults are left out of the URL). */
const PARAM = {
	text: 'q',
	event: 'event',
	tag: 'tag',
	channel: 'channel',
	needsNote: 'note',
	losingTouch: 'losing',
	archived: 'archived',
	sort: 'sort'
} as const satisfies Record<keyof PeopleQuery, string>;

/** Longest search text kept from a URL (a pasted essay is not a search). */
const MAX_TEXT = 200;

const isChannel = (value: string): value is Channel =>
	(CHANNELS as readonly string[]).includes(value);
const isSort = (value: string): value is PeopleSort => (SORTS as readonly string[]).includes(value);
const isOn = (value: string | null) => value === '1' || value === 'true';

/** The query a URL's search parameters say; anything unknown or malformed is its default. */
export function queryFromParams(params: URLSearchParams): PeopleQuery {
	const channel = params.get(PARAM.channel) ?? '';
	const sort = params.get(PARAM.sort) ?? '';
	return {
		text: (params.get(PARAM.text) ?? '').slice(0, MAX_TEXT),
		event: params.get(PARAM.event) ?? '',
		tag: params.get(PARAM.tag) ?? '',
		channel: isChannel(channel) ? channel : '',
		needsNote: isOn(params.get(PARAM.needsNote)),
		losingTouch: isOn(params.get(PARAM.losingTouch)),
		archived: isOn(params.get(PARAM.archived)),
		sort: isSort(sort) ? sort : ANY_PERSON.sort
	};
}

/** The search parameters of a query, defaults left out, in a stable order ('' for none). */
export function searchOfQuery(query: PeopleQuery): string {
	const params = new URLSearchParams();
	const text = query.text.trim();
	if (text) params.set(PARAM.text, text);
	if (query.event) params.set(PARAM.event, query.event);
	if (query.tag) params.set(PARAM.tag, query.tag);
	if (query.channel) params.set(PARAM.channel, query.channel);
	if (query.needsNote) params.set(PARAM.needsNote, '1');
	if (query.losingTouch) params.set(PARAM.losingTouch, '1');
	if (query.archived) params.set(PARAM.archived, '1');
	if (query.sort !== ANY_PERSON.sort) params.set(PARAM.sort, query.sort);
	const search = params.toString();
	return search ? `?${search}` : '';
}

/** The filters a chip can show and clear (the search text has its own field, the sort its own). */
export type FilterKey = 'event' | 'tag' | 'channel' | 'needsNote' | 'losingTouch' | 'archived';

export interface ActiveFilter {
	key: FilterKey;
	label: string;
}

/** The filters turned on, in the order the filter panel shows them, each with its chip's words. */
export function activeFilters(
	query: PeopleQuery,
	eventName: (id: string) => string | undefined
): ActiveFilter[] {
	const active: ActiveFilter[] = [];
	if (query.event) {
		active.push({ key: 'event', label: `Event: ${eventName(query.event) || 'unknown event'}` });
	}
	if (query.tag) active.push({ key: 'tag', label: `Tag: ${query.tag}` });
	if (query.channel) active.push({ key: 'channel', label: CHANNEL_LABELS[query.channel] });
	if (query.needsNote) active.push({ key: 'needsNote', label: 'Needs a memory note' });
	if (query.losingTouch) active.push({ key: 'losingTouch', label: 'Losing touch' });
	if (query.archived) active.push({ key: 'archived', label: 'Archived' });
	return active;
}

/** The query with one filter turned off. */
export function withoutFilter(query: PeopleQuery, key: FilterKey): PeopleQuery {
	return { ...query, [key]: ANY_PERSON[key] };
}

/** The query with every filter and the search text cleared (the order I chose stays). */
export function clearedQuery(query: PeopleQuery): PeopleQuery {
	return { ...ANY_PERSON, sort: query.sort };
}

/** True when the query narrows the list at all (text or a filter). */
export function isNarrowed(query: PeopleQuery): boolean {
	return searchOfQuery({ ...query, sort: ANY_PERSON.sort }) !== '';
}

// ——— Paging ———

/** Rows rendered at first, and added each time the end of the list comes into view. */
export const PAGE_SIZE = 60;

/** How many rows to render after one more page, never more than there are. */
export function grownLimit(limit: number, total: number): number {
	return Math.min(total, Math.max(limit, 0) + PAGE_SIZE);
}

// ——— A row's words ———

/** "3 people", "1 person", with thousands grouped ("5,000 people"). */
export function peopleCount(n: number): string {
	return `${n.toLocaleString('en')} ${n === 1 ? 'person' : 'people'}`;
}

const DAY_MS = 86_400_000;

/** "today", "yesterday", "3 weeks ago", "2 years ago"; '' for a time that is not one. */
export function timeAgo(iso: string, now: number): string {
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return '';
	const days = Math.max(0, Math.floor((now - t) / DAY_MS));
	if (days < 7) return relativeTimeFormat().format(-days, 'day');
	if (days < 30) return relativeTimeFormat().format(-Math.floor(days / 7), 'week');
	if (days < 365) return relativeTimeFormat().format(-Math.floor(days / 30), 'month');
	return relativeTimeFormat().format(-Math.floor(days / 365), 'year');
}

/** The give/ask hint of a row: "gave 3 · asked 1"; '' when nothing was given or asked. */
export function ledgerHint(ledger: { gave: number; asked: number }): string {
	const parts = [];
	if (ledger.gave) parts.push(`gave ${ledger.gave}`);
	if (ledger.asked) parts.push(`asked ${ledger.asked}`);
	return parts.join(' · ');
}
