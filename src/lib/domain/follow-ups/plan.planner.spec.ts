// createPlanner() plans what plan() plans: over seeded random networks (duplicate ids, odd times,
// events, introductions, card changes), a sequence of inputs where only decisions, the daily cap,
// the default cadence, my card, the events, the card changes, the time zone or `now` (the same day
// or another) change (the interaction pass reused; the candidates too for decisions, the cap and
// the same day) and where the interactions or connections change (a new array: read again). A
// failure names its seed and step.
import { describe, expect, it } from 'vitest';
import { prng } from '../../testing/prng';
import type { Cadence, InteractionKind } from '../records';
import { createPlanner, eventFollowUps, plan } from './plan';
import { cardChange, decision, event, interaction, network, person } from './testing/network';
import type { Plan, PlanInput } from './types';

const DAY = 86_400_000;
const CADENCES: Cadence[] = ['', 'close', 'regular', 'occasional', 'none'];
const KINDS: InteractionKind[] = [
	'met',
	'note',
	'gave',
	'asked',
	'introduced',
	'conversation',
	'followed_up'
];
const WORDS = ['rust', 'hiring', 'design', 'investors', 'climate', 'mentoring'];

/** What a plan shows and holds, compared whole (nextFor as its entries). */
function seen(result: Plan): unknown {
	return {
		plan: JSON.parse(JSON.stringify(result)) as unknown,
		nextFor: JSON.parse(JSON.stringify([...result.nextFor])) as unknown
	};
}

