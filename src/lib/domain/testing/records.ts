// Typed records for the domain specs, built through the real parsers (so a spec's record is one
// the app could have read from the device). Ids are counters: readable and never shared.
import {
	parseCardChange,
	parseConnection,
	parseInteraction,
	type CardChange,
	type Connection,
	type Interaction
} from '../records';

let count = 0;
const nextId = (prefix: string) => `${prefix}${String(++count).padStart(15 - prefix.length, '0')}`;

/** A connection (a person in my network), met on 1 May 2026 unless told otherwise. */
export function aPerson(
	fields: Partial<Omit<Connection, 'snapshot'>> & {
		snapshot?: Partial<Connection['snapshot']>;
	} = {}
): Connection {
	return parseConnection({
		id: nextId('conn'),
		owner: 'useruseruser001',
		metAt: '2026-05-01T09:00:00.000Z',
		created: '2026-05-01T09:00:00.000Z',
		...fields,
		snapshot: { name: 'Ada Lovelace', ...fields.snapshot }
	});
}

/** An interaction naming people (a give on 2 May 2026 unless told otherwise). */
export function anInteraction(fields: Partial<Interaction> = {}): Interaction {
	return parseInteraction({
		id: nextId('int'),
		owner: 'useruseruser001',
		kind: 'gave',
		at: '2026-05-02T09:00:00.000Z',
		created: '2026-05-02T09:00:00.000Z',
		...fields
	});
}

/** A change to the card of the person my connection names. */
export function aCardChange(fields: Partial<CardChange> = {}): CardChange {
	return parseCardChange({
		id: nextId('chg'),
		owner: 'useruseruser001',
		connection: '',
		changes: [{ field: 'headline', from: 'Engineer', to: 'CTO' }],
		created: '2026-05-03T09:00:00.000Z',
		...fields
	});
}
