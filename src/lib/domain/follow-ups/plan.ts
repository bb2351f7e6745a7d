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
import { CADENCE_GAPS, DEFAULT_CADENCE, cadenceOf, isLaterThan, isTouch } from '../touch';
import { dayNumberAt, dayNumberOfIso, dayString, isoTime, type DayNumber } from './dates';
import { draftFor } from './drafts';
import { gives, introducedKey, isInGiveWindow } from './gives';
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

function personOf(
	connection: Connection,
	tier: Tier,
	input: PlanInput,
	eventNames: ReadonlyMap<string, string>,
	me: MyFacts
): Person {
	return {
		connection,
		firstName: firstNameOf(connection.snapshot.name),
		eventName: eventNames.get(connection.event) ?? '',
		metDay: dayNumberOfIso(connection.metAt, input.timeZone),
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

/** Everyone who gets prompts, by id, in input order (last touch and ledger still to read). */
function peopleOf(input: PlanInput): Map<string, Person> {
	const eventNames = new Map(input.events.map((e) => [e.id, e.name.trim()]));
	const me = { myName: input.me.name.trim(), myLookingFor: input.me.lookingFor.trim() };
	const people = new Map<string, Person>();
	for (const connection of input.connections) {
		const tier = tierOf(connection, input.settings);
		if (!tier || people.has(connection.id)) continue;
		people.set(connection.id, personOf(connection, tier, input, eventNames, me));
	}
	return people;
}

/**
 * One pass over the interactions, in their order (they are the bulk of the input): each
 * person's last touch (touch.ts's rule), give/ask ledger (ledger.ts's rule: an introduction is a
 * give to everyone it names) and whether they were followed up since we met (for the post-event
 * lists), and the pairs already introduced that a give-window person is part of (the only ones
 * an introduction could repeat).
 */
function readInteractions(
	input: PlanInput,
	people: ReadonlyMap<string, Person>,
	today: DayNumber
): Set<string> {
	const introduced = new Set<string>();
	for (const interaction of input.interactions) {
		if (interaction.deleted) continue;
		const { people: named, kind } = interaction;
		const isGive = kind === 'gave' || kind === 'introduced';
		const isFollowUp = kind !== 'met' && kind !== 'note';
		let at: number | undefined;
		for (let n = 0; n < named.length; n++) {
			const person = people.get(named[n] ?? '');
			// A person named twice counts once (the first time).
			if (!person || (n > 0 && named.indexOf(person.connection.id) !== n)) continue;
			if (isTouch(interaction) && isLaterThan(interaction.at, person.lastTouchedAt)) {
				person.lastTouchedAt = interaction.at;
			}
			if (isGive) person.gave++;
			else if (kind === 'asked') person.asked++;
			if (isFollowUp && person.lastFollowUpTime !== Infinity) {
				at ??= isoTime(interaction.at);
				const time = Number.isNaN(at) ? Infinity : at;
				if (time > person.lastFollowUpTime) person.lastFollowUpTime = time;
			}
			if (kind === 'introduced' && isInGiveWindow(person.metDay, today)) {
				for (const other of named)
					if (other !== person.connection.id)
						introduced.add(introducedKey(other, person.connection.id));
			}
		}
	}
	for (const person of people.values()) person.leansOnThem = leansOn(person);
	return introduced;
}

/** Every candidate of every rule, one per id (the first made wins a collision). */
export function candidatesOf(
	input: PlanInput,
	people: Map<string, Person>,
	introduced: ReadonlySet<string>,
	today: DayNumber
): Candidate[] {
	const context: RuleContext = { today, timeZone: input.timeZone };
	const changes = new Map<string, PlanInput['cardChanges'][number][]>();
	for (const change of input.cardChanges) {
		const list = changes.get(change.connection);
		if (list) list.push(change);
		else changes.set(change.connection, [change]);
	}
	const offers: Offer[] = [];
	for (const [id, person] of people) {
		const words = meaningfulWords(person.connection.snapshot.canHelpWith);
		if (words.size) offers.push({ id, words });
	}
	const giveContext = {
		...context,
		myOffer: meaningfulWords(input.me.canHelpWith),
		myCanHelpWith: input.me.canHelpWith.trim(),
		offers: new OfferIndex(offers),
		people,
		introduced
	};
	const byId = new Map<string, Candidate>();
	const keep = (made: Candidate[]) => {
		for (const c of made) if (!byId.has(c.id)) byId.set(c.id, c);
	};
	for (const person of people.values()) {
		keep(needsNote(person, context));
		keep(thankYou(person, context));
		keep(promise(person, context));
		const changed = changes.get(person.connection.id);
		if (changed) keep(cardChanged(person, changed, context));
		if (isInGiveWindow(person.metDay, today)) keep(gives(person, giveContext));
		keep(checkIn(person, context));
		keep(anniversary(person, context));
	}
	return [...byId.values()];
}

/** The plan of the day: every open prompt, each on a day under the daily cap. */
export function plan(input: PlanInput): Plan {
	const today = dayNumberAt(input.now, input.timeZone);
	const people = peopleOf(input);
	const introduced = readInteractions(input, people, today);
	const decisions = decisionsById(input.decisions);
	const open: Candidate[] = [];
	for (const c of candidatesOf(input, people, introduced, today)) {
		const kept = decided(c, decisions.get(c.id), input.timeZone);
		if (kept) open.push(kept);
	}
	const lastShown = today + COMING_UP_DAYS;
	const all = schedule(open, today, clampCap(input.settings.dailyCap)).map(({ candidate, day }) =>
		promptOf(candidate, day, today, day <= lastShown)
	);
	const todayText = dayString(today);
	const lastComingUp = dayString(today + COMING_UP_DAYS);
	const nextFor = new Map<string, Prompt>();
	for (const p of all) for (const id of p.people) if (!nextFor.has(id)) nextFor.set(id, p);
	const result: Plan = {
		today: todayText,
		todays: all.filter((p) => p.day === todayText),
		comingUp: all.filter((p) => p.day > todayText && p.day <= lastComingUp),
		all,
		nextFor
	};
	readings.set(result, { input, people });
	return result;
}

/**
 * What plan() read of its input's people, by the plan it made: eventFollowUps, given that plan
 * and the same input, reuses it instead of a second pass over every interaction.
 */
const readings = new WeakMap<Plan, { input: PlanInput; people: ReadonlyMap<string, Person> }>();

/**
 * The prompt of a planned candidate. A prompt that is shown (`isShown`: today or coming up) has
 * its draft made now; any other makes its draft (and the facts it is made of) on first read and
 * keeps it: of thousands of open prompts a screen shows a handful, and a draft is the same
 * whenever it is made. Ways are read once per person. Both stay enumerable, in the contract's
 * order, so a spread or JSON.stringify sees a plain prompt.
 */
export function promptOf(c: Candidate, day: DayNumber, today: DayNumber, isShown = true): Prompt {
	let draft: Draft | undefined = isShown ? draftFor(factsOf(c)) : undefined;
	return {
		id: c.id,
		kind: c.kind,
		people: c.people,
		due: dayString(c.due),
		latest: dayString(c.latest),
		priority: c.priority,
		isLate: today > c.latest,
		why: c.why,
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
 */
export function eventFollowUps(input: PlanInput, plan: Plan): EventFollowUp[] {
	const decisions = decisionsById(input.decisions);
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
	const isFollowedUp = followedUpOf(atEvents, input, plan);
	const lists: { key: string; list: EventFollowUp }[] = [];
	for (const [eventId, connections] of met) {
		const event = events.get(eventId);
		if (!event) continue;
		connections.sort((a, b) => compareText(a.metAt, b.metAt) || compareText(a.id, b.id));
		const rows = connections.map((connection) => {
			const state = rowState(connection, input, isFollowedUp, decisions);
			const prompt = state === 'resting' ? null : (plan.nextFor.get(connection.id) ?? null);
			return { connection, state, prompt };
		});
		lists.push({
			key: event.startsAt || (connections[connections.length - 1]?.metAt ?? ''),
			list: {
				event,
				rows,
				done: rows.filter((r) => r.state === 'done').length,
				total: rows.filter((r) => r.state !== 'resting').length
			}
		});
	}
	lists.sort((a, b) => compareText(b.key, a.key) || compareText(a.list.event.id, b.list.event.id));
	return lists.map((l) => l.list);
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function rowState(
	connection: Connection,
	input: PlanInput,
	isFollowedUp: (connection: Connection) => boolean,
	decisions: ReturnType<typeof decisionsById>
): EventPersonState {
	if (!tierOf(connection, input.settings)) return 'resting';
	const thanks = thankYouId(connection, dayNumberOfIso(connection.metAt, input.timeZone));
	if (isFollowedUp(connection) || decisions.get(thanks)?.state === 'done') return 'done';
	return connection.memoryNote.trim() ? 'ready' : 'needs_note';
}
