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

function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A candidate's rank among those competing for one day, as one number: higher priority first,
 * then earlier due (priorities are whole numbers up to a few hundred and |due| is at most 10^8
 * days, so the key is exact). Equal keys are broken by id.
 */
function rankOf(c: Candidate): number {
	return c.due - c.priority * 1e9;
}

/** What schedule() planned: candidates in planned order, each with its day (same index). */
export interface Scheduled {
	planned: Candidate[];
	days: DayNumber[];
	/** What was still unplanned after `lastDay` (its order means nothing). */
	rest: Candidate[];
}

/**
 * Plans every candidate on a day from `today` on: each day, everything due on or before it
 * competes, the `cap` that outrank the rest take it, the others roll to the next day. Days with
 * nothing due are skipped to the next due day, so far-off prompts (a check-in in six months) land
 * on their due day and a backlog keeps rolling, as many days as it takes: nothing is dropped.
 * Planning stops after `lastDay` (what day d takes depends only on what is due by d, so the days
 * planned up to it are those a plan of every candidate gives them); the rest is left in `rest`.
 */
export function schedule(
	candidates: readonly Candidate[],
	today: DayNumber,
	cap: number,
	lastDay: DayNumber = Infinity
): Scheduled {
	const count = candidates.length;
	const dues = new Float64Array(count);
	const ranks = new Float64Array(count);
	// Everything due by the first day competes on it at once: the heap orders those (made in one
	// pass); only the later ones are sorted, by due (then priority, then id).
	const first: number[] = [];
	const later: number[] = [];
	for (let i = 0; i < count; i++) {
		const c = candidates[i] as Candidate;
		dues[i] = c.due;
		ranks[i] = rankOf(c);
		if (c.due <= today && today <= lastDay) first.push(i);
		else later.push(i);
	}
	const idOf = (i: number) => (candidates[i] as Candidate).id;
	const order = Uint32Array.from(later).sort(
		(a, b) =>
			(dues[a] ?? 0) - (dues[b] ?? 0) ||
			(ranks[a] ?? 0) - (ranks[b] ?? 0) ||
			compareIds(idOf(a), idOf(b))
	);
	const outranks = (a: number, b: number) => {
		const ra = ranks[a] ?? 0;
		const rb = ranks[b] ?? 0;
		return ra !== rb ? ra < rb : compareIds(idOf(a), idOf(b)) < 0;
	};
	const waiting = new Heap(outranks, first);
	const queued = order.length;
	const planned: Candidate[] = [];
	const days: DayNumber[] = [];
	let next = 0;
	let day = today;
	while ((next < queued || waiting.size) && day <= lastDay) {
		if (!waiting.size) day = Math.max(day, dues[order[next] ?? 0] ?? day);
		if (day > lastDay) break;
		for (; next < queued && (dues[order[next] ?? 0] ?? 0) <= day; next++) {
			waiting.push(order[next] ?? 0);
		}
		for (let taken = 0; taken < cap && waiting.size; taken++) {
			planned.push(candidates[waiting.pop()] as Candidate);
			days.push(day);
		}
		day++;
	}
	const rest: Candidate[] = [];
	for (const i of waiting.items) rest.push(candidates[i] as Candidate);
	for (; next < queued; next++) rest.push(candidates[order[next] ?? 0] as Candidate);
	return { planned, days, rest };
}

/** A binary heap of indexes: `pop` returns the one that outranks every other (the heap is not empty). */
class Heap {
	readonly items: number[];
	readonly #outranks: (a: number, b: number) => boolean;

	/** A heap of `items` (taken, not copied), ordered in one pass from the last parent up. */
	constructor(outranks: (a: number, b: number) => boolean, items: number[] = []) {
		this.#outranks = outranks;
		this.items = items;
		for (let i = (items.length >> 1) - 1; i >= 0; i--) this.#down(i, items[i] ?? 0, items.length);
	}

	get size(): number {
		return this.items.length;
	}

	push(item: number): void {
		const items = this.items;
		let i = items.push(item) - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			const above = items[parent] ?? 0;
			if (!this.#outranks(item, above)) break;
			items[i] = above;
			i = parent;
		}
		items[i] = item;
	}

	pop(): number {
		const items = this.items;
		const top = items[0] ?? 0;
		const last = items.pop() ?? 0;
		const size = items.length;
		if (size) this.#down(0, last, size);
		return top;
	}

	/** Puts `item` at `i` and sifts it down among the first `size` items. */
	#down(start: number, item: number, size: number): void {
		const items = this.items;
		let i = start;
		for (;;) {
			const left = 2 * i + 1;
			if (left >= size) break;
			const right = left + 1;
			let best = left;
			if (right < size && this.#outranks(items[right] ?? 0, items[left] ?? 0)) best = right;
			const child = items[best] ?? 0;
			if (!this.#outranks(child, item)) break;
			items[i] = child;
			i = best;
		}
		items[i] = item;
	}
}
