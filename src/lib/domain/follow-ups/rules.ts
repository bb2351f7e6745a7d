// The rules that look at one person: their note, thank-you, promise, check-in, card changes and
// anniversary. Each returns candidates (prompts before decisions and the daily cap) with days as
// day numbers. The timings live in RULE_TIMING (see the table at the top of plan.ts).
// Invariants: a met-anchored prompt is never due before the day we met, a check-in is always due
// after its anchor, and a candidate is only made while `today` is within its expiry.
import { changeValueWords, fieldLabel } from '../card-change-words';
import type { CardChange, CardChangeValue, Connection } from '../records';
import { CADENCE_GAPS, FIRST_CHECK_IN_DAYS } from '../touch';
import {
	calendarOf,
	dayNumberFromCalendar,
	dayNumberOfIso,
	daysAgoWords,
	dayString as dayKey,
	type DayNumber
} from './dates';
import { promptId, shortHash } from './ids';
import type { DraftFacts, PromptKind, SendWay } from './types';
import { waysOf } from './ways';
import { atEvent, quoted, who, whose } from './why-words';

export interface RuleTiming {
	/** Higher first among prompts competing for one day. */
	priority: number;
	/** Days from the anchor to due. */
	due: number;
	/** Days from the anchor to latest (late after it). */
	latest: number;
	/** Days from the anchor after which it is no longer made (null: never expires). */
	expires: number | null;
}

/** The product's timing decisions, per kind (check-ins count from the last touch, by cadence). */
export const RULE_TIMING: Record<Exclude<PromptKind, 'check_in'>, RuleTiming> = {
	needs_note: { priority: 100, due: 0, latest: 0, expires: null },
	thank_you: { priority: 90, due: 0, latest: 2, expires: 14 },
	promise: { priority: 85, due: 0, latest: 3, expires: null },
	card_changed: { priority: 70, due: 0, latest: 7, expires: 30 },
	give: { priority: 60, due: 2, latest: 14, expires: 30 },
	introduce: { priority: 50, due: 2, latest: 14, expires: 30 },
	anniversary: { priority: 40, due: 0, latest: 7, expires: 7 }
};

/** What a rule returns when it makes nothing: one shared empty list, never written to. */
export const NONE: readonly Candidate[] = [];

/** A check-in past its latest day ("losing touch") outranks gives; on time it comes last. */
export const CHECK_IN_PRIORITY = { onTime: 30, late: 65 } as const;

/**
 * A prompt before decisions, the cap and its draft. The draft's facts are not built here: most
 * candidates are never shown, so `factsOf` completes them from the person only when asked.
 */
export interface Candidate {
	id: string;
	kind: PromptKind;
	people: string[];
	due: DayNumber;
	latest: DayNumber;
	priority: number;
	/** The why, made when asked (most candidates are never shown): the same words whenever. */
	why: () => string;
	/** Who it is for (the first of `people`). */
	person: Person;
	/** The draft facts this rule adds to the person's (null: none). */
	extra: Partial<DraftFacts> | null;
}

/** My side of every draft, shared by everyone in one plan. */
export interface MyFacts {
	myName: string;
	myLookingFor: string;
}

/** What the rules know about one person, computed once per plan. */
export interface Person {
	connection: Connection;
	firstName: string;
	eventName: string;
	/** The local day we met (NaN when unknown). */
	metDay: DayNumber;
	/** When I last touched them (touch.ts lastTouchedAt: metAt when nothing since). */
	lastTouchedAt: string;
	cadence: keyof typeof CADENCE_GAPS;
	/** The give/ask ledger (ledger.ts's rule), counted by the interactions pass. */
	gave: number;
	asked: number;
	/** I have asked them more than I have given (ledger.ts leansOn). */
	leansOnThem: boolean;
	/**
	 * Unix ms of my latest touch but meeting again or a note (eventFollowUps' "followed up"):
	 * -Infinity for none, Infinity when one has an unreadable time (it counts as after any meeting).
	 */
	lastFollowUpTime: number;
	me: MyFacts;
	/** Their ways to send, read from their card on first use (`waysFor`). */
	ways: SendWay[] | null;
}

/** The ways a person's card allows, read once per plan and shared by all their prompts. */
export function waysFor(person: Person): SendWay[] {
	return (person.ways ??= waysOf(person.connection.snapshot.links));
}