function randomSequence(seed: number): { label: string; input: PlanInput }[] {
	const random = prng(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	const chance = (p: number) => random() < p;
	const now = Date.parse('2026-03-01T00:00:00.000Z') + Math.floor(random() * 365 * DAY);
	const iso = (ms: number) => new Date(ms).toISOString();
	const phrase = () => (chance(0.3) ? '' : `${pick(WORDS)} ${pick(WORDS)}`);
	// Few ids for many connections: the same id often comes twice (a forgotten or resting one).
	const ids = Array.from({ length: 2 + Math.floor(random() * 10) }, (_, i) => `p${seed}x${i}`);
	const events = [event('e1', 'DevConf'), event('e2', 'PyCon', iso(now - 30 * DAY))];
	const someone = () =>
		person(pick(ids), {
			event: pick(['e1', 'e2', '', 'gone']),
			metAt: chance(0.03) ? 'not a time' : iso(now - Math.floor(random() * 400 * DAY)),
			cadence: pick(CADENCES),
			archived: chance(0.1),
			deleted: chance(0.15) ? iso(now) : '',
			memoryNote: chance(0.5) ? 'Talked about rust' : '',
			promise: chance(0.2) ? 'send the article' : '',
			snapshot: {
				name: `Name ${seed}`,
				canHelpWith: phrase(),
				lookingFor: phrase(),
				links: chance(0.5) ? [{ kind: 'email', url: `mailto:${seed}@x.org` }] : []
			}
		});
	const happened = () => {
		const at = chance(0.05) ? '' : iso(now - Math.floor(random() * 300 * DAY));
		return interaction(chance(0.25) ? [pick(ids), pick(ids)] : [pick(ids)], at, {
			kind: pick(KINDS),
			deleted: chance(0.1) ? iso(now) : ''
		});
	};
	const connections = Array.from({ length: 2 + Math.floor(random() * 14) }, someone);
	const interactions = Array.from({ length: Math.floor(random() * 40) }, happened);
	const changed = (n: number) =>
		cardChange(`g${seed}x${n}`, pick(ids), iso(now - Math.floor(random() * 40 * DAY)), [
			{ field: pick(['headline', 'company'] as const), from: 'Engineer', to: 'CTO' }
		]);
	let input = network({
		now: iso(now),
		events,
		cardChanges: Array.from({ length: Math.floor(random() * 3) }, (_, n) => changed(n)),
		connections,
		interactions,
		me: { canHelpWith: phrase(), lookingFor: phrase() },
		settings: { dailyCap: 1 + Math.floor(random() * 5), defaultCadence: 'regular' }
	});
	const steps = [{ label: 'first', input }];
	const step = (label: string, change: Partial<PlanInput>) => {
		input = { ...input, ...change };
		steps.push({ label, input });
	};
	for (let n = 0; n < 16; n++) {
		const r = random();
		if (r < 0.25) {
			const prompts = plan(input).all;
			const decided = prompts.filter(() => chance(0.3));
			step('decisions', {
				decisions: input.decisions.concat(
					decided.map((p) =>
						decision(p.id, pick(['done', 'snoozed', 'dismissed', 'open']), {
							until: iso(now + Math.floor(random() * 20 * DAY)),
							updated: iso(now + n * 1000)
						})
					)
				)
			});
		} else if (r < 0.32) {
			step('cap', { settings: { ...input.settings, dailyCap: Math.floor(random() * 8) - 1 } });
		} else if (r < 0.38) {
			step('cadence', {
				settings: {
					...input.settings,
					defaultCadence: pick(['close', 'regular', 'occasional', 'none'] as const)
				}
			});
		} else if (r < 0.45) {
			step('now', { now: input.now + Math.floor(random() * 40 * DAY) });
		} else if (r < 0.5) {
			step('same day', { now: input.now + Math.floor(random() * 3_600_000) });
		} else if (r < 0.54) {
			step('zone', { timeZone: pick(['UTC', 'Europe/Berlin', 'Pacific/Auckland', 'Bad/Zone']) });
		} else if (r < 0.6) {
			const field = pick(['name', 'canHelpWith', 'lookingFor'] as const);
			step('me', { me: { ...input.me, [field]: phrase() } });
		} else if (r < 0.64) {
			step('events', {
				events: chance(0.5)
					? input.events.slice(1)
					: input.events.concat(event('gone', `Gone ${n}`, iso(now - n * DAY)))
			});
		} else if (r < 0.68) {
			step('card changes', { cardChanges: input.cardChanges.concat(changed(100 + n)) });
		} else if (r < 0.84) {
			const next = input.interactions.slice(chance(0.3) ? 1 : 0);
			next.push(happened());
			step('interactions', { interactions: next });
		} else {
			const next = input.connections.slice();
			next.splice(Math.floor(random() * next.length), chance(0.5) ? 1 : 0, someone());
			step('connections', { connections: next });
		}
	}
	return steps;
}

describe('createPlanner', () => {
	it('plans what plan() plans, step after step, whatever changed', () => {
		for (let seed = 1; seed <= 100; seed++) {
			const planner = createPlanner();
			for (const [n, { label, input }] of randomSequence(seed).entries()) {
				const context = `seed ${seed} step ${n} (${label})`;
				const expected = plan(input);
				const result = planner.plan(input);
				expect(seen(result), context).toEqual(seen(expected));
				expect(planner.eventFollowUps(input, result), context).toEqual(
					eventFollowUps(input, expected)
				);
				// And from a plan it did not make (the lists read for themselves, or from its reading).
				expect(planner.eventFollowUps(input, expected), context).toEqual(
					eventFollowUps(input, expected)
				);
			}
		}
	});

	it('reads the interactions once while they and the connections are the same arrays', () => {
		const base = randomSequence(7)[0]?.input as PlanInput;
		let reads = 0;
		const counted = (list: PlanInput['interactions']) =>
			new Proxy(list, {
				get(target, key, receiver) {
					reads++;
					return Reflect.get(target, key, receiver) as unknown;
				}
			});
		const input = { ...base, interactions: counted(base.interactions) };
		const planner = createPlanner();
		planner.eventFollowUps(input, planner.plan(input));
		expect(reads).toBeGreaterThan(0);
		reads = 0;
		for (const change of [
			{ decisions: [decision('thank_you:x:2026-01-01', 'done')] },
			{ settings: { dailyCap: 1, defaultCadence: 'close' as const } },
			{ now: input.now + 3 * DAY },
			{ me: { ...input.me, lookingFor: 'rust' } },
			{ events: input.events.slice(1) },
			{ cardChanges: [] }
		]) {
			const next = { ...input, ...change };
			const result = planner.plan(next);
			expect(seen(result)).toEqual(seen(plan({ ...next, interactions: base.interactions })));
			planner.eventFollowUps(next, result);
		}
		expect(reads).toBe(0);
		planner.plan({ ...input, interactions: counted(base.interactions.slice()) });
		expect(reads).toBeGreaterThan(0);
	});

	it('makes the candidates once across decisions, a new cap and the same day; again on a new day', () => {
		const base = randomSequence(11)[0]?.input as PlanInput;
		let reads = 0;
		// The card changes are read only when the candidates are made.
		const plain = [
			cardChange('g1', base.connections[0]?.id ?? 'x', new Date(base.now).toISOString(), [
				{ field: 'company', from: 'A', to: 'B' }
			])
		];
		const cardChanges = new Proxy(plain, {
			get(target, key, receiver) {
				reads++;
				return Reflect.get(target, key, receiver) as unknown;
			}
		});
		const input = { ...base, cardChanges };
		const planner = createPlanner();
		planner.plan(input);
		expect(reads).toBeGreaterThan(0);
		reads = 0;
		for (const change of [
			{ decisions: [decision('thank_you:x:2026-01-01', 'done')] },
			{ settings: { ...input.settings, dailyCap: 2 } },
			{ now: input.now + 1000 }
		]) {
			const next = { ...input, ...change };
			const result = seen(planner.plan(next));
			expect(result).toEqual(seen(plan({ ...next, cardChanges: plain })));
		}
		expect(reads).toBe(0);
		planner.plan({ ...input, now: input.now + 2 * DAY });
		expect(reads).toBeGreaterThan(0);
	});
});
