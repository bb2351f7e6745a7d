// The follow-up engine: a pure, deterministic function from what is on the device (and `now`,
// and the time zone) to the prompts of the day and of the days after. No I/O, no clock, no
// browser API: the server can run the very same code.
//
// Who gets prompts: live connections (not forgotten), not archived, whose cadence (my default
// for one never chosen) is not `none` ("let it rest"). Tombstoned interactions, decisions and
// forgotten contacts are as if they never were. Days are local days in `timeZone`.
//
// The rules (days counted from the anchor; "expires": no longer made once today is past it;
// priority: higher first among prompts competing for a day). Constants: RULE_TIMING, CADENCE_GAPS.
//
// | kind         | anchor                 | due        | latest     | expires    | priority      |
// |--------------|------------------------|------------|------------|------------|---------------|
// | needs_note   | day we met             | +0         | +0         | never      | 100           |
// | thank_you    | day we met             | +0         | +2         | +14        | 90            |
// | promise      | day we met             | +0         | +3         | never      | 85            |
// | card_changed | day of the change      | +0         | +7         | +30        | 70            |
// | check_in     | last touch (late)      | see below  | see below  | never      | 65 when late  |
// | give         | day we met             | +2         | +14        | +30        | 60            |
// | introduce    | day we met (the needer)| +2         | +14        | +30        | 50            |
// | anniversary  | the day, yearly        | +0         | +7         | +7         | 40            |
// | check_in     | last touch (on time)   | see below  | see below  | never      | 30            |
//
// check_in gaps by cadence (ideal → due, latest → late, "losing touch"): close 30/45, regular
// 90/120, occasional 180/240. While the last touch is the meeting (its day), the first check-in
// is due at min(90, ideal) ("about three months after meeting"); latest stays the tier's, so
// late is exactly the People list's isLosingTouch. The anchor day is in the id: any touch starts
// a new check-in. Anniversaries: close and regular people, from the first year, id by year.
// give/introduce: only for people met within the give window; an introduction when another
// contact's offer shares more meaningful words with their need than mine (or I offer nothing).
//
// Decisions (by prompt id, the latest `updated` wins): done and dismissed hide it for good;
// snoozed moves due to the local day of `until` (never earlier) and latest with it.
//
// The daily cap: from today on, each day takes the `cap` best of what is due by then (priority,
// then due, then id); the rest roll on to the next day. Planning goes on, day after day, until
// every prompt has a day (days with nothing due are skipped to the next due day): `all` holds
// every prompt, none is dropped, and a prompt's day is never before its due.
import type { Connection } from '../records';
import { leansOn } from '../ledger';
import { CADENCE_GAPS, DEFAULT_CADENCE, cadenceOf, isLaterThan } from '../touch';
import {
	canonicalTime,
	dayNumberAt,
	dayNumberOfIso,
	dayString,
	isoTime,
	type DayNumber
} from './dates';
import { draftFor } from './drafts';
import { gives, introducedKey, isInGiveWindow, type GiveContext } from './gives';
import { meaningfulWords, OfferIndex, type Offer } from './matching';
import {
	anniversary,
	cardChanged,
	checkIn,
	needsNote,
	promise,
	thankYou,
	thankYouId,
	factsOf,
	waysFor,
	type Candidate,
	type MyFacts,
	type Person,
	type RuleContext
} from './rules';
import { clampCap, decided, decisionsById, schedule } from './schedule';
import type {
	Draft,
	EventFollowUp,
	EventPersonState,
	FollowUpSettings,
	Plan,
	PlanInput,
	Prompt
} from './types';
import { firstNameOf } from './why-words';

/** comingUp covers the days after today up to this many. */
export const COMING_UP_DAYS = 14;

type Tier = keyof typeof CADENCE_GAPS;

function isTier(cadence: string): cadence is Tier {
	return Object.hasOwn(CADENCE_GAPS, cadence);
}

/** The tier a connection is tended at, or null when it gets no prompts (forgotten, archived, resting). */
export function tierOf(connection: Connection, settings: FollowUpSettings): Tier | null {
	if (connection.deleted || connection.archived) return null;
	// A synced setting is not trusted: an unknown default is the app's.
	const fallback = settings.defaultCadence;
	const isKnown = isTier(fallback) || fallback === 'none';
	const cadence = cadenceOf(connection, isKnown ? fallback : DEFAULT_CADENCE);
	return isTier(cadence) ? cadence : null;
}

