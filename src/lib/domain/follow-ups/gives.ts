// Give-first prompts for someone I met lately: what they are looking for, matched against what I
// can help with (give) and against what my other contacts offer (introduce). One of the two per
// person at most: an introduction when another contact matches better than I do (or I offer
// nothing), else a give. Invariant: the same introduction is never suggested twice — not once an
// `introduced` interaction names both, and its id is the same whichever of the two needs it.
import { meaningfulWords, sharedCount, type OfferIndex } from './matching';
import {
	candidate,
	NONE,
	RULE_TIMING,
	timed,
	type Candidate,
	type Person,
	type RuleContext
} from './rules';
import { introductionId, promptId } from './ids';
import { dayString, type DayNumber } from './dates';
import { quoted, who } from './why-words';

export interface GiveContext extends RuleContext {
	/** The stems of what I can help with. */
	myOffer: ReadonlySet<string>;
	myCanHelpWith: string;
	/** What every eligible person offers, by stem. */
	offers: OfferIndex;
	/** Everyone eligible for prompts, by connection id. */
	people: ReadonlyMap<string, Person>;
	/** Pairs already introduced (`introducedKey`). */
	introduced: ReadonlySet<string>;
}

/** The key of an introduced pair, in id order. */
export function introducedKey(a: string, b: string): string {
	return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** True while a person met on `metDay` is still inside the give window on `today`. */
export function isInGiveWindow(metDay: DayNumber, today: DayNumber): boolean {
	// timed('give', …) !== null, without making the timing (asked once per person per plan).
	const { expires } = RULE_TIMING.give;
	return !Number.isNaN(metDay) && (expires === null || !(today > metDay + expires));
}

/** give or introduce for one person (none when they look for nothing anyone offers). */
export function gives(person: Person, context: GiveContext): readonly Candidate[] {
	const { today } = context;
	const lookingFor = person.connection.snapshot.lookingFor;
	const timing = timed('give', person.metDay, today);
	if (!timing || !lookingFor.trim()) return NONE;
	const need = meaningfulWords(lookingFor);
	if (!need.size) return NONE;
	const id = person.connection.id;
	const mine = sharedCount(need, context.myOffer);
	const best = context.offers.best(need, id, (other) =>
		context.introduced.has(introducedKey(id, other))
	);
	const other = best && best.score > mine ? context.people.get(best.id) : undefined;
	const them = who(person.firstName);
	if (other) {
		const offer = other.connection.snapshot.canHelpWith;
		const otherName = other.connection.snapshot.name.trim();
		const why = () =>
			`${them} is looking for ${quoted(lookingFor)} and ${who(other.firstName)} can help with ${quoted(offer)}: introduce them.`;
		const introduce = candidate(
			person,
			'introduce',
			introductionId(id, other.connection.id),
			timed('introduce', person.metDay, today) ?? timing,
			why,
			{ need: lookingFor, offer, otherName }
		);
		return [{ ...introduce, people: [id, other.connection.id] }];
	}
	if (mine < 1) return NONE;
	const offer = context.myCanHelpWith;
	const why = () =>
		`${them} is looking for ${quoted(lookingFor)} and you can help with ${quoted(offer)}.`;
	const giveId = promptId('give', id, dayString(person.metDay));
	return [candidate(person, 'give', giveId, timing, why, { need: lookingFor, offer })];
}
