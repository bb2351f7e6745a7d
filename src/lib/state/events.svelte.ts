// The events I organise or joined, as reactive state over the read model, and the current event:
// the one I picked, else the one running now by this device's clock. It is checked every minute
// and whenever the app comes back to the foreground, and published on the sync manager (a name
// and an id), which the first screen already has: the header shows it, and every swap and my
// code carry it, without loading this module first.
import { currentEvent, isOrganiserOf } from '$lib/domain/events';
import type { EventRecord } from '$lib/domain/records';
import { network } from './network.svelte';
import { sync } from './sync.svelte';

const PICKED_KEY = 'tend:event';

function pickedKey(userId: string): string {
	return `${PICKED_KEY}:${userId}`;
}

function compareEvents(a: EventRecord, b: EventRecord): number {
	// Newest first: by start, then by when it was made.
	return (
		(b.startsAt || b.created).localeCompare(a.startsAt || a.created) || a.id.localeCompare(b.id)
	);
}

class Events {
	/** The planning instant for "running now": moves every minute. */
	now = $state(Date.now());
	/** The event I picked as current (null: the one running now, if any). */
	picked = $state<string | null>(null);

	/** Every event I organise or joined, newest first. */
	all: EventRecord[] = $derived([...network.events].sort(compareEvents));
	current: EventRecord | null = $derived(currentEvent(this.all, this.picked, this.now));

	/** True when the events are read from the device. */
	get isReady(): boolean {
		return network.isReady;
	}

	byId(id: string): EventRecord | undefined {
		return this.all.find((e) => e.id === id);
	}

	isOrganiser(event: EventRecord): boolean {
		return isOrganiserOf(event, sync.session?.userId ?? '');
	}

	/** Makes an event the current one (null: back to the one running now). */
	pick(id: string | null): void {
		this.picked = id;
		const userId = sync.session?.userId;
		if (!userId) return;
		if (id) localStorage.setItem(pickedKey(userId), id);
		else localStorage.removeItem(pickedKey(userId));
	}

	/** Reads this user's pick (on sign-in) and moves the clock on. */
	load(userId: string | null): void {
		this.picked = userId ? localStorage.getItem(pickedKey(userId)) : null;
		this.now = Date.now();
	}

	tick(): void {
		this.now = Date.now();
	}
}

export const events = new Events();

$effect.root(() => {
	$effect(() => events.load(sync.session?.userId ?? null));
	// The first screen's view of the current event (header, swaps, my code).
	$effect(() => {
		const current = events.current;
		sync.currentEvent = current ? { id: current.id, name: current.name } : null;
	});
});

if (typeof window !== 'undefined') {
	setInterval(() => events.tick(), 60_000);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') events.tick();
	});
}
