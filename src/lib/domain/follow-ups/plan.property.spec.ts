// Properties of plan() over 1,000 random networks from a seeded PRNG (mulberry32): whatever the
// network, the invariants of the contract hold. A failure names its seed, so it replays.
import { describe, expect, it } from 'vitest';
import { prng } from '../../testing/prng';
import type { Cadence, InteractionKind } from '../records';
import { daysBetween } from './dates';
import { plan } from './plan';
import { cardChange, decision, interaction, network, person } from './testing/network';
import { DAILY_CAP_MAX, type PlanInput, type PromptKind } from './types';

const ZONES = [
	'UTC',
	'Europe/Berlin',
	'America/New_York',
	'Pacific/Auckland',
	'Asia/Kolkata',
	'Bad/Zone'
];
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
const WORDS = ['rust', 'hiring', 'design', 'investors', 'climate', 'mentoring', 'the', 'a', 'AI'];
const DAY = 86_400_000;

function randomNetwork(seed: number): PlanInput {
	const random = prng(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	const chance = (p: number) => random() < p;
	const now = Date.parse('2026-01-01T00:00:00.000Z') + Math.floor(random() * 730 * DAY);
	const iso = (ms: number) => new Date(ms).toISOString();
	const phrase = () => (chance(0.3) ? '' : `${pick(WORDS)} ${pick(WORDS)}`);
	const count = 1 + Math.floor(random() * 12);
	const ids = Array.from({ length: count }, (_, i) => `p${seed}x${i}`);
	const connections = ids.map((id) =>
		person(id, {
			metAt: iso(now - Math.floor(random() * 800 * DAY)),
			cadence: pick(CADENCES),
			archived: chance(0.1),
			deleted: chance(0.1) ? iso(now) : '',
			memoryNote: chance(0.3) ? '' : phrase(),
			promise: chance(0.2) ? 'send the article' : '',
			snapshot: {
				name: chance(0.1) ? '' : `Name ${id}`,
				canHelpWith: phrase(),
				lookingFor: phrase(),
				links: chance(0.5) ? [{ kind: 'email', url: `mailto:${id}@x.org` }] : []
			}
		})
	);
	const interactions = Array.from({ length: Math.floor(random() * 20) }, () =>
		interaction(
			chance(0.2) ? [pick(ids), pick(ids)] : [pick(ids)],
			iso(now - Math.floor(random() * 400 * DAY)),
			{ kind: pick(KINDS), deleted: chance(0.15) ? iso(now) : '' }
		)
	);
	const cardChanges = Array.from({ length: Math.floor(random() * 4) }, (_, i) =>
		cardChange(`chg${i}`, pick(ids), iso(now - Math.floor(random() * 40 * DAY)), [
			{ field: pick(['headline', 'company', 'name']), from: 'A', to: 'B' }
		])
	);
	const first = plan(
		network({ now: iso(now), connections, interactions, cardChanges, timeZone: 'UTC' })
	);
	// Decisions on prompts that exist (and some that do not).
	const decisions = first.all
		.filter(() => chance(0.3))
		.map((p) =>
			decision(chance(0.9) ? p.id : `${p.id}-gone`, pick(['done', 'snoozed', 'dismissed']), {
				until: iso(now + Math.floor(random() * 20 * DAY)),
				updated: iso(now - DAY),
				deleted: chance(0.1) ? iso(now) : ''
			})
		);
	return network({
		now: iso(now),
		timeZone: pick(ZONES),
		me: { canHelpWith: phrase(), lookingFor: phrase() },
		settings: {
			dailyCap: Math.floor(random() * 8) - 1,
			defaultCadence: pick(['close', 'regular', 'occasional', 'none'] as const)
		},
		connections,
		interactions,
		cardChanges,
		decisions
	});
}

const MET_ANCHORED: PromptKind[] = ['needs_note', 'thank_you', 'promise', 'give', 'introduce'];

describe('plan over 1,000 random networks', () => {
	it('keeps every invariant of the contract', () => {
		for (let seed = 1; seed <= 1000; seed++) {
			const input = randomNetwork(seed);
			const result = plan(input);
			const context = `seed ${seed}`;
			const byId = new Map(input.connections.map((c) => [c.id, c]));
			const ids = result.all.map((p) => p.id);
			expect(new Set(ids).size, context).toBe(ids.length);
			const cap = Math.min(DAILY_CAP_MAX, Math.max(1, input.settings.dailyCap));
			expect(result.todays.length, context).toBeLessThanOrEqual(cap);
			const perDay = new Map<string, number>();
			for (const p of result.comingUp) perDay.set(p.day, (perDay.get(p.day) ?? 0) + 1);
			for (const n of perDay.values()) expect(n, context).toBeLessThanOrEqual(cap);
			const inAll = new Set(ids);
			for (const p of [...result.todays, ...result.comingUp])
				expect(inAll.has(p.id), context).toBe(true);
			for (const p of result.all) {
				expect(p.id.length, context).toBeLessThanOrEqual(200);
				expect(p.day >= p.due, context).toBe(true);
				expect(p.day >= result.today, context).toBe(true);
				for (const id of p.people) {
					const c = byId.get(id);
					const cadence = c?.cadence || input.settings.defaultCadence;
					expect(c && !c.deleted && !c.archived && cadence !== 'none', `${context} ${p.id}`).toBe(
						true
					);
				}
				const met = byId.get(p.people[0] ?? '')?.metAt ?? '';
				if (MET_ANCHORED.includes(p.kind)) {
					const metDay = p.id.split(':')[2] ?? '';
					if (/^\d{4}-/.test(metDay)) expect(p.due >= metDay, context).toBe(true);
					expect(met, context).not.toBe('');
				}
				if (p.kind === 'check_in') {
					expect(daysBetween(p.id.split(':')[2] ?? '', p.due), context).toBeGreaterThan(0);
				}
				const text = `${p.draft.subject}\n${p.draft.body}\n${p.why}`;
				expect(text, context).not.toMatch(/undefined|null|\[|\{|""|‘’/);
				expect(p.draft.body.length, context).toBeLessThan(600);
				expect(p.draft.body.trim(), context).not.toBe('');
			}
			expect(JSON.stringify(plan(input)), context).toBe(JSON.stringify(result));
		}
	});
});