/** What a connection alone (and the time zone) tells of a person: the same whenever it is read. */
interface Facts {
	firstName: string;
	metDay: DayNumber;
}

function factsOfConnection(connection: Connection, timeZone: string): Facts {
	return {
		firstName: firstNameOf(connection.snapshot.name),
		metDay: dayNumberOfIso(connection.metAt, timeZone)
	};
}

function personOf(
	connection: Connection,
	tier: Tier,
	facts: Facts,
	eventNames: ReadonlyMap<string, string>,
	me: MyFacts
): Person {
	return {
		connection,
		firstName: facts.firstName,
		eventName: eventNames.get(connection.event) ?? '',
		metDay: facts.metDay,
		lastTouchedAt: connection.metAt,
		cadence: tier,
		gave: 0,
		asked: 0,
		leansOnThem: false,
		lastFollowUpTime: -Infinity,
		me,
		ways: null
	};
}

/**
 * Everyone who gets prompts, by id, in input order (last touch and ledger still to read); a
 * connection's facts by `factsFor` when given (a kept reading), else read now.
 */
function peopleOf(
	input: PlanInput,
	factsFor?: (connection: Connection) => Facts | undefined
): Map<string, Person> {
	const eventNames = new Map(input.events.map((e) => [e.id, e.name.trim()]));
	const me = { myName: input.me.name.trim(), myLookingFor: input.me.lookingFor.trim() };
	const people = new Map<string, Person>();
	for (const connection of input.connections) {
		const tier = tierOf(connection, input.settings);
		if (!tier || people.has(connection.id)) continue;
		const facts = factsFor?.(connection) ?? factsOfConnection(connection, input.timeZone);
		people.set(connection.id, personOf(connection, tier, facts, eventNames, me));
	}
	return people;
}

/**
 * What one pass over the interactions read of a list of people (by slot, in the list's order):
 * each one's last touch, give/ask counts, latest follow-up time and, for the slots asked for
 * (`wantsIntroduced`), the keys of the pairs already introduced that they are part of.
 */
interface Touches {
	lastTouchedAt: string[];
	gave: Int32Array;
	asked: Int32Array;
	followedUp: Float64Array;
	introduced: (string[] | undefined)[];
}

/**
 * One pass over the interactions, in their order (they are the bulk of the input): each
 * person's last touch (touch.ts's rule), give/ask ledger (ledger.ts's rule: an introduction is a
 * give to everyone it names) and whether they were followed up since we met (for the post-event
 * lists), and the pairs already introduced that a person asked about is part of (the only ones
 * an introduction could repeat). People are numbered once and counted in typed arrays; the last
 * touch is compared as a number while both times are canonical (the same order as their text),
 * else by isLaterThan; the interaction it moved to is kept by number and read once at the end.
 * What it reads of a person depends on their id and meeting time only (not on who else is in
 * the list), so a reading of more people answers for any of them.
 */
