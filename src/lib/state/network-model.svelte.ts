// The read model of my network: the device's connections, interactions, card changes and events
// as typed records in memory, and the views the screens derive from them (people, a person, their
// timeline and ledger). Screens only wire and render; use cases (services/people.service.ts) write
// through the session, and this model re-reads exactly the records a write named, or a whole
// collection when a sync run changed it.
//
// Loading is in two steps so a list can show at once: connections and events first (`isReady`),
// then interactions, card changes and decisions (`isComplete`), which the ledger, last touch,
// timeline and follow-ups need.
import type { PersonSummary } from '$lib/domain/people-query';
import { tagsInUse } from '$lib/domain/people-query';
import {
	byId,
	changesByPerson,
	decisionsByPrompt,
	interactionsByPerson,
	patched,
	summariseAll,
	timelineOf,
	type TimelineEntry
} from '$lib/domain/network-views';
import type {
	CardChange,
	Connection,
	Decision,
	EventRecord,
	Interaction
} from '$lib/domain/records';
import { DEFAULT_SETTINGS, type FollowUpSettings } from '$lib/domain/follow-ups/types';
import type { CollectionName } from '$lib/offline/schema';
import type { LocalSession } from '$lib/services/local-session';
import {
	isNetworkCollection,
	NETWORK_COLLECTIONS,
	readCollection,
	readRecords,
	type NetworkCollection,
	type NetworkRecords
} from '$lib/services/network-read';

export type { TimelineEntry };

type Maps = { [C in NetworkCollection]: ReadonlyMap<string, NetworkRecords[C]> };

const EMPTY: Maps = {
	connections: byId([]),
	interactions: byId([]),
	card_changes: byId([]),
	events: byId([]),
	decisions: byId([]),
	settings: byId([])
};

export class Network {
	#maps = $state.raw<Maps>(EMPTY);
	/** Connections and events are read: lists can render. */
	isReady = $state(false);
	/** Interactions and card changes are read too: ledgers, last touches and timelines are right. */
	isComplete = $state(false);

	#session: LocalSession | null = null;
	#generation = 0;
	/** Collections not read yet; a change to one of them while it loads means reading it again. */
	#loading: readonly NetworkCollection[] = [];
	#changedWhileLoading: NetworkCollection[] = [];

	#byPerson = $derived(interactionsByPerson(this.#maps.interactions.values()));
	#changesByPerson = $derived(changesByPerson(this.#maps.card_changes.values()));

