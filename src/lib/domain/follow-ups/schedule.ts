// Decisions and the daily cap. Invariants: a decision applies to the prompt whose id it names
// (the latest one by `updated` when several do); a prompt is never dropped by the cap, only
// moved to a later day; each day holds at most `cap` prompts; the order is a pure function of
// the candidates (ties always end on the id).
import type { Decision } from '../records';
import { dayNumberOfIso, type DayNumber } from './dates';
import type { Candidate } from './rules';
import { DAILY_CAP_MAX, DAILY_CAP_MIN } from './types';

/** The decision in force per prompt id: tombstones left out, the latest `updated` (then id) wins. */
export function decisionsById(decisions: readonly Decision[]): Map<string, Decision> {
	const byId = new Map<string, Decision>();
	for (const decision of decisions) {
		if (decision.deleted || !decision.promptId) continue;
		const current = byId.get(decision.promptId);
		if (
			!current ||
			decision.updated > current.updated ||
			(decision.updated === current.updated && decision.id > current.id)
		) {
			byId.set(decision.promptId, decision);
		}
	}
	return byId;
}

/**
 * A candidate after its decision: done and dismissed ("not now", for good) are gone; snoozed is
 * due on the local day of `until` (never earlier than it was due) and not late before then. Any
 * other state (an 'open' that undoes a decision, a snooze without a valid `until`) changes nothing.
 */
export function decided(
	candidate: Candidate,
	decision: Decision | undefined,
	timeZone: string
): Candidate | null {
	if (!decision) return candidate;
	const state: string = decision.state;
	if (state === 'done' || state === 'dismissed') return null;
	if (state !== 'snoozed') return candidate;
	const until = dayNumberOfIso(decision.until, timeZone);
	if (Number.isNaN(until)) return candidate;
	const due = Math.max(candidate.due, until);
	return { ...candidate, due, latest: Math.max(candidate.latest, due) };
}

/** The cap in force: a whole number within DAILY_CAP_MIN..DAILY_CAP_MAX (the minimum for nonsense). */
export function clampCap(cap: number): number {
	if (!Number.isFinite(cap)) return DAILY_CAP_MIN;
	return Math.min(DAILY_CAP_MAX, Math.max(DAILY_CAP_MIN, Math.floor(cap)));
}

function byDueThenPriority(a: Candidate, b: Candidate): number {
	return a.due - b.due || b.priority - a.priority || compareIds(a.id, b.id);
}

/** Among prompts competing for one day: higher priority, then earlier due, then id. */
function outranks(a: Candidate, b: Candidate): boolean {
	return a.priority !== b.priority
		? a.priority > b.priority
		: a.due !== b.due
			? a.due < b.due
			: compareIds(a.id, b.id) < 0;
}

function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export interface Planned {
	candidate: Candidate;
	day: DayNumber;
}

/**
 * Plans every candidate on a day from `today` on: each day, everything due on or before it
 * competes, the `cap` that outrank the rest take it, the others roll to the next day. Days with
 * nothing due are skipped to the next due day, so far-off prompts (a check-in in six months) land
 * on their due day and a backlog keeps rolling, as many days as it takes: nothing is dropped.
 */
export function schedule(
	candidates: readonly Candidate[],
	today: DayNumber,
	cap: number
): Planned[] {
	const sorted = [...candidates].sort(byDueThenPriority);
	const waiting = new Heap<Candidate>(outranks);
	const planned: Planned[] = [];
	let next = 0;
	let day = today;
	while (next < sorted.length || waiting.size) {
		if (!waiting.size) day = Math.max(day, sorted[next]?.due ?? day);
		for (let c = sorted[next]; c && c.due <= day; c = sorted[++next]) waiting.push(c);
		for (let taken = 0; taken < cap && waiting.size; taken++) {
			const candidate = waiting.pop();
			if (candidate) planned.push({ candidate, day });
		}
		day++;
	}
	return planned;
}

/** A binary heap: `pop` returns the item that outranks every other. */
class Heap<T> {
	readonly #items: T[] = [];
	readonly #outranks: (a: T, b: T) => boolean;

	constructor(outranks: (a: T, b: T) => boolean) {
		this.#outranks = outranks;
	}

	get size(): number {
		return this.#items.length;
	}

	push(item: T): void {
		const items = this.#items;
		let i = items.push(item) - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			const above = items[parent];
			if (above === undefined || !this.#outranks(item, above)) break;
			items[i] = above;
			i = parent;
		}
		items[i] = item;
	}

	pop(): T | undefined {
		const items = this.#items;
		const top = items[0];
		const last = items.pop();
		if (!items.length || last === undefined) return top;
		let i = 0;
		for (;;) {
			const left = 2 * i + 1;
			const right = left + 1;
			let best = left;
			const l = items[left];
			const r = items[right];
			if (l === undefined) break;
			if (r !== undefined && this.#outranks(r, l)) best = right;
			const child = items[best];
			if (child === undefined || !this.#outranks(child, last)) break;
			items[i] = child;
			i = best;
		}
		items[i] = last;
		return top;
	}
}
