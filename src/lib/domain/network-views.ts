// The views of my network, built from typed records: people as lists show them, the
// interactions and card changes of each person, a person's timeline. Pure, so the read model
// (state/network-model.svelte.ts) and its specs and benches build them the same way.
import { ledgerOf, type Ledger } from './ledger';
import { searchTextOf, type PersonSummary } from './people-query';
import {
	compareText,
	isPhotoPath,
	type CardChange,
	type Connection,
	type Decision,
	type Interaction
} from './records';
import { lastTouchedAt } from './touch';

/** One entry of a person's timeline: something that happened between us, or a change to their card. */
export type TimelineEntry =
	| { type: 'interaction'; at: string; interaction: Interaction }
	| { type: 'card_change'; at: string; change: CardChange };

const NO_LEDGER: Ledger = { gave: 0, asked: 0 };

export const newestFirst = (a: { at: string }, b: { at: string }) => compareText(b.at, a.at);

/** The interactions naming each person, newest first. */
export function interactionsByPerson(
	interactions: Iterable<Interaction>
): ReadonlyMap<string, Interaction[]> {
	const map = new Map<string, Interaction[]>();
	for (const interaction of interactions) {
		for (const person of interaction.people) {
			const list = map.get(person);
			if (list) list.push(interaction);
			else map.set(person, [interaction]);
		}
	}
	for (const list of map.values()) list.sort(newestFirst);
	return map;
}

/** The card changes of each person (by my connection to them), newest first. */
export function changesByPerson(changes: Iterable<CardChange>): ReadonlyMap<string, CardChange[]> {
	const map = new Map<string, CardChange[]>();
	for (const change of changes) {
		const list = map.get(change.connection);
		if (list) list.push(change);
		else map.set(change.connection, [change]);
	}
	for (const list of map.values()) list.sort((a, b) => compareText(b.created, a.created));
	return map;
}

/** A person as lists show them, from my connection and the interactions naming them. */
export function summarise(
	connection: Connection,
	interactions: readonly Interaction[]
): PersonSummary {
	return {
		id: connection.id,
		connection,
		name: connection.snapshot.name || 'Someone',
		headline: connection.snapshot.headline,
		company: connection.snapshot.company,
		photoPath: isPhotoPath(connection.snapshot.photoUrl) ? connection.snapshot.photoUrl : '',
		lastTouchedAt: lastTouchedAt(connection, interactions),
		ledger: interactions.length ? ledgerOf(interactions, connection.id) : NO_LEDGER,
		searchText: searchTextOf(connection)
	};
}

/** Everyone in my network, as lists show them. */
export function summariseAll(
	connections: Iterable<Connection>,
	byPerson: ReadonlyMap<string, Interaction[]>
): PersonSummary[] {
	const people: PersonSummary[] = [];
	for (const connection of connections) {
		people.push(summarise(connection, byPerson.get(connection.id) ?? []));
	}
	return people;
}

/** What happened between us and how their card changed, newest first. */
export function timelineOf(
	interactions: readonly Interaction[],
	changes: readonly CardChange[]
): TimelineEntry[] {
	const entries: TimelineEntry[] = [
		...interactions.map((interaction) => ({
			type: 'interaction' as const,
			at: interaction.at,
			interaction
		})),
		...changes.map((change) => ({ type: 'card_change' as const, at: change.created, change }))
	];
	return entries.sort(newestFirst);
}

/** A copy of a map with some keys set (to a value) or removed (to undefined). */
export function patched<T>(
	map: ReadonlyMap<string, T>,
	changes: Iterable<[string, T | undefined]>
): ReadonlyMap<string, T> {
	const next = new Map(map);
	for (const [key, value] of changes) {
		if (value === undefined) next.delete(key);
		else next.set(key, value);
	}
	return next;
}

/** Each prompt's decision: the latest `updated` when devices wrote several. */
export function decisionsByPrompt(decisions: Iterable<Decision>): ReadonlyMap<string, Decision> {
	const map = new Map<string, Decision>();
	for (const decision of decisions) {
		const seen = map.get(decision.promptId);
		if (!seen || seen.updated.localeCompare(decision.updated) < 0) {
			map.set(decision.promptId, decision);
		}
	}
	return map;
}

/** A map of records by id. */
export function byId<T extends { id: string }>(records: Iterable<T>): ReadonlyMap<string, T> {
	const map = new Map<string, T>();
	for (const record of records) map.set(record.id, record);
	return map;
}