function passOver(
	ids: readonly string[],
	metAts: readonly string[],
	interactions: PlanInput['interactions'],
	wantsIntroduced: (slot: number) => boolean
): Touches {
	const count = ids.length;
	const indexOf = new Map<string, number>();
	const touched = new Float64Array(count);
	const followedUp = new Float64Array(count).fill(-Infinity);
	const gave = new Int32Array(count);
	const asked = new Int32Array(count);
	const wants = new Uint8Array(count);
	const introduced: (string[] | undefined)[] = new Array<string[] | undefined>(count);
	// The interaction each last touch moved to (-1: still the meeting), read at the end.
	const touchedBy = new Int32Array(count).fill(-1);
	const lastTouchOf = (i: number, by: number): string =>
		by < 0 ? (metAts[i] ?? '') : (interactions[by]?.at ?? metAts[i] ?? '');
	for (let i = 0; i < count; i++) {
		indexOf.set(ids[i] ?? '', i);
		touched[i] = canonicalTime(metAts[i] ?? '');
		if (wantsIntroduced(i)) wants[i] = 1;
	}
	for (let j = 0; j < interactions.length; j++) {
		const interaction = interactions[j] as PlanInput['interactions'][number];
		if (interaction.deleted) continue;
		const { people: named, kind } = interaction;
		const isGive = kind === 'gave' || kind === 'introduced';
		const isAsk = kind === 'asked';
		const isFollowUp = kind !== 'met' && kind !== 'note';
		const isTouching = kind !== 'note';
		// A note neither touches nor follows up: its time is never read.
		const time = isTouching ? canonicalTime(interaction.at) : Number.NaN;
		let at = time;
		for (let n = 0; n < named.length; n++) {
			const name = named[n] ?? '';
			const i = indexOf.get(name);
			// A person named twice counts once (the first time).
			if (i === undefined || (n > 0 && named.indexOf(name) !== n)) continue;
			if (isTouching) {
				const last = touched[i] ?? Number.NaN;
				if (time === time && last === last) {
					if (time > last) {
						touched[i] = time;
						touchedBy[i] = j;
					}
				} else if (isLaterThan(interaction.at, lastTouchOf(i, touchedBy[i] ?? -1))) {
					touchedBy[i] = j;
					touched[i] = time;
				}
			}
			if (isGive) gave[i] = (gave[i] ?? 0) + 1;
			else if (isAsk) asked[i] = (asked[i] ?? 0) + 1;
			if (isFollowUp) {
				if (at !== at) at = isoTime(interaction.at);
				const t = at !== at ? Infinity : at;
				if (t > (followedUp[i] ?? 0)) followedUp[i] = t;
			}
			if (kind === 'introduced' && wants[i]) {
				const keys = (introduced[i] ??= []);
				for (const other of named) if (other !== name) keys.push(introducedKey(other, name));
			}
		}
	}
	const lastTouchedAt: string[] = new Array<string>(count);
	for (let i = 0; i < count; i++) lastTouchedAt[i] = lastTouchOf(i, touchedBy[i] ?? -1);
	return { lastTouchedAt, gave, asked, followedUp, introduced };
}

/** Writes slot `slot` of a reading to a person. */
function readInto(person: Person, touches: Touches, slot: number): void {
	person.lastTouchedAt = touches.lastTouchedAt[slot] ?? person.lastTouchedAt;
	person.gave = touches.gave[slot] ?? 0;
	person.asked = touches.asked[slot] ?? 0;
	person.lastFollowUpTime = touches.followedUp[slot] ?? -Infinity;
	person.leansOnThem = leansOn(person);
}

/**
 * The interaction pass for the people of one plan (written to them), returning the pairs already
 * introduced that someone in the give window is part of.
 */
function readInteractions(
	input: PlanInput,
	people: ReadonlyMap<string, Person>,
	today: DayNumber
): Set<string> {
	const list = [...people.values()];
	const touches = passOver(
		list.map((p) => p.connection.id),
		list.map((p) => p.lastTouchedAt),
		input.interactions,
		(i) => isInGiveWindow((list[i] as Person).metDay, today)
	);
	const introduced = new Set<string>();
	for (let i = 0; i < list.length; i++) {
		readInto(list[i] as Person, touches, i);
		for (const key of touches.introduced[i] ?? []) introduced.add(key);
	}
	return introduced;
}

/** What plan() read of its input, shared by its first pass and the lazy rest. */
interface Planning {
	input: PlanInput;
	people: Map<string, Person>;
	introduced: ReadonlySet<string>;
	today: DayNumber;
	changes: Map<string, PlanInput['cardChanges'][number][]>;
	/** Every id made so far (one candidate per id: the first made wins a collision). */
	made: Set<string>;
}

/**
 * The candidates of every rule due within `dueFrom..dueTo`, one per id (decisions not applied).
 * With `withGives`, gives and introductions too, whatever their due (they are few: people met in
 * the give window), so the pair an introduction names is always made once.
 */
function candidatesIn(
	planning: Planning,
	dueFrom: DayNumber,
	dueTo: DayNumber,
	withGives: boolean
): Candidate[] {
	const { input, people, today, changes, made } = planning;
	const context: RuleContext = { today, timeZone: input.timeZone, dueFrom, dueTo };
	let giveContext: GiveContext | null = null;
	if (withGives) {
		const offers: Offer[] = [];
		for (const [id, person] of people) {
			const words = meaningfulWords(person.connection.snapshot.canHelpWith);
			if (words.size) offers.push({ id, words });
		}
		giveContext = {
			today,
			timeZone: input.timeZone,
			myOffer: meaningfulWords(input.me.canHelpWith),
			myCanHelpWith: input.me.canHelpWith.trim(),
			offers: new OfferIndex(offers),
			people,
			introduced: planning.introduced
		};
	}
	const found: Candidate[] = [];
	const keep = (list: readonly Candidate[]) => {
		for (const c of list) {
			// One hash of the id: it was new when adding it grew the set.
			const before = made.size;
			if (made.add(c.id).size !== before) found.push(c);
		}
	};
	for (const person of people.values()) {
		keep(needsNote(person, context));
		keep(thankYou(person, context));
		keep(promise(person, context));
		const changed = changes.get(person.connection.id);
		if (changed) keep(cardChanged(person, changed, context));
		if (giveContext && isInGiveWindow(person.metDay, today)) keep(gives(person, giveContext));
		keep(checkIn(person, context));
		keep(anniversary(person, context));
	}
	return found;
}

