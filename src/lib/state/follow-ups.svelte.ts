// The follow-up plan as reactive state: the engine (domain/follow-ups) run over the read model of
// my network, my card, my decisions and settings, for today in this device's time zone. The
// plan is recomputed when any of those change, or when the local day turns (checked every
// minute and whenever the app comes back to the foreground), never more often. The planner keeps
// its pass over the interactions while the read model's interactions and connections are the same
// arrays, so a decision, a setting or the day turning does not read every interaction again.
import { deviceTimeZone } from '$lib/domain/follow-ups/dates';
import { createPlanner } from '$lib/domain/follow-ups/plan';
import type { EventFollowUp, Plan, PlanInput } from '$lib/domain/follow-ups/types';
import { HOME_KEY } from './home';
import { myCard } from './my-card.svelte';
import { network } from './network.svelte';
import { sync } from './sync.svelte';

function dayOf(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

class FollowUps {
	readonly #planner = createPlanner();

	/** The planning instant: moves when the local day turns (or the time zone changes). */
	now = $state(Date.now());
	timeZone = $state(deviceTimeZone());

	input: PlanInput = $derived({
		me: {
			name: myCard.fields.name,
			canHelpWith: myCard.fields.canHelpWith,
			lookingFor: myCard.fields.lookingFor
		},
		connections: network.connections,
		interactions: network.interactions,
		cardChanges: network.cardChanges,
		events: network.events,
		decisions: network.decisions,
		settings: network.settings,
		now: this.now,
		timeZone: this.timeZone
	});

	plan: Plan = $derived(this.#planner.plan(this.input));
	events: EventFollowUp[] = $derived(this.#planner.eventFollowUps(this.input, this.plan));

	/** The plan can be trusted: everything it reads is loaded. */
	get isReady(): boolean {
		return network.isComplete;
	}

	/** Moves the planning day on when the local day (or the time zone) changed. */
	tick(): void {
		const now = Date.now();
		const zone = deviceTimeZone();
		if (dayOf(now) !== dayOf(this.now) || zone !== this.timeZone) {
			this.timeZone = zone;
			this.now = now;
		}
	}
}

export const followUps = new FollowUps();

$effect.root(() => {
	// Today's count in the navigation.
	$effect(() => {
		sync.followUpsToday = followUps.isReady ? followUps.plan.todays.length : null;
	});
	// Where the app opens ("/"): Follow-ups once I have contacts, the swap before.
	$effect(() => {
		if (!followUps.isReady) return;
		localStorage.setItem(HOME_KEY, network.connections.length ? '/follow-ups' : '/swap');
	});
});

if (typeof window !== 'undefined') {
	setInterval(() => followUps.tick(), 60_000);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') followUps.tick();
	});
}
