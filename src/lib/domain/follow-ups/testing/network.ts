// A small network for the engine's cases and specs, built through the real parsers (so every
// record is one the app could have read from the device). Ids are whatever the case names them
// ('ann', 'bob'): readable in expected prompt ids.
import {
	parseCardChange,
	parseConnection,
	parseDecision,
	parseEvent,
	parseInteraction,
	type CardChange,
	type CardChangeValue,
	type Connection,
	type Decision,
	type EventRecord,
	type Interaction
} from '../../records';
import { DEFAULT_SETTINGS, type FollowUpSettings, type MyCard, type PlanInput } from '../types';

const OWNER = 'useruseruser001';

type PersonFields = Partial<Omit<Connection, 'snapshot' | 'id'>> & {
	snapshot?: Partial<Connection['snapshot']>;
};

/** A connection called by its id ('ann' is Ann Example), with a memory note unless told otherwise. */
export function person(id: string, fields: PersonFields = {}): Connection {
	const name = `${id.charAt(0).toUpperCase()}${id.slice(1)} Example`;
	return parseConnection({
		id,
		owner: OWNER,
		metAt: '2026-05-01T09:00:00.000Z',
		memoryNote: 'Talked about gardens',
		created: fields.metAt ?? '2026-05-01T09:00:00.000Z',
		updated: fields.metAt ?? '2026-05-01T09:00:00.000Z',
		...fields,
		snapshot: { name, ...fields.snapshot }
	});
}

let interactionCount = 0;

/** An interaction naming people (a conversation unless told otherwise). */
export function interaction(
	people: string[],
	at: string,
	fields: Partial<Omit<Interaction, 'people' | 'at'>> = {}
): Interaction {
	return parseInteraction({
		id: `int${String(++interactionCount).padStart(12, '0')}`,
		owner: OWNER,
		kind: 'conversation',
		created: at,
		updated: at,
		...fields,
		people,
		at
	});
}

/** An event I met people at. */
export function event(id: string, name: string, startsAt = ''): EventRecord {
	return parseEvent({ id, name, startsAt, created: startsAt, updated: startsAt });
}

/** A decision on a prompt, made at `updated`. */
export function decision(
	promptId: string,
	state: string,
	fields: { until?: string; updated?: string; deleted?: string; id?: string } = {}
): Decision {
	const updated = fields.updated ?? '2026-05-01T12:00:00.000Z';
	return parseDecision({
		id: fields.id ?? `dec-${promptId}-${updated}`,
		owner: OWNER,
		promptId,
		state,
		until: fields.until ?? '',
		deleted: fields.deleted ?? '',
		created: updated,
		updated
	});
}

/** A change to the card of the person `connection` names. */
export function cardChange(
	id: string,
	connection: string,
	created: string,
	changes: CardChangeValue[]
): CardChange {
	return parseCardChange({ id, owner: OWNER, connection, changes, created });
}

export interface NetworkFields {
	now: string;
	timeZone?: string;
	me?: Partial<MyCard>;
	settings?: Partial<FollowUpSettings>;
	connections?: Connection[];
	interactions?: Interaction[];
	cardChanges?: CardChange[];
	events?: EventRecord[];
	decisions?: Decision[];
}

/** The engine's input for a network at `now` (UTC and the default settings unless told). */
export function network(fields: NetworkFields): PlanInput {
	return {
		me: { name: 'Mia Me', canHelpWith: '', lookingFor: '', ...fields.me },
		connections: fields.connections ?? [],
		interactions: fields.interactions ?? [],
		cardChanges: fields.cardChanges ?? [],
		events: fields.events ?? [],
		decisions: fields.decisions ?? [],
		settings: { ...DEFAULT_SETTINGS, ...fields.settings },
		now: Date.parse(fields.now),
		timeZone: fields.timeZone ?? 'UTC'
	};
}
