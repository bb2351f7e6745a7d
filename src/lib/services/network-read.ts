// Reading my network from the device as typed records (tombstones left out): a whole collection,
// or the records a write named. The read model (state/network-model.svelte.ts) and the benches use
// these, so what they measure is what the app does.
import {
	isTombstone,
	parseCardChange,
	parseConnection,
	parseDecision,
	parseEvent,
	parseInteraction,
	parseSettings,
	type CardChange,
	type Connection,
	type Decision,
	type EventRecord,
	type Interaction,
	type RawRecord,
	type Settings
} from '$lib/domain/records';
import type { LocalDb } from '$lib/offline/local-store';

export interface NetworkRecords {
	connections: Connection;
	interactions: Interaction;
	card_changes: CardChange;
	events: EventRecord;
	decisions: Decision;
	settings: Settings;
}
export type NetworkCollection = keyof NetworkRecords;

const PARSERS: { [C in NetworkCollection]: (record: RawRecord) => NetworkRecords[C] } = {
	connections: parseConnection,
	interactions: parseInteraction,
	card_changes: parseCardChange,
	events: parseEvent,
	decisions: parseDecision,
	settings: parseSettings
};

export const NETWORK_COLLECTIONS = Object.keys(PARSERS) as NetworkCollection[];

export function isNetworkCollection(collection: string): collection is NetworkCollection {
	return (NETWORK_COLLECTIONS as string[]).includes(collection);
}

/** Every live record of a collection, by id. */
export async function readCollection<C extends NetworkCollection>(
	db: LocalDb,
	collection: C
): Promise<Map<string, NetworkRecords[C]>> {
	const parse = PARSERS[collection];
	const map = new Map<string, NetworkRecords[C]>();
	for (const record of await db.getAll(collection)) {
		if (!isTombstone(record)) map.set(record.id, parse(record));
	}
	return map;
}

/** Some records by id: each parsed, or undefined when it is gone or a tombstone. */
export async function readRecords<C extends NetworkCollection>(
	db: LocalDb,
	collection: C,
	ids: readonly string[]
): Promise<[string, NetworkRecords[C] | undefined][]> {
	const parse = PARSERS[collection];
	const tx = db.transaction(collection);
	const records = await Promise.all(ids.map((id) => tx.store.get(id)));
	return ids.map((id, i) => {
		const record = records[i];
		return [id, record && !isTombstone(record) ? parse(record) : undefined];
	});
}