/** The candidates no decision closed, snoozes applied. */
function openOf(
	candidates: readonly Candidate[],
	decisions: ReturnType<typeof decisionsById>,
	timeZone: string
): Candidate[] {
	const open: Candidate[] = [];
	if (!decisions.size) return open.concat(candidates);
	for (const c of candidates) {
		const kept = decided(c, decisions.get(c.id), timeZone);
		if (kept) open.push(kept);
	}
	return open;
}

/**
 * Every candidate of a plan before its decisions and its daily cap: those due by the last day
 * shown (`first`, with gives), then the rest (`later`, made on first need and kept). They depend
 * on the people, the day, the events, the card changes and my card, never on the decisions or
 * the cap: a planner reuses them across a decision.
 */
interface Candidates {
	people: Map<string, Person>;
	first: Candidate[];
	later: () => Candidate[];
}

function candidatesOf(
	input: PlanInput,
	people: Map<string, Person>,
	introduced: ReadonlySet<string>,
	today: DayNumber
): Candidates {
	const planning: Planning = {
		input,
		people,
		introduced,
		today,
		changes: changesOf(input),
		made: new Set()
	};
	const lastShown = today + COMING_UP_DAYS;
	const first = candidatesIn(planning, -Infinity, lastShown, true);
	let later: Candidate[] | undefined;
	return {
		people,
		first,
		later: () => (later ??= candidatesIn(planning, lastShown + 1, Infinity, false))
	};
}

function changesOf(input: PlanInput): Map<string, PlanInput['cardChanges'][number][]> {
	const changes = new Map<string, PlanInput['cardChanges'][number][]>();
	for (const change of input.cardChanges) {
		const list = changes.get(change.connection);
		if (list) list.push(change);
		else changes.set(change.connection, [change]);
	}
	return changes;
}

/**
 * The plan of the day: every open prompt, each on a day under the daily cap.
 *
 * What is shown (today and the days coming up) depends only on the prompts due by the last day
 * shown: a day takes the best of what is due by then. So the prompts due by then are made and
 * planned at once; the rest (mostly check-ins due months ahead) are made, planned after the
 * overflow, only when `all` or a `nextFor` beyond them is first read, and kept. Either way the
 * plan is the one planning every prompt at once gives.
 */
export function plan(input: PlanInput): Plan {
	const today = dayNumberAt(input.now, input.timeZone);
	const people = peopleOf(input);
	return planOf(input, candidatesOf(input, people, readInteractions(input, people, today), today));
}

/** plan() once its candidates are made: its decisions and its daily cap applied. */
function planOf(input: PlanInput, candidates: Candidates): Plan {
	const today = dayNumberAt(input.now, input.timeZone);
	const { people } = candidates;
	const decisions = decisionsById(input.decisions);
	const lastShown = today + COMING_UP_DAYS;
	const cap = clampCap(input.settings.dailyCap);
	const first = schedule(
		openOf(candidates.first, decisions, input.timeZone),
		today,
		cap,
		lastShown
	);
	const shown: Prompt[] = [];
	for (let i = 0; i < first.planned.length; i++) {
		shown.push(promptOf(first.planned[i] as Candidate, first.days[i] ?? today, today, true));
	}
	const todayText = dayString(today);
	let all: Prompt[] | undefined;
	const allPrompts = (): Prompt[] => {
		if (all) return all;
		const later = openOf(candidates.later(), decisions, input.timeZone);
		const rest = schedule(first.rest.concat(later), lastShown + 1, cap);
		all = shown.slice();
		for (let i = 0; i < rest.planned.length; i++) {
			all.push(promptOf(rest.planned[i] as Candidate, rest.days[i] ?? today, today, false));
		}
		return all;
	};
	const result: Plan = {
		today: todayText,
		todays: shown.filter((p) => p.day === todayText),
		comingUp: shown.filter((p) => p.day > todayText),
		get all() {
			return allPrompts();
		},
		nextFor: new NextFor(shown, people, allPrompts)
	};
	readings.set(result, { input, people, decisions });
	return result;
}

