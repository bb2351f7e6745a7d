// The engine's shortcuts give what the long way gives: drafts made on first read are the same
// whenever (and in whatever order) they are read, and the post-event lists read from the plan's
// own pass over the interactions equal the lists made by a pass of their own. Random networks
// from a seeded PRNG, with duplicate ids, odd times and events; a failure names its seed.
import { describe, expect, it } from 'vitest';
import { prng } from '../../testing/prng';
import type { Cadence, InteractionKind } from '../records';
import { eventFollowUps, plan } from './plan';
import { event, interaction, network, person } from './testing/network';
import type { PlanInput } from './types';

const DAY = 86_400_000;
const CADENCES: Cadence[] = ['', 'close', 'regular', 'none'];
const KINDS: InteractionKind[] = ['met', 'note', 'gave', 'asked', 'introduced', 'followed_up'];

function randomNetwork(seed: number): PlanInput {
	const random = prng(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	const now = Date.parse('2026-03-01T00:00:00.000Z') + Math.floor(random() * 365 * DAY);
	const iso = (ms: number) => new Date(ms).toISOString();
	// Few ids for many connections: the same id often comes twice (a forgotten and a live one).
	const ids = Array.from({ length: 2 + Math.floor(random() * 8) }, (_, i) => `p${seed}x${i}`);
	const events = [event('e1', 'DevConf'), event('e2', 'PyCon', iso(now - 30 * DAY))];
	const connections = Array.from({ length: 2 + Math.floor(random() * 12) }, () =>
		person(pick(ids), {
			event: pick(['e1', 'e2', '', 'gone']),
			metAt: iso(now - Math.floor(random() * 60 * DAY)),
			cadence: pick(CADENCES),
			archived: random() < 0.1,
			deleted: random() < 0.2 ? iso(now) : '',
			memoryNote: random() < 0.5 ? 'Talked about rust' : '',
			snapshot: {
				name: `Name ${seed}`,
				canHelpWith: pick(['rust hiring', 'design', '']),
				lookingFor: pick(['hiring', 'design help', '']),
				links: random() < 0.5 ? [{ kind: 'email', url: `mailto:${seed}@x.org` }] : []
			}
		})
	);
	const interactions = Array.from({ length: Math.floor(random() * 25) }, () => {
		const at = random() < 0.05 ? '' : iso(now - Math.floor(random() * 90 * DAY));
		return interaction(random() < 0.2 ? [pick(ids), pick(ids)] : [pick(ids)], at, {
			kind: pick(KINDS),
			deleted: random() < 0.1 ? iso(now) : ''
		});
	});
	return network({ now: iso(now), events, connections, interactions });
}

describe('plan: the shortcuts change nothing', () => {
	it('drafts read late, in any order, are the drafts read at once', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const input = randomNetwork(seed);
			const first = plan(input);
			const second = plan(input);
			for (const p of [...second.all].reverse()) expect(p.draft).toBe(p.draft);
			expect(JSON.stringify(second), `seed ${seed}`).toBe(JSON.stringify(first));
			for (const p of first.all) expect({ ...p }, `seed ${seed}`).toEqual(p);
		}
	});

	it('the post-event lists from the plan’s own reading equal those from a pass of their own', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const input = randomNetwork(seed);
			const result = plan(input);
			// A plan made from another (equal) input is not read from: the lists read for themselves.
			const own = eventFollowUps({ ...input }, result);
			expect(eventFollowUps(input, result), `seed ${seed}`).toEqual(own);
		}
	});
});