/** Every DraftFacts field of a candidate: the person's, then what its rule adds. */
export function factsOf(c: Candidate): DraftFacts {
	const { connection, me } = c.person;
	return {
		kind: c.kind,
		promptId: c.id,
		myName: me.myName,
		firstName: c.person.firstName,
		eventName: c.person.eventName,
		memoryNote: connection.memoryNote.trim(),
		promise: connection.promise.trim(),
		need: connection.snapshot.lookingFor.trim(),
		offer: '',
		otherName: '',
		change: null,
		years: 0,
		leansOnThem: c.person.leansOnThem,
		myLookingFor: me.myLookingFor,
		...c.extra
	};
}

export interface RuleContext {
	today: DayNumber;
	timeZone: string;
	/**
	 * Only candidates due within these days (inclusive) are made; all when absent. Due days are
	 * plain numbers, so a rule knows whether it is wanted before it makes any words.
	 */
	dueFrom?: DayNumber;
	dueTo?: DayNumber;
}

/** True when a candidate due on `due` is wanted by the context (its dueFrom..dueTo). */
export function isWanted(due: DayNumber, context: RuleContext): boolean {
	return due >= (context.dueFrom ?? -Infinity) && due <= (context.dueTo ?? Infinity);
}

/** A candidate with timings counted from `anchor`, or null when expired by `today`. */
export function timed(
	kind: Exclude<PromptKind, 'check_in'>,
	anchor: DayNumber,
	today: DayNumber
): Pick<Candidate, 'due' | 'latest' | 'priority'> | null {
	const timing = RULE_TIMING[kind];
	if (Number.isNaN(anchor)) return null;
	if (timing.expires !== null && today > anchor + timing.expires) return null;
	return { due: anchor + timing.due, latest: anchor + timing.latest, priority: timing.priority };
}

/** A candidate for one person (its draft facts are the person's plus `extra`). */
export function candidate(
	person: Person,
	kind: PromptKind,
	id: string,
	timing: Pick<Candidate, 'due' | 'latest' | 'priority'>,
	why: () => string,
	extra: Partial<DraftFacts> | null = null
): Candidate {
	return {
		id,
		kind,
		people: [person.connection.id],
		due: timing.due,
		latest: timing.latest,
		priority: timing.priority,
		why,
		person,
		extra
	};
}

function metWords(person: Person, today: DayNumber): string {
	const ago = daysAgoWords(today - person.metDay);
	return `You met ${who(person.firstName)}${atEvent(person.eventName)} ${ago}`;
}

/** needs_note: a contact without a memory note is not finished (due the day we met). */
export function needsNote(person: Person, context: RuleContext): readonly Candidate[] {
	const { today } = context;
	if (person.connection.memoryNote.trim()) return NONE;
	const timing = timed('needs_note', person.metDay, today);
	if (!timing || !isWanted(timing.due, context)) return NONE;
	const id = promptId('needs_note', person.connection.id, dayKey(person.metDay));
	return [
		candidate(
			person,
			'needs_note',
			id,
			timing,
			() => `${metWords(person, today)} and have not written a memory note yet.`
		)
	];
}

/** thank_you: in the first days, grounded in the memory note. */
export function thankYou(person: Person, context: RuleContext): readonly Candidate[] {
	const { today } = context;
	const timing = timed('thank_you', person.metDay, today);
	if (!timing || !isWanted(timing.due, context)) return NONE;
	const why = () => {
		const note = quoted(person.connection.memoryNote);
		return note ? `${metWords(person, today)} and noted: ${note}` : `${metWords(person, today)}.`;
	};
	return [
		candidate(person, 'thank_you', thankYouId(person.connection, person.metDay), timing, why)
	];
}

/** The thank-you's id (the post-event list reads a decision on it). */
export function thankYouId(connection: Pick<Connection, 'id'>, metDay: DayNumber): string {
	return promptId('thank_you', connection.id, dayKey(metDay));
}

/** promise: what I said I would do; editing the promise makes a new prompt. */
export function promise(person: Person, context: RuleContext): readonly Candidate[] {
	const text = person.connection.promise.trim();
	const timing = text ? timed('promise', person.metDay, context.today) : null;
	if (!timing || !isWanted(timing.due, context)) return NONE;
	const id = promptId('promise', person.connection.id, shortHash(text));
	return [candidate(person, 'promise', id, timing, () => `You said you’d: ${quoted(text)}`)];
}