/**
 * Every open prompt planned the long way, all at once (no window, nothing lazy), with the first
 * per connection: what plan()'s `all` and `nextFor` must equal (its tests compare them).
 */
export function planAtOnce(input: PlanInput): { all: Prompt[]; nextFor: Map<string, Prompt> } {
	const today = dayNumberAt(input.now, input.timeZone);
	const people = peopleOf(input);
	const planning: Planning = {
		input,
		people,
		introduced: readInteractions(input, people, today),
		today,
		changes: changesOf(input),
		made: new Set()
	};
	const decisions = decisionsById(input.decisions);
	const open = openOf(candidatesIn(planning, -Infinity, Infinity, true), decisions, input.timeZone);
	const { planned, days } = schedule(open, today, clampCap(input.settings.dailyCap));
	const all = planned.map((c, i) => promptOf(c, days[i] ?? today, today));
	const nextFor = new Map<string, Prompt>();
	for (const p of all) for (const id of p.people) if (!nextFor.has(id)) nextFor.set(id, p);
	return { all, nextFor };
}

/**
 * plan().nextFor: the first prompt in `all` naming each connection. The prompts shown come first
 * in `all`, so one of them answers for the people they name; anyone else tended needs the rest of
 * `all` (made once, on first need); someone not tended has none. Iterating makes the whole map.
 */
export class NextFor implements ReadonlyMap<string, Prompt> {
	readonly #shown = new Map<string, Prompt>();
	readonly #people: ReadonlyMap<string, unknown>;
	readonly #all: () => Prompt[];
	#full: Map<string, Prompt> | undefined;