	/** Everyone in my network (not forgotten), as lists show them. */
	people: PersonSummary[] = $derived(summariseAll(this.#maps.connections.values(), this.#byPerson));

	#peopleById = $derived(byId(this.people));

	/** Every tag I use, most used first. */
	tags = $derived(tagsInUse(this.people));

	/** The events I organise or belong to, newest first. */
	events: EventRecord[] = $derived(
		[...this.#maps.events.values()].sort((a, b) =>
			(b.startsAt || b.created).localeCompare(a.startsAt || a.created)
		)
	);

	// Each collection's map on its own: a change to another collection replaces #maps but not
	// this map, so what is made of it alone is not made again.
	#connections = $derived(this.#maps.connections);
	#interactions = $derived(this.#maps.interactions);

	/**
	 * Every live record of each collection, as lists (the follow-up engine's input). The lists of
	 * connections and of interactions are new arrays only when that collection changed: the
	 * follow-up planner keeps its pass over the interactions while both are the same arrays.
	 */
	connections: Connection[] = $derived([...this.#connections.values()]);
	interactions: Interaction[] = $derived([...this.#interactions.values()]);
	cardChanges: CardChange[] = $derived([...this.#maps.card_changes.values()]);
	decisions: Decision[] = $derived([...this.#maps.decisions.values()]);

	#decisionsByPrompt = $derived(decisionsByPrompt(this.decisions));

	/** My follow-up settings (the defaults until the server's record has arrived). */
	settings: FollowUpSettings = $derived.by(() => {
		const [mine] = this.#maps.settings.values();
		return mine
			? { dailyCap: mine.dailyCap, defaultCadence: mine.defaultCadence }
			: DEFAULT_SETTINGS;
	});

	/** My decision on a prompt (the latest, when devices wrote several). */
	decisionOf(promptId: string): Decision | undefined {
		return this.#decisionsByPrompt.get(promptId);
	}

	/** Reads every derived view (an effect that calls this keeps them all cached). */
	touchViews(): void {
		void this.#peopleById;
		void this.#changesByPerson;
		void this.tags;
		void this.events;
	}

	/** A person by connection id (undefined when not in my network, or forgotten). */
	person(id: string): PersonSummary | undefined {
		return this.#peopleById.get(id);
	}

	/** My connection record of a person. */
	connection(id: string): Connection | undefined {
		return this.#maps.connections.get(id);
	}

	/** The interactions naming a person, newest first. */
	interactionsOf(id: string): readonly Interaction[] {
		return this.#byPerson.get(id) ?? [];
	}

	/** One interaction by id (undefined when deleted or unknown). */
	interaction(id: string): Interaction | undefined {
		return this.#maps.interactions.get(id);
	}

	/** The changes to a person's card, newest first. */
	cardChangesOf(id: string): readonly CardChange[] {
		return this.#changesByPerson.get(id) ?? [];
	}

	/** What happened between us and how their card changed, newest first. */
	timelineOf(id: string): TimelineEntry[] {
		return timelineOf(this.interactionsOf(id), this.cardChangesOf(id));
	}

	/** An event by id. */
	event(id: string): EventRecord | undefined {
		return this.#maps.events.get(id);
	}

	/** Starts following a session's local data (the previous session's data is dropped). */
	async attach(session: LocalSession | null): Promise<void> {
		if (session === this.#session) return;
		this.#session = session;
		const generation = ++this.#generation;
		this.#maps = EMPTY;
		this.isReady = false;
		this.isComplete = false;
		this.#loading = NETWORK_COLLECTIONS;
		this.#changedWhileLoading = [];
		if (!session) return;
		if (!(await this.#load(session, generation, ['connections', 'events', 'settings']))) return;
		this.isReady = true;
		if (!(await this.#load(session, generation, ['interactions', 'card_changes', 'decisions']))) {
			return;
		}
		this.isComplete = true;
	}

	/** Reads whole collections (again, if they changed meanwhile); false when the session changed. */
	async #load(
		session: LocalSession,
		generation: number,
		collections: NetworkCollection[]
	): Promise<boolean> {
		let toRead = collections;
		while (toRead.length) {
			const reading = toRead;
			this.#changedWhileLoading = this.#changedWhileLoading.filter((c) => !reading.includes(c));
			const maps = await Promise.all(reading.map((c) => readCollection(session.db, c)));
			if (generation !== this.#generation) return false;
			const next = { ...this.#maps };
			reading.forEach((c, i) => Object.assign(next, { [c]: maps[i] }));
			this.#maps = next;
			toRead = reading.filter((c) => this.#changedWhileLoading.includes(c));
		}
		this.#loading = this.#loading.filter((c) => !collections.includes(c));
		return true;
	}

	/** Re-reads the records a change named (ids), or the whole collection (null). */
	async refresh(collection: CollectionName, ids: readonly string[] | null): Promise<void> {
		const session = this.#session;
		if (!session || !isNetworkCollection(collection)) return;
		if (this.#loading.includes(collection)) {
			this.#changedWhileLoading.push(collection);
			return;
		}
		const generation = this.#generation;
		if (ids === null) {
			const all = await readCollection(session.db, collection);
			if (generation === this.#generation) this.#maps = { ...this.#maps, [collection]: all };
			return;
		}
		const records = await readRecords(session.db, collection, ids);
		if (generation !== this.#generation) return;
		const current = this.#maps[collection] as ReadonlyMap<string, unknown>;
		this.#maps = { ...this.#maps, [collection]: patched(current, records) };
	}
}
