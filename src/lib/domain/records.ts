// Typed records: one type per synced collection, and a parser that turns whatever is stored on
// the device (or came from the server) into it. Parsers never throw: a missing or malformed field
// becomes its empty value, an unknown enum value the field's default, a list of the wrong shape
// an empty list. Every screen and service reads records through these, never through casts.
import type { CardLink } from './card';
import { DAILY_CAP_MAX, DAILY_CAP_MIN, DEFAULT_SETTINGS } from './follow-ups/types';
import { date, fieldsOf, linksOf, oneOf, strings, text, type RawRecord } from './record-fields';

export * from './record-fields';

export const CHANNELS = ['in_person', 'online', 'workplace'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Where a contact without an account came from ('' for a swap, and before this was kept). */
export const SOURCES = ['imported', 'scanned'] as const;
export type Source = (typeof SOURCES)[number] | '';

/** How often a relationship wants tending; `none` is "let it rest"; '' not chosen yet. */
export const CADENCES = ['close', 'regular', 'occasional', 'none'] as const;
export type Cadence = (typeof CADENCES)[number] | '';

export const INTERACTION_KINDS = [
	'met',
	'note',
	'gave',
	'asked',
	'introduced',
	'conversation',
	'followed_up'
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** The way a conversation or a follow-up happened. */
export const MODES = ['in_person', 'call', 'message', 'online', 'email'] as const;
export type Mode = (typeof MODES)[number] | '';

/** `open` is an undo: the prompt is back (a decision is never deleted, its state goes back). */
export const DECISION_STATES = ['done', 'snoozed', 'dismissed', 'open'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

/** The card as a holder sees it: the server-trimmed snapshot on their connection. */
export interface Snapshot {
	name: string;
	headline: string;
	company: string;
	canHelpWith: string;
	lookingFor: string;
	links: CardLink[];
	/** `/api/tend/photos/<card>/<file>`, or '' when there is none (or it is not in my level). */
	photoUrl: string;
	/** What someone without the app wrote when sending their details back. */
	note: string;
}

export interface Connection {
	id: string;
	owner: string;
	/** Their card (hidden on the server; only the swap sets it); '' for a contact without the app. */
	card: string;
	snapshot: Snapshot;
	event: string;
	metAt: string;
	channel: Channel;
	/** Where a contact without an account came from (an import, a scanned badge); '' for a swap. */
	source: Source;
	memoryNote: string;
	howICanHelp: string;
	promise: string;
	tags: string[];
	cadence: Cadence;
	needsNote: boolean;
	revoked: boolean;
	level: 'event' | 'full' | '';
	archived: boolean;
	/** When I forgot this person ('' while they are in my network). */
	deleted: string;
	created: string;
	updated: string;
}

export interface Interaction {
	id: string;
	owner: string;
	kind: InteractionKind;
	mode: Mode;
	text: string;
	at: string;
	/** My connections this names (an introduction or a group conversation names several). */
	people: string[];
	deleted: string;
	created: string;
	updated: string;
}

export interface Decision {
	id: string;
	owner: string;
	promptId: string;
	state: DecisionState;
	until: string;
	deleted: string;
	created: string;
	updated: string;
}

/** The user's follow-up settings: one record per user, its id the user's id (made by the server). */
export interface Settings {
	id: string;
	owner: string;
	/** At most this many prompts a day: a whole number from DAILY_CAP_MIN to DAILY_CAP_MAX. */
	dailyCap: number;
	/** The cadence of a person whose cadence I never chose. */
	defaultCadence: Exclude<Cadence, ''>;
	created: string;
	updated: string;
}

export interface CardChangeValue {
	field: string;
	from: unknown;
	to: unknown;
}

export interface CardChange {
	id: string;
	owner: string;
	connection: string;
	changes: CardChangeValue[];
	created: string;
}

export interface EventRecord {
	id: string;
	name: string;
	startsAt: string;
	endsAt: string;
	place: string;
	/** The IANA zone its times are told in (`Europe/Berlin`); '' = the device's own. */
	timeZone: string;
	joinCode: string;
	/** True when the organiser closed joining (the join route answers `closed`). */
	joiningClosed: boolean;
	/** The organiser's user id: present only when I am the organiser ('' otherwise). */
	organiser: string;
	created: string;
	updated: string;
}

export interface ShareBack {
	id: string;
	card: string;
	name: string;
	email: string;
	note: string;
	created: string;
}

export function parseSnapshot(value: unknown): Snapshot {
	const s = fieldsOf(value);
	return {
		name: text(s.name),
		headline: text(s.headline),
		company: text(s.company),
		canHelpWith: text(s.canHelpWith),
		lookingFor: text(s.lookingFor),
		links: linksOf(s.links),
		photoUrl: text(s.photoUrl),
		note: text(s.note)
	};
}

export function parseConnection(record: RawRecord): Connection {
	const r = fieldsOf(record);
	return {
		id: text(r.id),
		owner: text(r.owner),
		card: text(r.card),
		snapshot: parseSnapshot(r.snapshot),
		event: text(r.event),
		metAt: date(r.metAt) || date(r.created),
		channel: oneOf(CHANNELS, r.channel, 'in_person'),
		source: oneOf<Source>(SOURCES, r.source, ''),
		memoryNote: text(r.memoryNote),
		howICanHelp: text(r.howICanHelp),
		promise: text(r.promise),
		tags: strings(r.tags),
		cadence: oneOf<Cadence>(CADENCES, r.cadence, ''),
		needsNote: r.needsNote === true,
		revoked: r.revoked === true,
		level: r.level === 'full' || r.level === 'event' ? r.level : '',
		archived: r.archived === true,
		deleted: date(r.deleted),
		created: date(r.created),
		updated: date(r.updated)
	};
}

export function parseInteraction(record: RawRecord): Interaction {
	const r = fieldsOf(record);
	return {
		id: text(r.id),
		owner: text(r.owner),
		kind: oneOf(INTERACTION_KINDS, r.kind, 'note'),
		mode: oneOf<Mode>(MODES, r.mode, ''),
		text: text(r.text),
		at: date(r.at) || date(r.created),
		people: strings(r.people),
		deleted: date(r.deleted),
		created: date(r.created),
		updated: date(r.updated)
	};
}

export function parseDecision(record: RawRecord): Decision {
	const r = fieldsOf(record);
	return {
		id: text(r.id),
		owner: text(r.owner),
		promptId: text(r.promptId),
		state: oneOf(DECISION_STATES, r.state, 'done'),
		until: date(r.until),
		deleted: date(r.deleted),
		created: date(r.created),
		updated: date(r.updated)
	};
}

/** A daily cap as a whole number within its bounds; anything but a finite number is the default. */
function dailyCapOf(value: unknown): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_SETTINGS.dailyCap;
	return Math.min(DAILY_CAP_MAX, Math.max(DAILY_CAP_MIN, Math.round(value)));
}

export function parseSettings(record: RawRecord): Settings {
	const r = fieldsOf(record);
	return {
		id: text(r.id),
		owner: text(r.owner),
		dailyCap: dailyCapOf(r.dailyCap),
		defaultCadence: oneOf(CADENCES, r.defaultCadence, DEFAULT_SETTINGS.defaultCadence),
		created: date(r.created),
		updated: date(r.updated)
	};
}

export function parseCardChange(record: RawRecord): CardChange {
	const r = fieldsOf(record);
	const changes = Array.isArray(r.changes)
		? r.changes.flatMap((item): CardChangeValue[] => {
				const c = fieldsOf(item);
				return typeof c.field === 'string' && c.field
					? [{ field: c.field, from: c.from ?? null, to: c.to ?? null }]
					: [];
			})
		: [];
	return {
		id: text(r.id),
		owner: text(r.owner),
		connection: text(r.connection),
		changes,
		created: date(r.created)
	};
}

/** The longest zone name an event holds (the server's limit). */
export const TIME_ZONE_MAX = 64;

/** A zone name as the event stores it: text of at most TIME_ZONE_MAX characters, else ''. */
function zoneName(value: unknown): string {
	const name = text(value);
	return name.length <= TIME_ZONE_MAX ? name : '';
}

export function parseEvent(record: RawRecord): EventRecord {
	const r = fieldsOf(record);
	return {
		id: text(r.id),
		name: text(r.name),
		startsAt: date(r.startsAt),
		endsAt: date(r.endsAt),
		place: text(r.place),
		timeZone: zoneName(r.timeZone),
		joinCode: text(r.joinCode),
		joiningClosed: r.joiningClosed === true,
		organiser: text(r.organiser),
		created: date(r.created),
		updated: date(r.updated)
	};
}

export function parseShareBack(record: RawRecord): ShareBack {
	const r = fieldsOf(record);
	return {
		id: text(r.id),
		card: text(r.card),
		name: text(r.name),
		email: text(r.email),
		note: text(r.note),
		created: date(r.created)
	};
}