/**
 * check_in: counted from the last touch. The first one, while the meeting (its day) is the last
 * touch, comes at most FIRST_CHECK_IN_DAYS after it; the latest day is the tier's either way, so
 * "late" here is exactly isLosingTouch. The anchor is in the id: any touch makes a new one.
 */
export function checkIn(person: Person, context: RuleContext): readonly Candidate[] {
	const { today, timeZone } = context;
	const anchor = dayNumberOfIso(person.lastTouchedAt, timeZone);
	if (Number.isNaN(anchor)) return NONE;
	const gap = CADENCE_GAPS[person.cadence];
	const isFirst = anchor === person.metDay;
	const due = anchor + (isFirst ? Math.min(FIRST_CHECK_IN_DAYS, gap.ideal) : gap.ideal);
	if (!isWanted(due, context)) return NONE;
	const latest = anchor + gap.latest;
	const isLate = today > latest;
	const priority = isLate ? CHECK_IN_PRIORITY.late : CHECK_IN_PRIORITY.onTime;
	const why = () =>
		(isFirst
			? `${metWords(person, today)} and have not been in touch since`
			: `You were last in touch with ${who(person.firstName)} ${daysAgoWords(today - anchor)}`) +
		(isLate ? ': you are losing touch.' : '.');
	const id = promptId('check_in', person.connection.id, dayKey(anchor));
	return [candidate(person, 'check_in', id, { due, latest, priority }, why)];
}

const CHANGE_FIELDS = ['headline', 'company', 'canHelpWith', 'lookingFor'] as const;
type ChangeField = (typeof CHANGE_FIELDS)[number];

function isChangeField(field: string): field is ChangeField {
	return (CHANGE_FIELDS as readonly string[]).includes(field);
}

function textOf(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** card_changed: one prompt per change record that touched a field worth congratulating. */
export function cardChanged(
	person: Person,
	changes: readonly CardChange[],
	context: RuleContext
): Candidate[] {
	const { today, timeZone } = context;
	const candidates: Candidate[] = [];
	for (const change of changes) {
		const fields = change.changes.filter((c): c is CardChangeValue & { field: ChangeField } =>
			isChangeField(c.field)
		);
		const first = fields[0];
		const day = dayNumberOfIso(change.created, timeZone);
		const timing = first ? timed('card_changed', day, today) : null;
		if (!first || !timing || !isWanted(timing.due, context)) continue;
		const id = promptId('card_changed', person.connection.id, dayKey(day), change.id);
		const facts = {
			change: { field: first.field, from: textOf(first.from), to: textOf(first.to) }
		};
		candidates.push(
			candidate(
				person,
				'card_changed',
				id,
				timing,
				() =>
					`${whose(person.firstName)} card changed: ${fields.map((c) => `${fieldLabel(c.field)} ${changeValueWords(c)}`).join('; ')}`,
				facts
			)
		);
	}
	return candidates;
}

/**
 * anniversary: yearly on the day we met (a 29 February is the 28th in common years), from the
 * first year on, for close and regular people. The one made is the next that has not expired.
 */
export function anniversary(person: Person, context: RuleContext): readonly Candidate[] {
	const { today } = context;
	if (person.cadence !== 'close' && person.cadence !== 'regular') return NONE;
	if (Number.isNaN(person.metDay)) return NONE;
	const met = calendarOf(person.metDay);
	const { expires } = RULE_TIMING.anniversary;
	let years = Math.max(1, calendarOf(today).year - met.year - 1);
	let day = dayNumberFromCalendar(met.year + years, met.month, met.date);
	while (day + (expires ?? 0) < today) {
		years++;
		day = dayNumberFromCalendar(met.year + years, met.month, met.date);
	}
	const timing = timed('anniversary', day, today);
	if (!timing || !isWanted(timing.due, context)) return NONE;
	const id = promptId('anniversary', person.connection.id, String(met.year + years));
	const since = years === 1 ? 'A year' : `${years} years`;
	const why = () => `${since} since you met ${who(person.firstName)}${atEvent(person.eventName)}.`;
	return [candidate(person, 'anniversary', id, timing, why, { years })];
}
