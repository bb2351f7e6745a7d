// Finding people: search as I type, filters and sorting over the summaries of my network. Pure
// and allocation-light: a keystroke over 5,000 people is one pass of `includes` over strings
// normalised once, when the summaries were built.
import type { Ledger } from './ledger';
import { compareNames, compareText, type Channel, type Connection } from './records';
import { isLosingTouch, type LosingTouchOptions } from './touch';

/** One person as lists show them, with what searching and sorting need computed once. */
export interface PersonSummary {
	id: string;
	connection: Connection;
	name: string;
	headline: string;
	company: string;
	/** Their photo's path when my level shows it ('' otherwise). */
	photoPath: string;
	lastTouchedAt: string;
	ledger: Ledger;
	/** Name, company, headline, tags and my notes, normalised (see `normalise`). */
	searchText: string;
}

export type PeopleSort = 'met' | 'touched' | 'name';

export interface PeopleQuery {
	text: string;
	/** An event id ('' for any). */
	event: string;
	/** A tag ('' for any). */
	tag: string;
	channel: Channel | '';
	needsNote: boolean;
	losingTouch: boolean;
	/** Shows only archived people (otherwise they are left out). */
	archived: boolean;
	sort: PeopleSort;
}

export const ANY_PERSON: PeopleQuery = {
	text: '',
	event: '',
	tag: '',
	channel: '',
	needsNote: false,
	losingTouch: false,
	archived: false,
	sort: 'met'
};

/** Lower case without accents or repeated spaces: "  Zoë  O'Brien" → "zoe o'brien". */
export function normalise(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The text a person is found by. */
export function searchTextOf(
	connection: Pick<Connection, 'snapshot' | 'tags' | 'memoryNote' | 'howICanHelp' | 'promise'>
): string {
	const s = connection.snapshot;
	return normalise(
		[
			s.name,
			s.company,
			s.headline,
			connection.tags.join(' '),
			connection.memoryNote,
			connection.howICanHelp,
			connection.promise,
			s.note
		].join('\n')
	);
}

/** True when a person passes every filter of the query (the text: every word, anywhere). */
export function matchesQuery(
	person: PersonSummary,
	query: PeopleQuery,
	now: number,
	touch: LosingTouchOptions = {}
): boolean {
	const c = person.connection;
	if (c.archived !== query.archived) return false;
	if (query.event && c.event !== query.event) return false;
	if (query.tag && !c.tags.includes(query.tag)) return false;
	if (query.channel && c.channel !== query.channel) return false;
	if (query.needsNote && !c.needsNote) return false;
	if (query.losingTouch && !isLosingTouch(c, person.lastTouchedAt, now, touch)) return false;
	const words = normalise(query.text);
	if (!words) return true;
	for (const word of words.split(' ')) {
		if (!person.searchText.includes(word)) return false;
	}
	return true;
}

const byName = (a: PersonSummary, b: PersonSummary) =>
	compareNames(a.name, b.name) || compareText(a.id, b.id);

const SORTS: Record<PeopleSort, (a: PersonSummary, b: PersonSummary) => number> = {
	met: (a, b) => compareText(b.connection.metAt, a.connection.metAt) || byName(a, b),
	touched: (a, b) => compareText(b.lastTouchedAt, a.lastTouchedAt) || byName(a, b),
	name: byName
};

/**
 * The people a query finds, in its order. "Losing touch" is counted in my time zone with my
 * default cadence (`touch`), exactly as the follow-ups count a late check-in.
 */
export function findPeople(
	people: readonly PersonSummary[],
	query: PeopleQuery,
	now: number,
	touch: LosingTouchOptions = {}
): PersonSummary[] {
	return people.filter((p) => matchesQuery(p, query, now, touch)).sort(SORTS[query.sort]);
}

/** Every tag I use, most used first (for suggestions and the tag filter). */
export function tagsInUse(people: readonly PersonSummary[]): string[] {
	const counts = new Map<string, number>();
	for (const p of people) {
		for (const tag of p.connection.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
	}
	return [...counts]
		.sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0]) || compareText(a[0], b[0]))
		.map(([tag]) => tag);
}

/** Cleans a tag as typed: trimmed, single spaces, at most 40 characters; '' when empty. */
export function cleanTag(tag: string): string {
	return Array.from(tag.replace(/\s+/g, ' ').trim()).slice(0, 40).join('');
}
