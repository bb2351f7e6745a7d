// The follow-up engine's rules as a table of named cases: each builds a small network at a fixed
// `now` and time zone and states the prompts it must give. plan.spec.ts runs them; a server-side
// run of the same engine can run them too. Met on 1 May 2026 at 09:00 UTC unless a case says.
import { shortHash } from './ids';
import { cardChange, decision, event, interaction, network, person } from './testing/network';
import type { DraftFacts, PlanInput, Prompt, PromptKind } from './types';

export interface PlanCase {
	/** The rule this case checks. */
	rule: string;
	input: PlanInput;
	/** The kinds the case looks at (all when absent). */
	kinds?: PromptKind[];
	/** Exactly the prompts of those kinds in `all`, in planned order (fields given must match). */
	prompts: (Partial<Prompt> & { id: string })[];
	/** Ids of `todays`, in order, when the case states them. */
	todays?: string[];
	/** Ids of `comingUp`, in order, when the case states them. */
	comingUp?: string[];
	/** What the drafts of these prompts were made of (fields given must match). */
	facts?: Record<string, Partial<DraftFacts>>;
	/** Person id → the id of their next prompt. */
	nextFor?: Record<string, string>;
}

const NOW = '2026-05-03T10:00:00.000Z';
const DEVCONF = event('devconf', 'DevConf', '2026-05-01T08:00:00.000Z');
const alphas = (n: number) => Array.from({ length: n }, () => 'alpha').join(' ');

