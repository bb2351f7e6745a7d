// A seeded random network for the export specs: people with awkward cards and notes, events,
// interactions, card changes, decisions on real prompts, settings and my card, all built through
// the real parsers. The same seed always gives the same network.
import { prng } from '../../testing/prng';
import { CARD_LIMITS } from '../card';
import { plan } from '../follow-ups/plan';
import { cardChange, decision, event, interaction, network } from '../follow-ups/testing/network';
import type { PlanInput } from '../follow-ups/types';
import { cleanTag } from '../people-query';
import {
	CADENCES,
	CHANNELS,
	INTERACTION_KINDS,
	parseCard,
	parseConnection,
	parseSettings,
	parseShareBack,
	type CardRecord,
	type Connection,
	type Settings,
	type ShareBack
} from '../records';
import { AWKWARD_TEXT } from './awkward-text';

export const OWNER = 'useruseruser001';
export const NOW = '2026-09-01T10:00:00.000Z';

export interface RandomNetwork {
	input: PlanInput;
	card: CardRecord;
	settings: Settings;
	shareBacks: ShareBack[];
}

/** A seeded random network of `size` people (some forgotten) at NOW, in Europe/Berlin. */
export function randomNetwork(seed: number, size = 30): RandomNetwork {
	const random = prng(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	const chance = (p: number) => random() < p;
	const idOf = (prefix: string, n: number) =>
		`${prefix}${String(n).padStart(15 - prefix.length, '0')}`;
	/** Words of at most `max` code points (a card field's limit: the server's snapshots keep them). */
	const within = (max: number) => Array.from(words()).slice(0, max).join('');
	const words = () =>
		chance(0.3) ? pick(AWKWARD_TEXT)[1] : pick(['Ann', 'gardens', 'robots', 'Zoë']);
	const dayIn2026 = () => {
		const ms = Date.parse('2026-01-01T00:00:00.000Z') + Math.floor(random() * 240) * 86_400_000;
		return new Date(ms + Math.floor(random() * 86_400) * 1000).toISOString();
	};

	const events = [
		event('evtdevconf00001', 'DevConf, Berlin', '2026-03-01T08:00:00.000Z'),
		event('evtmeetup000002', 'Robotics meetup 🤖', '2026-05-01T17:00:00.000Z')
	];
	const connections: Connection[] = [];
	for (let n = 0; n < size; n++) {
		const metAt = dayIn2026();
		const isForgotten = chance(0.1);
		connections.push(
			parseConnection({
				id: idOf('conn', n),
				owner: OWNER,
				card: chance(0.7) ? idOf('card', n) : '',
				snapshot: isForgotten
					? null
					: {
							name: chance(0.9) ? `${within(CARD_LIMITS.name - 4)} ${n}` : '',
							headline: within(CARD_LIMITS.headline),
							company: within(CARD_LIMITS.company),
							canHelpWith: chance(0.4) ? pick(['design', 'funding', 'robots']) : '',
							lookingFor: chance(0.4) ? pick(['a designer', 'funding', 'robots']) : '',
							links: [
								...(chance(0.6) ? [{ kind: 'email', url: `mailto:p${n}@example.org` }] : []),
								...(chance(0.4) ? [{ kind: 'phone', url: `tel:+49 30 ${100000 + n}` }] : []),
								...(chance(0.4)
									? [{ kind: 'linkedin', url: `https://www.linkedin.com/in/p${n}` }]
									: []),
								...(chance(0.1) ? [{ kind: 'other', url: 'javascript:alert(1)' }] : [])
							],
							photoUrl: chance(0.3) ? `/api/tend/photos/${idOf('card', n)}/p.jpg` : '',
							note: chance(0.1) ? within(500) : ''
						},
				event: !isForgotten && chance(0.5) ? pick(events).id : '',
				metAt: isForgotten ? '' : metAt,
				channel: pick(CHANNELS),
				memoryNote: !isForgotten && chance(0.8) ? words() : '',
				howICanHelp: !isForgotten && chance(0.3) ? words() : '',
				promise: !isForgotten && chance(0.3) ? words() : '',
				tags:
					!isForgotten && chance(0.5)
						? [...new Set([pick(['robotics', 'berlin', 'hiring']), cleanTag(words())])].filter(
								Boolean
							)
						: [],
				cadence: pick(CADENCES),
				needsNote: chance(0.2),
				level: 'full',
				archived: chance(0.1),
				deleted: isForgotten ? '2026-08-01T00:00:00.000Z' : '',
				created: metAt,
				updated: metAt
			})
		);
	}
	const live = connections.filter((c) => !c.deleted);
	const interactions = [];
	for (const c of live) interactions.push(interaction([c.id], c.metAt, { kind: 'met' }));
	for (let n = 0; n < size * 2; n++) {
		const people = [...new Set([pick(connections).id, ...(chance(0.2) ? [pick(live).id] : [])])];
		interactions.push(
			interaction(people, dayIn2026(), {
				kind: pick(INTERACTION_KINDS),
				text: words(),
				...(chance(0.05) ? { deleted: '2026-08-02T00:00:00.000Z' } : {})
			})
		);
	}
	const cardChanges = live
		.filter((c) => c.card && chance(0.2))
		.map((c, n) =>
			cardChange(idOf('chg', n), c.id, '2026-08-20T09:00:00.000Z', [
				{ field: 'headline', from: 'Engineer', to: 'CTO' }
			])
		);
	const input = network({
		now: NOW,
		timeZone: 'Europe/Berlin',
		connections,
		interactions,
		cardChanges,
		events
	});
	// Decide some of the prompts the engine really makes (and undo one).
	const states = ['done', 'snoozed', 'dismissed', 'open'];
	const decisions = plan(input)
		.all.filter(() => chance(0.4))
		.map((prompt, n) =>
			decision(prompt.id, pick(states), {
				id: idOf('dec', n),
				...(chance(0.3) ? { until: '2026-12-01T00:00:00.000Z' } : {})
			})
		);
	return {
		input: { ...input, decisions },
		card: parseCard({
			id: 'mycardmycard001',
			owner: OWNER,
			name: 'Mia Me',
			headline: within(CARD_LIMITS.headline),
			links: [{ kind: 'email', url: 'mailto:mia@example.org' }],
			keyVersion: 3
		}),
		settings: parseSettings({ id: OWNER, owner: OWNER, dailyCap: 7, defaultCadence: 'regular' }),
		shareBacks: [
			parseShareBack({
				id: 'sharebacksb0001',
				card: 'mycardmycard001',
				name: 'Cy',
				email: 'cy@x.org'
			})
		]
	};
}