	constructor(shown: readonly Prompt[], people: ReadonlyMap<string, unknown>, all: () => Prompt[]) {
		for (const p of shown)
			for (const id of p.people) if (!this.#shown.has(id)) this.#shown.set(id, p);
		this.#people = people;
		this.#all = all;
	}

	#map(): Map<string, Prompt> {
		if (!this.#full) {
			const full = new Map<string, Prompt>();
			for (const p of this.#all()) for (const id of p.people) if (!full.has(id)) full.set(id, p);
			this.#full = full;
		}
		return this.#full;
	}

	get(id: string): Prompt | undefined {
		const shown = this.#shown.get(id);
		if (shown || !this.#people.has(id)) return shown;
		return this.#map().get(id);
	}

	has(id: string): boolean {
		return this.get(id) !== undefined;
	}

	get size(): number {
		return this.#map().size;
	}

	forEach(
		callback: (value: Prompt, key: string, map: ReadonlyMap<string, Prompt>) => void,
		thisArg?: unknown
	): void {
		for (const [key, value] of this.#map()) callback.call(thisArg, value, key, this);
	}

	entries(): MapIterator<[string, Prompt]> {
		return this.#map().entries();
	}

	keys(): MapIterator<string> {
		return this.#map().keys();
	}

	values(): MapIterator<Prompt> {
		return this.#map().values();
	}

	[Symbol.iterator](): MapIterator<[string, Prompt]> {
		return this.#map()[Symbol.iterator]();
	}
}

/**
 * What plan() read of its input's people, by the plan it made: eventFollowUps, given that plan
 * and the same input, reuses it instead of a second pass over every interaction.
 */
interface PlanReading {
	input: PlanInput;
	people: ReadonlyMap<string, Person>;
	decisions: ReturnType<typeof decisionsById>;
}

const readings = new WeakMap<Plan, PlanReading>();

/**
 * The prompt of a planned candidate. A prompt that is shown (`isShown`: today or coming up) has
 * its why and draft made now; any other makes them (and the facts a draft is made of) on first
 * read and keeps them: of thousands of open prompts a screen shows a handful, and both are the
 * same whenever they are made. Ways are read once per person. All stay enumerable, in the
 * contract's order, so a spread or JSON.stringify sees a plain prompt.
 */
export function promptOf(c: Candidate, day: DayNumber, today: DayNumber, isShown = true): Prompt {
	let why: string | undefined = isShown ? c.why() : undefined;
	let draft: Draft | undefined = isShown ? draftFor(factsOf(c)) : undefined;
	return {
		id: c.id,
		kind: c.kind,
		people: c.people,
		due: dayString(c.due),
		latest: dayString(c.latest),
		priority: c.priority,
		isLate: today > c.latest,
		get why() {
			return (why ??= c.why());
		},
		get draft() {
			return (draft ??= draftFor(factsOf(c)));
		},
		get ways() {
			return waysFor(c.person);
		},
		day: dayString(day)
	};
}

/**
 * The people at events I touched (anything but meeting again or a note) on or after we met: one
 * pass over the interactions, dates compared as parsed times.
 */
function followedUp(connections: ReadonlyMap<string, Connection>, input: PlanInput): Set<string> {
	const done = new Set<string>();
	const metTimes = new Map<string, number>();
	for (const [id, c] of connections) metTimes.set(id, isoTime(c.metAt) || 0);
	for (const i of input.interactions) {
		if (i.deleted || i.kind === 'met' || i.kind === 'note') continue;
		let at: number | undefined;
		for (const id of i.people) {
			const met = metTimes.get(id);
			if (met === undefined || done.has(id)) continue;
			at ??= isoTime(i.at);
			if (!(at < met)) done.add(id);
		}
	}
	return done;
}

/**
 * Whether each connection at an event was followed up (followedUp's rule): from the latest
 * follow-up time the plan's own pass read under its id, when the plan was made from this input;
 * else by a pass of its own. Only tended connections ask, and the plan read every tended id.
 */
function followedUpOf(
	atEvents: ReadonlyMap<string, Connection>,
	input: PlanInput,
	plan: Plan
): (connection: Connection) => boolean {
	const reading = readings.get(plan);
	if (reading?.input !== input) {
		const done = followedUp(atEvents, input);
		return (connection) => done.has(connection.id);
	}
	const { people } = reading;
	return (connection) => {
		const last = people.get(connection.id)?.lastFollowUpTime ?? -Infinity;
		return !(last < (isoTime(connection.metAt) || 0));
	};
}

/**
 * The post-event lists: one per event I met people at (newest first: by its start, else by the
 * last meeting there), a row per person met there (forgotten ones left out) in order of meeting.
 * A row's prompt is the person's first shown (today or coming up), else null (the row links to
 * the person).
 */
export function eventFollowUps(input: PlanInput, plan: Plan): EventFollowUp[] {
	const groups = eventGroupsOf(
		input,
		(atEvents) => followedUpOf(atEvents, input, plan),
		(c) => dayNumberOfIso(c.metAt, input.timeZone)
	);
	return eventListsOf(groups, input, plan);
}

/** A person met at an event, with what the decisions and settings do not change. */
interface EventPerson {
	connection: Connection;
	/** Not archived (a live connection that could be tended). */
	canBeTended: boolean;
	/** Touched since we met (read only for those who can be tended). */
	followedUp: boolean;
	/** The id of their thank-you (a done one follows them up). */
	thanks: string;
}

/** An event's people in order of meeting, and its key among the lists (newest first). */
interface EventGroup {
	event: PlanInput['events'][number];
	key: string;
	people: EventPerson[];
}

/**
 * The events I met people at, newest first, with their people in order of meeting: what the
 * lists are made of before decisions and settings. Depends on the connections, the events, the
 * interactions and the time zone only.
 */
function eventGroupsOf(
	input: PlanInput,
	followedUpBy: (atEvents: ReadonlyMap<string, Connection>) => (c: Connection) => boolean,
	metDayOf: (c: Connection) => DayNumber
): EventGroup[] {
	const events = new Map(input.events.map((e) => [e.id, e]));
	const atEvents = new Map<string, Connection>();
	const met = new Map<string, Connection[]>();
	for (const c of input.connections) {
		if (c.deleted || !events.has(c.event) || atEvents.has(c.id)) continue;
		atEvents.set(c.id, c);
		const list = met.get(c.event);
		if (list) list.push(c);
		else met.set(c.event, [c]);
	}
	const isFollowedUp = followedUpBy(atEvents);
	const groups: EventGroup[] = [];
	for (const [eventId, connections] of met) {
		const event = events.get(eventId);
		if (!event) continue;
		connections.sort((a, b) => compareText(a.metAt, b.metAt) || compareText(a.id, b.id));
		groups.push({
			event,
			key: event.startsAt || (connections[connections.length - 1]?.metAt ?? ''),
			people: connections.map((connection) => {
				const canBeTended = !connection.archived;
				return {
					connection,
					canBeTended,
					followedUp: canBeTended && isFollowedUp(connection),
					thanks: thankYouId(connection, metDayOf(connection))
				};
			})
		});
	}
	groups.sort((a, b) => compareText(b.key, a.key) || compareText(a.event.id, b.event.id));
	return groups;
}

/** The lists of a plan: each person's state (by the decisions and settings) and prompt. */
function eventListsOf(
	groups: readonly EventGroup[],
	input: PlanInput,
	plan: Plan
): EventFollowUp[] {
	const reading = readings.get(plan);
	const decisions = reading?.input === input ? reading.decisions : decisionsById(input.decisions);
	const shownFor = shownPrompts(plan);
	return groups.map(({ event, people }) => {
		let done = 0;
		let total = 0;
		const rows = people.map((person) => {
			const state = rowState(person, input.settings, decisions);
			if (state === 'done') done++;
			if (state !== 'resting') total++;
			const prompt = state === 'resting' ? null : (shownFor.get(person.connection.id) ?? null);
			return { connection: person.connection, state, prompt };
		});
		return { event, rows, done, total };
	});
}

/**
 * The first prompt shown (today, then coming up) naming each connection: what a post-event row
 * links to. Only what the plan already made is read: the lazy rest of `all` is never made here.
 */
function shownPrompts(plan: Plan): Map<string, Prompt> {
	const shown = new Map<string, Prompt>();
	for (const list of [plan.todays, plan.comingUp]) {
		for (const p of list) for (const id of p.people) if (!shown.has(id)) shown.set(id, p);
	}
	return shown;
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function rowState(
	person: EventPerson,
	settings: FollowUpSettings,
	decisions: ReturnType<typeof decisionsById>
): EventPersonState {
	const { connection } = person;
	if (!person.canBeTended || !tierOf(connection, settings)) return 'resting';
	if (person.followedUp || decisions.get(person.thanks)?.state === 'done') return 'done';
	return connection.memoryNote.trim() ? 'ready' : 'needs_note';
}

/**
 * A planner for an app that replans on every local change: plan() and eventFollowUps() as
 * above, with the same answers, keeping what the last input's change did not touch.
 * - The pass over the interactions (the bulk of the work), while `interactions` and `connections`
 *   are the very same arrays and the time zone the same. It is kept for every connection that
 *   could be tended (live, not archived; the first of each id), whatever the settings, so a
 *   settings change reuses it too; in the rare case a tended connection is not the one kept for
 *   its id (an earlier one of the same id rests), that plan reads the interactions itself.
 * - The candidates (every rule's prompts before decisions and the cap), while that reading, the
 *   day, the events and the card changes (the same arrays), my card's words and the default
 *   cadence are the same: a decision or a new daily cap only applies the decisions and plans the
 *   days again.
 * - The post-event groups, while that reading and the events are the same.
 * It holds one of each, of the last input; nothing global.
 */
export interface Planner {
	plan(input: PlanInput): Plan;
	eventFollowUps(input: PlanInput, plan: Plan): EventFollowUp[];
}

/** The interaction pass over every connection that could be tended, and what it was read from. */
interface Reading {
	interactions: PlanInput['interactions'];
	connections: PlanInput['connections'];
	timeZone: string;
	/** The connection kept for each id (live, not archived, the first), and its slot. */
	kept: Connection[];
	slotOf: Map<string, number>;
	touches: Touches;
	/** Each kept connection's facts, and the time we met (isoTime, 0 when unreadable). */
	facts: Facts[];
	metTimes: Float64Array;
}

function readingOf(input: PlanInput): Reading {
	const kept: Connection[] = [];
	const slotOf = new Map<string, number>();
	for (const connection of input.connections) {
		if (connection.deleted || connection.archived || slotOf.has(connection.id)) continue;
		slotOf.set(connection.id, kept.length);
		kept.push(connection);
	}
	const touches = passOver(
		kept.map((c) => c.id),
		kept.map((c) => c.metAt),
		input.interactions,
		() => true
	);
	const { interactions, connections, timeZone } = input;
	const facts = kept.map((c) => factsOfConnection(c, timeZone));
	const metTimes = Float64Array.from(kept, (c) => isoTime(c.metAt) || 0);
	return { interactions, connections, timeZone, kept, slotOf, touches, facts, metTimes };
}

/** What the candidates of a plan were made from (besides the reading): see createPlanner. */
function sameCandidateInputs(a: PlanInput, b: PlanInput): boolean {
	return (
		a.events === b.events &&
		a.cardChanges === b.cardChanges &&
		a.me.name === b.me.name &&
		a.me.canHelpWith === b.me.canHelpWith &&
		a.me.lookingFor === b.me.lookingFor &&
		a.settings.defaultCadence === b.settings.defaultCadence &&
		dayNumberAt(a.now, a.timeZone) === dayNumberAt(b.now, b.timeZone)
	);
}

export function createPlanner(): Planner {
	let reading: Reading | undefined;
	let made: { reading: Reading; input: PlanInput; candidates: Candidates } | undefined;
	let grouped: { reading: Reading; events: PlanInput['events']; groups: EventGroup[] } | undefined;
	const readingFor = (input: PlanInput): Reading => {
		if (
			reading?.interactions !== input.interactions ||
			reading.connections !== input.connections ||
			reading.timeZone !== input.timeZone
		) {
			reading = readingOf(input);
		}
		return reading;
	};
	const candidatesFor = (input: PlanInput, reading: Reading): Candidates => {
		const today = dayNumberAt(input.now, input.timeZone);
		const { kept, slotOf, touches, facts } = reading;
		const people = peopleOf(input, (connection) => {
			const slot = slotOf.get(connection.id);
			return slot !== undefined && kept[slot] === connection ? facts[slot] : undefined;
		});
		const introduced = new Set<string>();
		const slots: number[] = [];
		for (const person of people.values()) {
			const slot = slotOf.get(person.connection.id);
			if (slot === undefined || kept[slot] !== person.connection) {
				// Not the connection kept for its id: this plan reads for itself (nothing written yet).
				return candidatesOf(input, people, readInteractions(input, people, today), today);
			}
			slots.push(slot);
		}
		let n = 0;
		for (const person of people.values()) {
			const slot = slots[n++] ?? 0;
			readInto(person, touches, slot);
			if (isInGiveWindow(person.metDay, today)) {
				for (const key of touches.introduced[slot] ?? []) introduced.add(key);
			}
		}
		return candidatesOf(input, people, introduced, today);
	};
	return {
		plan(input) {
			const current = readingFor(input);
			if (made?.reading !== current || !sameCandidateInputs(made.input, input)) {
				made = { reading: current, input, candidates: candidatesFor(input, current) };
			}
			return planOf(input, made.candidates);
		},
		eventFollowUps(input, plan) {
			const current = readingFor(input);
			if (grouped?.reading !== current || grouped.events !== input.events) {
				grouped = { reading: current, events: input.events, groups: groupsFor(input, current) };
			}
			return eventListsOf(grouped.groups, input, plan);
		}
	};
}

/** eventGroupsOf from a planner's reading: who was followed up and when we met, read already. */
function groupsFor(input: PlanInput, reading: Reading): EventGroup[] {
	const { kept, slotOf, touches, facts, metTimes } = reading;
	const slotFor = (connection: Connection): number | undefined => {
		const slot = slotOf.get(connection.id);
		return slot !== undefined && kept[slot] === connection ? slot : undefined;
	};
	const metDayOf = (connection: Connection): DayNumber => {
		const slot = slotFor(connection);
		return slot === undefined
			? dayNumberOfIso(connection.metAt, input.timeZone)
			: (facts[slot] as Facts).metDay;
	};
	const followedUpBy = (atEvents: ReadonlyMap<string, Connection>) => {
		// Only those who could be tended ask (live, not archived): each has its id's slot.
		let own: Set<string> | undefined;
		return (connection: Connection): boolean => {
			const slot = slotOf.get(connection.id);
			if (slot === undefined) return (own ??= followedUp(atEvents, input)).has(connection.id);
			const last = touches.followedUp[slot] ?? -Infinity;
			const met =
				kept[slot] === connection ? (metTimes[slot] ?? 0) : isoTime(connection.metAt) || 0;
			return !(last < met);
		};
	};
	return eventGroupsOf(input, followedUpBy, metDayOf);
}
