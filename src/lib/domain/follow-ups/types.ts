// The follow-up engine's contract. The engine is a pure function of what is on the device and of
// `now` and the time zone (arguments, never read inside), with no dependency and nothing
// browser-only, so the server can run the very same code later (a daily digest, a calendar feed).
import type {
	Cadence,
	CardChange,
	Connection,
	Decision,
	EventRecord,
	Interaction
} from '../records';

export const PROMPT_KINDS = [
	'needs_note',
	'thank_you',
	'promise',
	'give',
	'introduce',
	'check_in',
	'card_changed',
	'anniversary'
] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

/** My own card, as far as the engine needs it. */
export interface MyCard {
	name: string;
	canHelpWith: string;
	lookingFor: string;
}

/** The user's follow-up settings (synced). */
export interface FollowUpSettings {
	/** At most this many prompts on one day (Today shows at most this many). */
	dailyCap: number;
	/** The cadence of a person whose cadence I never chose (`Connection.cadence === ''`). */
	defaultCadence: Exclude<Cadence, ''>;
}

export const DEFAULT_SETTINGS: FollowUpSettings = { dailyCap: 5, defaultCadence: 'occasional' };
export const DAILY_CAP_MIN = 1;
export const DAILY_CAP_MAX = 20;

export interface PlanInput {
	me: MyCard;
	connections: readonly Connection[];
	interactions: readonly Interaction[];
	cardChanges: readonly CardChange[];
	events: readonly EventRecord[];
	decisions: readonly Decision[];
	settings: FollowUpSettings;
	/** Unix milliseconds. */
	now: number;
	/** IANA time zone ("Europe/Berlin"): days, due dates and "2 days ago" are counted in it. */
	timeZone: string;
}

/** A way to send a drafted message that the person's card allows. */
export type SendWay =
	| { kind: 'email'; address: string }
	| { kind: 'sms'; number: string }
	| { kind: 'linkedin'; url: string }
	| { kind: 'website'; url: string };

export interface Draft {
	/** For email; short, no trailing punctuation. */
	subject: string;
	/** The message, under 600 characters, never a placeholder or an empty slot. */
	body: string;
}

export interface Prompt {
	/**
	 * Stable: derived only from what the prompt is about (kind, people, anchor), so the same
	 * situation always gives the same id and a decision sticks to it. At most 200 characters.
	 */
	id: string;
	kind: PromptKind;
	/** Connection ids: the person it is for first; an introduction names the two people. */
	people: string[];
	/** Local date (YYYY-MM-DD in the time zone) it becomes due (a snooze moves it). */
	due: string;
	/** Local date past which it is late ("losing touch" for a check-in). */
	latest: string;
	/** Higher first among prompts of the same day. */
	priority: number;
	/** Past `latest` on the planning day. */
	isLate: boolean;
	/** One line naming the facts used: "You met Ann at DevConf 2 days ago and noted: …". */
	why: string;
	draft: Draft;
	ways: SendWay[];
	/** Local date it is planned for after the daily cap (today, or a later day it rolled to). */
	day: string;
}

export interface Plan {
	/** The planning day (local date). */
	today: string;
	/** Today's prompts: due today or earlier, at most the cap, priority order. */
	todays: Prompt[];
	/** Planned for the next 14 days (each day at most the cap; overflow rolls on), by day. */
	comingUp: Prompt[];
	/** Every open prompt, in planned order (later ones are never dropped). */
	all: Prompt[];
	/** The next open prompt for each connection (the first in `all` naming them first). */
	nextFor: ReadonlyMap<string, Prompt>;
}

export type EventPersonState = 'needs_note' | 'ready' | 'done' | 'resting';

export interface EventFollowUp {
	event: EventRecord;
	/**
	 * One row per person I met at the event (not forgotten), in order of meeting; `prompt`: their
	 * first prompt shown (today, then coming up), null when none is (or they rest).
	 */
	rows: { connection: Connection; state: EventPersonState; prompt: Prompt | null }[];
	/** Rows followed up ("done"). */
	done: number;
	/** Rows that count ("resting" people do not). */
	total: number;
}

/**
 * What a draft is made of: every slot may be empty, and a sentence whose slot is empty is left
 * out (never "undefined", "[topic]" or an empty quote).
 */
export interface DraftFacts {
	kind: PromptKind;
	/** Picks the phrasing (a stable hash), so the same prompt always reads the same. */
	promptId: string;
	myName: string;
	/** Their first name ('' when their card has no name). */
	firstName: string;
	/** Where we met ('' when not at an event). */
	eventName: string;
	/** My memory note about them. */
	memoryNote: string;
	/** What I said I would do for them. */
	promise: string;
	/** What they are looking for (matched against an offer for give / introduce). */
	need: string;
	/** What I can help with (give), or what the other person offers (introduce). */
	offer: string;
	/** introduce: the other person's name. */
	otherName: string;
	/** card_changed: what changed on their card. */
	change: {
		field: 'headline' | 'company' | 'canHelpWith' | 'lookingFor';
		from: string;
		to: string;
	} | null;
	/** anniversary: how many years since we met. */
	years: number;
	/** I have asked them more than I have given: the draft offers, never asks. */
	leansOnThem: boolean;
	/** What I am looking for (a check-in may mention it only when I do not lean on them). */
	myLookingFor: string;
}