export const PLAN_CASES: readonly PlanCase[] = [
	// needs_note
	{
		rule: 'needs_note: a blank memory note is due the day we met, top priority, late the day after',
		input: network({
			now: NOW,
			events: [DEVCONF],
			connections: [person('ann', { event: 'devconf', memoryNote: '  ' })]
		}),
		todays: ['needs_note:ann:2026-05-01', 'thank_you:ann:2026-05-01'],
		kinds: ['needs_note'],
		prompts: [
			{
				id: 'needs_note:ann:2026-05-01',
				kind: 'needs_note',
				people: ['ann'],
				due: '2026-05-01',
				latest: '2026-05-01',
				priority: 100,
				isLate: true,
				day: '2026-05-03',
				why: 'You met Ann at DevConf 2 days ago and have not written a memory note yet.'
			}
		]
	},
	{
		rule: 'needs_note never expires',
		input: network({
			now: NOW,
			connections: [person('ann', { metAt: '2025-01-01T09:00:00.000Z', memoryNote: '' })]
		}),
		kinds: ['needs_note'],
		prompts: [
			{
				id: 'needs_note:ann:2025-01-01',
				due: '2025-01-01',
				day: '2026-05-03',
				why: 'You met Ann 1 year ago and have not written a memory note yet.'
			}
		]
	},
	// thank_you
	{
		rule: 'thank_you: due the day we met, latest two days on, names the event and the note',
		input: network({
			now: NOW,
			events: [DEVCONF],
			connections: [person('ann', { event: 'devconf' })]
		}),
		kinds: ['thank_you'],
		prompts: [
			{
				id: 'thank_you:ann:2026-05-01',
				kind: 'thank_you',
				due: '2026-05-01',
				latest: '2026-05-03',
				priority: 90,
				isLate: false,
				day: '2026-05-03',
				why: 'You met Ann at DevConf 2 days ago and noted: ‘Talked about gardens’'
			}
		]
	},
	{
		rule: 'thank_you: no event and no note leave their words out',
		input: network({ now: NOW, connections: [person('ann', { memoryNote: '' })] }),
		kinds: ['thank_you'],
		prompts: [{ id: 'thank_you:ann:2026-05-01', why: 'You met Ann 2 days ago.' }]
	},
	{
		rule: 'thank_you: a person without a name is "this person"',
		input: network({ now: NOW, connections: [person('ann', { snapshot: { name: ' ' } })] }),
		kinds: ['thank_you'],
		prompts: [
			{
				id: 'thank_you:ann:2026-05-01',
				why: 'You met this person 2 days ago and noted: ‘Talked about gardens’'
			}
		]
	},
	{
		rule: 'thank_you: a long note is clipped at a word boundary with an ellipsis',
		input: network({ now: NOW, connections: [person('ann', { memoryNote: alphas(30) })] }),
		kinds: ['thank_you'],
		prompts: [
			{ id: 'thank_you:ann:2026-05-01', why: `You met Ann 2 days ago and noted: ‘${alphas(13)}…’` }
		]
	},
	{
		rule: 'thank_you: still made 14 days after meeting',
		input: network({ now: '2026-05-15T20:00:00.000Z', connections: [person('ann')] }),
		kinds: ['thank_you'],
		prompts: [
			{
				id: 'thank_you:ann:2026-05-01',
				isLate: true,
				why: 'You met Ann 2 weeks ago and noted: ‘Talked about gardens’'
			}
		]
	},
	{
		rule: 'thank_you: expired (no longer made) 15 days after meeting',
		input: network({ now: '2026-05-16T10:00:00.000Z', connections: [person('ann')] }),
		kinds: ['thank_you'],
		prompts: []
	},
	// promise
	{
		rule: 'promise: due the day we met, latest three days on, never expires, id hashes the text',
		input: network({
			now: '2027-01-01T10:00:00.000Z',
			connections: [person('ann', { promise: ' send the Rust book ' })]
		}),
		kinds: ['promise'],
		prompts: [
			{
				id: `promise:ann:${shortHash('send the Rust book')}`,
				due: '2026-05-01',
				latest: '2026-05-04',
				priority: 85,
				isLate: true,
				why: 'You said you’d: ‘send the Rust book’'
			}
		]
	},
	{
		rule: 'promise: an edited promise is a new prompt (a decision on the old one does not hide it)',
		input: network({
			now: NOW,
			connections: [person('ann', { promise: 'send two books' })],
			decisions: [decision(`promise:ann:${shortHash('send the Rust book')}`, 'done')]
		}),
		kinds: ['promise'],
		prompts: [{ id: `promise:ann:${shortHash('send two books')}` }]
	},
	// give
	{
		rule: 'give: their need matches what I can help with; due two days on, latest 14',
		input: network({
			now: NOW,
			me: { canHelpWith: 'Rust mentoring' },
			connections: [person('ann', { snapshot: { lookingFor: 'A Rust mentor!' } })]
		}),
		kinds: ['give', 'introduce'],
		prompts: [
			{
				id: 'give:ann:2026-05-01',
				kind: 'give',
				due: '2026-05-03',
				latest: '2026-05-15',
				priority: 60,
				why: 'Ann is looking for ‘A Rust mentor!’ and you can help with ‘Rust mentoring’.'
			}
		],
		facts: {
			'give:ann:2026-05-01': { need: 'A Rust mentor!', offer: 'Rust mentoring', leansOnThem: false }
		}
	},
	{
		rule: 'give: no shared meaningful word, no give (stop words and short words do not match)',
		input: network({
			now: NOW,
			me: { canHelpWith: 'help with AI and the cloud' },
			connections: [person('ann', { snapshot: { lookingFor: 'help with AI and ML' } })]
		}),
		kinds: ['give', 'introduce'],
		prompts: []
	},
	{
		rule: 'give: expired 31 days after meeting',
		input: network({
			now: '2026-06-01T10:00:00.000Z',
			me: { canHelpWith: 'Rust mentoring' },
			connections: [person('ann', { snapshot: { lookingFor: 'Rust mentor' } })]
		}),
		kinds: ['give', 'introduce'],
		prompts: []
	},
	{
		rule: 'reciprocity: when I lean on them it is still a give, and the draft knows',
		input: network({
			now: NOW,
			me: { canHelpWith: 'Rust mentoring' },
			connections: [person('ann', { snapshot: { lookingFor: 'Rust mentor' } })],
			interactions: [
				interaction(['ann'], '2026-05-01T12:00:00.000Z', { kind: 'asked' }),
				interaction(['ann'], '2026-05-01T13:00:00.000Z', { kind: 'asked' }),
				interaction(['ann'], '2026-05-01T14:00:00.000Z', { kind: 'gave' }),
				interaction(['ann'], '2026-05-01T15:00:00.000Z', { kind: 'gave', deleted: NOW })
			]
		}),
		kinds: ['give', 'introduce'],
		prompts: [{ id: 'give:ann:2026-05-01', kind: 'give' }],
		facts: { 'give:ann:2026-05-01': { leansOnThem: true, kind: 'give' } }
	},
	// introduce
	{
		rule: 'introduce: another contact offers what they need and I offer nothing',
		input: network({
			now: NOW,
			connections: [
				person('ann', { snapshot: { lookingFor: 'Rust mentor' } }),
				person('bob', {
					metAt: '2025-01-01T09:00:00.000Z',
					snapshot: { canHelpWith: 'Rust mentoring' }
				})
			],
			decisions: [decision('check_in:bob:2025-01-01', 'dismissed')]
		}),
		kinds: ['give', 'introduce'],
		prompts: [
			{
				id: 'introduce:ann:bob',
				kind: 'introduce',
				people: ['ann', 'bob'],
				due: '2026-05-03',
				latest: '2026-05-15',
				priority: 50,
				why: 'Ann is looking for ‘Rust mentor’ and Bob can help with ‘Rust mentoring’: introduce them.'
			}
		],
		facts: {
			'introduce:ann:bob': {
				otherName: 'Bob Example',
				offer: 'Rust mentoring',
				need: 'Rust mentor'
			}
		},
		nextFor: { bob: 'introduce:ann:bob' }
	},
	{
		rule: 'introduce: the id names the pair in id order, whoever needs whom; ties go to the smaller id',
		input: network({
			now: NOW,
			connections: [
				person('zoe', { snapshot: { lookingFor: 'Rust mentor' } }),
				person('kim', { metAt: '2025-01-01T09:00:00.000Z', snapshot: { canHelpWith: 'rust' } }),
				person('bob', { metAt: '2025-01-01T09:00:00.000Z', snapshot: { canHelpWith: 'Rust' } })
			]
		}),
		kinds: ['give', 'introduce'],
		prompts: [{ id: 'introduce:bob:zoe', people: ['zoe', 'bob'] }]
	},
	{
		rule: 'introduce: two people who need each other get one introduction',
		input: network({
			now: NOW,
			connections: [
				person('ann', { snapshot: { lookingFor: 'Rust mentor', canHelpWith: 'gardening' } }),
				person('bob', { snapshot: { lookingFor: 'gardening tips', canHelpWith: 'Rust mentoring' } })
			]
		}),
		kinds: ['give', 'introduce'],
		prompts: [{ id: 'introduce:ann:bob', people: ['ann', 'bob'] }]
	},
	{
		rule: 'introduce: never twice once an introduction names both (not even the other way round)',
		input: network({
			now: NOW,
			connections: [
				person('ann', { snapshot: { lookingFor: 'Rust mentor' } }),
				person('bob', { snapshot: { canHelpWith: 'Rust mentoring' } })
			],
			interactions: [
				interaction(['bob', 'ann'], '2026-05-02T10:00:00.000Z', { kind: 'introduced' })
			]
		}),
		kinds: ['give', 'introduce'],
		prompts: []
	},
	{
		rule: 'introduce: only when another offer matches better than mine; a tie is my give',
		input: network({
			now: NOW,
			me: { canHelpWith: 'Rust' },
			connections: [
				person('ann', { snapshot: { lookingFor: 'Rust mentor' } }),
				person('bob', { snapshot: { canHelpWith: 'Rust' } })
			]
		}),
		kinds: ['give', 'introduce'],
		prompts: [{ id: 'give:ann:2026-05-01' }]
	},
	{
		rule: 'introduce: never to a resting, archived or forgotten contact',
		input: network({
			now: NOW,
			connections: [
				person('ann', { snapshot: { lookingFor: 'Rust mentor' } }),
				person('bob', { cadence: 'none', snapshot: { canHelpWith: 'Rust mentoring' } }),
				person('cat', { archived: true, snapshot: { canHelpWith: 'Rust mentoring' } }),
				person('dan', { deleted: NOW, snapshot: { canHelpWith: 'Rust mentoring' } })
			]
		}),
		kinds: ['give', 'introduce'],
		prompts: []
	},
	// check_in
	{
		rule: 'check_in: the first one, close cadence, a month after meeting (latest 45 days)',
		input: network({ now: NOW, connections: [person('ann', { cadence: 'close' })] }),
		kinds: ['check_in'],
		prompts: [
			{
				id: 'check_in:ann:2026-05-01',
				due: '2026-05-31',
				latest: '2026-06-15',
				priority: 30,
				isLate: false,
				day: '2026-05-31',
				why: 'You met Ann 2 days ago and have not been in touch since.'
			}
		]
	},
	{
		rule: 'check_in: the first one, occasional cadence, about three months after meeting; late is the tier’s',
		input: network({ now: NOW, connections: [person('ann')] }),
		kinds: ['check_in'],
		prompts: [{ id: 'check_in:ann:2026-05-01', due: '2026-07-30', latest: '2026-12-27' }]
	},
	{
		rule: 'check_in: counted from the last touch by the cadence (regular: 90 / 120 days); a note is no touch',
		input: network({
			now: NOW,
			connections: [person('ann', { cadence: 'regular', metAt: '2025-06-01T09:00:00.000Z' })],
			interactions: [
				interaction(['ann'], '2026-03-01T10:00:00.000Z'),
				interaction(['ann'], '2026-04-01T10:00:00.000Z', { kind: 'note' }),
				interaction(['ann'], '2026-04-20T10:00:00.000Z', { deleted: '2026-04-21T10:00:00.000Z' })
			]
		}),
		kinds: ['check_in'],
		prompts: [
			{
				id: 'check_in:ann:2026-03-01',
				due: '2026-05-30',
				latest: '2026-06-29',
				why: 'You were last in touch with Ann 2 months ago.'
			}
		]
	},
	{
		rule: 'check_in: any touch restarts the timer with a new id (a done decision on the old one is moot)',
		input: network({
			now: NOW,
			connections: [person('ann', { cadence: 'close', metAt: '2026-01-01T09:00:00.000Z' })],
			interactions: [interaction(['ann'], '2026-05-02T10:00:00.000Z', { kind: 'followed_up' })],
			decisions: [decision('check_in:ann:2026-01-01', 'done')]
		}),
		kinds: ['check_in'],
		prompts: [{ id: 'check_in:ann:2026-05-02', due: '2026-06-01', latest: '2026-06-16' }]
	},
	{
		rule: 'check_in: past latest it is late ("losing touch") and outranks gives',
		input: network({
			now: NOW,
			connections: [person('ann', { cadence: 'regular', metAt: '2025-06-01T09:00:00.000Z' })],
			interactions: [interaction(['ann'], '2026-01-01T10:00:00.000Z', { kind: 'gave' })]
		}),
		kinds: ['check_in'],
		prompts: [
			{
				id: 'check_in:ann:2026-01-01',
				due: '2026-04-01',
				latest: '2026-05-01',
				isLate: true,
				priority: 65,
				day: '2026-05-03',
				why: 'You were last in touch with Ann 4 months ago: you are losing touch.'
			}
		]
	},
	// card_changed
	{
		rule: 'card_changed: a change of headline, company or what they offer or need; name and photo are not',
		input: network({
			now: NOW,
			connections: [person('ann')],
			cardChanges: [
				cardChange('chg1', 'ann', '2026-05-02T10:00:00.000Z', [
					{ field: 'name', from: 'Ann', to: 'Annie' },
					{ field: 'headline', from: 'Engineer', to: 'CTO' },
					{ field: 'company', from: '', to: 'Acme' }
				]),
				cardChange('chg2', 'ann', '2026-05-02T11:00:00.000Z', [
					{ field: 'photoUrl', from: '', to: '/p.jpg' }
				])
			]
		}),
		kinds: ['card_changed'],
		prompts: [
			{
				id: 'card_changed:ann:2026-05-02:chg1',
				due: '2026-05-02',
				latest: '2026-05-09',
				priority: 70,
				why: 'Ann’s card changed: Headline Engineer → CTO; Company added Acme'
			}
		],
		facts: {
			'card_changed:ann:2026-05-02:chg1': {
				change: { field: 'headline', from: 'Engineer', to: 'CTO' }
			}
		}
	},
	{
		rule: 'card_changed: expired 31 days after the change',
		input: network({
			now: NOW,
			connections: [person('ann')],
			cardChanges: [
				cardChange('chg1', 'ann', '2026-04-02T10:00:00.000Z', [
					{ field: 'headline', from: 'A', to: 'B' }
				])
			]
		}),
		kinds: ['card_changed'],
		prompts: []
	},
	// anniversary
	{
		rule: 'anniversary: close and regular people, yearly on the day we met, expires a week on',
		input: network({
			now: NOW,
			events: [DEVCONF],
			connections: [
				person('ann', { cadence: 'close', event: 'devconf', metAt: '2025-05-10T09:00:00.000Z' }),
				person('bob', { cadence: 'regular', metAt: '2024-04-28T09:00:00.000Z' }),
				person('cat', { cadence: 'occasional', metAt: '2025-05-10T09:00:00.000Z' }),
				person('dan', { cadence: 'close', metAt: '2026-01-01T09:00:00.000Z' })
			]
		}),
		kinds: ['anniversary'],
		prompts: [
			{
				id: 'anniversary:bob:2026',
				due: '2026-04-28',
				latest: '2026-05-05',
				day: '2026-05-03',
				why: '2 years since you met Bob.'
			},
			{
				id: 'anniversary:ann:2026',
				due: '2026-05-10',
				latest: '2026-05-17',
				priority: 40,
				why: 'A year since you met Ann at DevConf.'
			},
			{ id: 'anniversary:dan:2027', due: '2027-01-01' }
		]
	},
	{
		rule: 'anniversary: once expired, the next year’s; a 29 February is the 28th in common years',
		input: network({
			now: NOW,
			connections: [
				person('ann', { cadence: 'close', metAt: '2025-04-20T09:00:00.000Z' }),
				person('bob', { cadence: 'close', metAt: '2024-02-29T09:00:00.000Z' })
			]
		}),
		kinds: ['anniversary'],
		prompts: [
			{ id: 'anniversary:bob:2027', due: '2027-02-28' },
			{ id: 'anniversary:ann:2027', due: '2027-04-20' }
		]
	},
	// who gets prompts
	{
		rule: 'resting, archived and forgotten people get no prompt; my default cadence applies to the unchosen',
		input: network({
			now: NOW,
			settings: { defaultCadence: 'none' },
			connections: [
				person('ann', { cadence: 'none', memoryNote: '' }),
				person('bob', { archived: true, memoryNote: '' }),
				person('cat', { deleted: NOW, memoryNote: '' }),
				person('dan', { cadence: '', memoryNote: '' }),
				person('eve', { cadence: 'occasional' })
			],
			cardChanges: [cardChange('chg1', 'cat', NOW, [{ field: 'headline', from: 'A', to: 'B' }])]
		}),
		prompts: [
			{ id: 'thank_you:eve:2026-05-01', people: ['eve'] },
			{ id: 'check_in:eve:2026-05-01', people: ['eve'] }
		]
	},
	// decisions
	{
		rule: 'decisions: done and dismissed are gone; a snooze moves due (and latest) to its day',
		input: network({
			now: NOW,
			connections: [person('ann'), person('bob'), person('cat')],
			decisions: [
				decision('thank_you:ann:2026-05-01', 'done'),
				decision('thank_you:bob:2026-05-01', 'dismissed'),
				decision('thank_you:cat:2026-05-01', 'snoozed', { until: '2026-05-06T07:00:00.000Z' })
			]
		}),
		kinds: ['thank_you'],
		prompts: [
			{
				id: 'thank_you:cat:2026-05-01',
				due: '2026-05-06',
				latest: '2026-05-06',
				isLate: false,
				day: '2026-05-06'
			}
		],
		todays: [],
		comingUp: ['thank_you:cat:2026-05-01']
	},
	{
		rule: 'decisions: the latest by updated wins; tombstones are ignored',
		input: network({
			now: NOW,
			connections: [person('ann'), person('bob')],
			decisions: [
				decision('thank_you:ann:2026-05-01', 'done', { updated: '2026-05-02T10:00:00.000Z' }),
				decision('thank_you:ann:2026-05-01', 'snoozed', {
					updated: '2026-05-02T11:00:00.000Z',
					until: '2026-05-05T10:00:00.000Z'
				}),
				decision('thank_you:bob:2026-05-01', 'dismissed', { deleted: '2026-05-02T12:00:00.000Z' })
			]
		}),
		kinds: ['thank_you'],
		prompts: [
			{ id: 'thank_you:bob:2026-05-01', day: '2026-05-03' },
			{ id: 'thank_you:ann:2026-05-01', due: '2026-05-05', day: '2026-05-05' }
		]
	},
	{
		rule: 'decisions: a snooze that has ended leaves the prompt where it was',
		input: network({
			now: NOW,
			connections: [person('ann')],
			decisions: [
				decision('thank_you:ann:2026-05-01', 'snoozed', { until: '2026-05-02T07:00:00.000Z' })
			]
		}),
		kinds: ['thank_you'],
		prompts: [{ id: 'thank_you:ann:2026-05-01', due: '2026-05-02', day: '2026-05-03' }]
	},
	// the daily cap
	{
		rule: 'daily cap: the highest priority first, the overflow rolls to the next days, none dropped',
		input: network({
			now: NOW,
			settings: { dailyCap: 2 },
			connections: [person('ann'), person('bob'), person('cat', { memoryNote: '' })]
		}),
		prompts: [
			{ id: 'needs_note:cat:2026-05-01', day: '2026-05-03' },
			{ id: 'thank_you:ann:2026-05-01', day: '2026-05-03' },
			{ id: 'thank_you:bob:2026-05-01', day: '2026-05-04' },
			{ id: 'thank_you:cat:2026-05-01', day: '2026-05-04' },
			{ id: 'check_in:ann:2026-05-01', day: '2026-07-30' },
			{ id: 'check_in:bob:2026-05-01', day: '2026-07-30' },
			{ id: 'check_in:cat:2026-05-01', day: '2026-07-31' }
		],
		todays: ['needs_note:cat:2026-05-01', 'thank_you:ann:2026-05-01'],
		comingUp: ['thank_you:bob:2026-05-01', 'thank_you:cat:2026-05-01'],
		nextFor: { ann: 'thank_you:ann:2026-05-01', cat: 'needs_note:cat:2026-05-01' }
	},
	{
		rule: 'daily cap: below the minimum is 1 a day',
		input: network({
			now: NOW,
			settings: { dailyCap: 0 },
			connections: [person('ann'), person('bob')]
		}),
		kinds: ['thank_you'],
		prompts: [
			{ id: 'thank_you:ann:2026-05-01', day: '2026-05-03' },
			{ id: 'thank_you:bob:2026-05-01', day: '2026-05-04' }
		]
	},
	// ways
	{
		rule: 'ways: email, sms, LinkedIn and website from safe links only; an introduction has the first person’s',
		input: network({
			now: NOW,
			connections: [
				person('ann', {
					snapshot: {
						lookingFor: 'Rust mentor',
						links: [
							{ kind: 'email', url: 'mailto:ann@example.org?subject=hi' },
							{ kind: 'phone', url: 'tel:+49 30 1234567' },
							{ kind: 'linkedin', url: 'https://www.linkedin.com/in/ann' },
							{ kind: 'website', url: 'javascript:alert(1)' },
							{ kind: 'website', url: 'https://ann.example.org' },
							{ kind: 'other', url: 'https://other.example.org' },
							{ kind: 'email', url: 'https://not-an-address.example.org' }
						]
					}
				}),
				person('bob', {
					snapshot: { canHelpWith: 'Rust', links: [{ kind: 'email', url: 'mailto:bob@x.org' }] }
				})
			]
		}),
		kinds: ['introduce'],
		prompts: [
			{
				id: 'introduce:ann:bob',
				ways: [
					{ kind: 'email', address: 'ann@example.org' },
					{ kind: 'sms', number: '+49 30 1234567' },
					{ kind: 'linkedin', url: 'https://www.linkedin.com/in/ann' },
					{ kind: 'website', url: 'https://ann.example.org' }
				]
			}
		]
	},
	// time zones
	{
		rule: 'Berlin, end of March: days change at local midnight across the spring-forward night',
		input: network({
			now: '2026-03-30T21:30:00.000Z', // 23:30 CEST on 30 March
			timeZone: 'Europe/Berlin',
			connections: [person('ann', { metAt: '2026-03-28T23:30:00.000Z' })] // 00:30 CET on 29 March
		}),
		kinds: ['thank_you'],
		prompts: [
			{
				id: 'thank_you:ann:2026-03-29',
				due: '2026-03-29',
				latest: '2026-03-31',
				day: '2026-03-30',
				why: 'You met Ann yesterday and noted: ‘Talked about gardens’'
			}
		]
	},
	{
		rule: 'Berlin, end of October: the fall-back night does not shift a day',
		input: network({
			now: '2026-10-25T23:30:00.000Z', // 00:30 CET on 26 October
			timeZone: 'Europe/Berlin',
			connections: [person('ann', { cadence: 'close', metAt: '2026-10-24T22:30:00.000Z' })] // 00:30 CEST on 25 October
		}),
		kinds: ['thank_you', 'check_in'],
		prompts: [
			{
				id: 'thank_you:ann:2026-10-25',
				day: '2026-10-26',
				why: 'You met Ann yesterday and noted: ‘Talked about gardens’'
			},
			{ id: 'check_in:ann:2026-10-25', due: '2026-11-24', latest: '2026-12-09' }
		]
	},
	{
		rule: 'New York, spring forward: the day is the local one',
		input: network({
			now: '2026-03-09T03:30:00.000Z', // 23:30 EDT on 8 March
			timeZone: 'America/New_York',
			connections: [person('ann', { metAt: '2026-03-08T04:30:00.000Z' })] // 23:30 EST on 7 March
		}),
		kinds: ['thank_you'],
		prompts: [
			{
				id: 'thank_you:ann:2026-03-07',
				day: '2026-03-08',
				why: 'You met Ann yesterday and noted: ‘Talked about gardens’'
			}
		]
	},
	{
		rule: 'date line: the same instant is 16 January in Auckland',
		input: network({
			now: '2026-01-15T21:00:00.000Z',
			timeZone: 'Pacific/Auckland',
			connections: [person('ann', { metAt: '2026-01-15T20:00:00.000Z' })]
		}),
		kinds: ['thank_you'],
		prompts: [
			{
				id: 'thank_you:ann:2026-01-16',
				due: '2026-01-16',
				day: '2026-01-16',
				why: 'You met Ann today and noted: ‘Talked about gardens’'
			}
		]
	},
	{
		rule: 'date line: … and 15 January in Los Angeles',
		input: network({
			now: '2026-01-15T21:00:00.000Z',
			timeZone: 'America/Los_Angeles',
			connections: [person('ann', { metAt: '2026-01-15T20:00:00.000Z' })]
		}),
		kinds: ['thank_you'],
		prompts: [{ id: 'thank_you:ann:2026-01-15', due: '2026-01-15', day: '2026-01-15' }]
	},
	{
		rule: 'an unknown time zone counts days in UTC',
		input: network({
			now: '2026-05-01T23:30:00.000Z',
			timeZone: 'Nowhere/Atlantis',
			connections: [person('ann')]
		}),
		kinds: ['thank_you'],
		prompts: [{ id: 'thank_you:ann:2026-05-01', day: '2026-05-01' }]
	}
];
