// plan() makes the prompts due by the last day it shows at once and the rest when `all` or a
// `nextFor` beyond them is first read: whatever is read first, and in whatever order, the plan is
// the one planning every prompt at once gives (planAtOnce). Seeded random networks, with tight
// caps (so the overflow rolls past the window), snoozes across it, meetings ahead of the clock,
// duplicate ids, introductions and card changes; a failure names its seed.
import { describe, expect, it } from 'vitest';
import { prng } from '../../testing/prng';
import type { Cadence, InteractionKind } from '../records';
import { addDays } from './dates';
import { COMING_UP_DAYS, plan, planAtOnce } from './plan';
import { cardChange, decision, interaction, network, person } from './testing/network';
import type { PlanInput, Prompt } from './types';

const DAY = 86_400_000;
const CADENCES: Cadence[] = ['', 'close', 'regular', 'occasional', 'none'];
const KINDS: InteractionKind[] = ['met', 'note', 'gave', 'asked', 'introduced', 'conversation'];
const OFFERS = ['rust hiring', 'design', 'investors climate', ''];

function randomNetwork(seed: number): PlanInput {
	const random = prng(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	const chance = (p: number) => random() < p;
	const now = Date.parse('2026-01-01T08:00:00.000Z') + Math.floor(random() * 365 * DAY);
	const iso = (ms: number) => new Date(ms).toISOString();
	const count = 1 + Math.floor(random() * 40);
	const ids = Array.from({ length: count }, (_, i) => `p${seed}x${i}`);
	const connections = Array.from({ length: count + Math.floor(random() * 4) }, (_, i) =>
		person(i < count ? (ids[i] ?? 'x') : pick(ids), {
			// Mostly the past, a few ahead of the clock (a give due after the window).
			metAt: iso(now - Math.floor((random() * 1.05 - 0.05) * 400 * DAY)),
			cadence: pick(CADENCES),
			archived: chance(0.05),
			deleted: chance(0.05) ? iso(now) : '',
			memoryNote: chance(0.3) ? '' : 'Talked about rust',
			promise: chance(0.15) ? 'send the article' : '',
			snapshot: { canHelpWith: pick(OFFERS), lookingFor: pick(OFFERS) }
		})
	);
	const interactions = Array.from({ length: Math.floor(random() * 60) }, () =>
		interaction(
			chance(0.2) ? [pick(ids), pick(ids)] : [pick(ids)],
			iso(now - Math.floor(random() * 300 * DAY)),
			{ kind: pick(KINDS), deleted: chance(0.1) ? iso(now) : '' }
		)
	);
	const cardChanges = Array.from({ length: Math.floor(random() * 5) }, (_, i) =>
		cardChange(`chg${i % 3}`, pick(ids), iso(now - Math.floor(random() * 40 * DAY)), [
			{ field: pick(['headline', 'company']), from: 'A', to: 'B' }
		])
	);
	const base = { now: iso(now), connections, interactions, cardChanges, timeZone: 'UTC' };
	// Decisions on prompts that exist: snoozes into the window, across it and far past it.
	const decisions = planAtOnce(network(base))
		.all.filter(() => chance(0.25))
		.map((p) =>
			decision(p.id, pick(['done', 'snoozed', 'snoozed', 'dismissed']), {
				until: iso(now + Math.floor(random() * 3 * COMING_UP_DAYS * DAY)),
				updated: iso(now - DAY)
			})
		);
	return network({
		...base,
		timeZone: pick(['UTC', 'Europe/Berlin', 'Pacific/Auckland']),
		me: { canHelpWith: pick(OFFERS), lookingFor: pick(OFFERS) },
		settings: {
			dailyCap: 1 + Math.floor(random() * 3),
			defaultCadence: pick(['close', 'regular', 'occasional'] as const)
		},
		decisions
	});
}

const text = (prompts: readonly Prompt[]) => JSON.stringify(prompts);

describe('plan: the prompts made late are the prompts made at once', () => {
	it('all, todays, comingUp and nextFor equal planning everything at once', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const input = randomNetwork(seed);
			const context = `seed ${seed}`;
			const eager = planAtOnce(input);
			const ids = [...new Set(input.connections.map((c) => c.id)), 'nobody'];
			// nextFor read before all, one id at a time (each may need the rest, or not).
			const first = plan(input);
			for (const id of ids) {
				expect(first.nextFor.get(id)?.id, `${context} ${id}`).toBe(eager.nextFor.get(id)?.id);
				expect(first.nextFor.has(id), `${context} ${id}`).toBe(eager.nextFor.has(id));
			}
			expect(text(first.all), context).toBe(text(eager.all));
			// all read first; the map iterated whole.
			const second = plan(input);
			expect(text(second.all), context).toBe(text(eager.all));
			expect(second.nextFor.size, context).toBe(eager.nextFor.size);
			expect(
				[...second.nextFor].map(([id, p]) => [id, p.id]),
				context
			).toEqual([...eager.nextFor].map(([id, p]) => [id, p.id]));
			for (const p of second.nextFor.values()) expect(second.all.includes(p), context).toBe(true);
			expect(second.nextFor.get(second.all[0]?.people[0] ?? ''), context).toBe(
				second.all[0] && second.nextFor.get(second.all[0].people[0] ?? '')
			);
			// todays and comingUp are the start of all, by day.
			const lastShown = addDays(second.today, COMING_UP_DAYS);
			const shown = eager.all.filter((p) => p.day <= lastShown && p.day >= second.today);
			expect(text([...second.todays, ...second.comingUp]), context).toBe(text(shown));
			expect(JSON.stringify(second), context).toBe(JSON.stringify(plan(input)));
		}
	}, 30_000);
});
