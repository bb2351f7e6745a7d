import { describe, expect, it } from 'vitest';
import { prng } from '../../testing/prng';
import {
	DRAFT_BODY_MAX,
	DRAFT_SUBJECT_MAX,
	PHRASINGS_PER_KIND,
	draftFor,
	fnv1a,
	phrasingIndex
} from './drafts';
import { PROMPT_KINDS, type Draft, type DraftFacts, type PromptKind } from './types';

const FULL: DraftFacts = {
	kind: 'thank_you',
	promptId: 'thank_you:c1',
	myName: 'Maria Lopez',
	firstName: 'Ann',
	eventName: 'DevConf',
	memoryNote: 'Talked about offline sync in Svelte and her CRDT side project.',
	promise: 'send you the article on IndexedDB quotas',
	need: 'a mentor for a first conference talk',
	offer: 'Svelte performance reviews',
	otherName: 'Bob Okafor',
	change: { field: 'company', from: 'Acme', to: 'Globex' },
	years: 2,
	leansOnThem: false,
	myLookingFor: 'a co-organiser for a local meetup'
};

const EMPTY: DraftFacts = {
	kind: 'thank_you',
	promptId: 'thank_you:c1',
	myName: '',
	firstName: '',
	eventName: '',
	memoryNote: '',
	promise: '',
	need: '',
	offer: '',
	otherName: '',
	change: null,
	years: 0,
	leansOnThem: false,
	myLookingFor: ''
};

/** One prompt id per phrasing (found by the hash, so the table reads every phrasing). */
const IDS: readonly string[] = (() => {
	const ids: string[] = [];
	for (let i = 0; ids.length < PHRASINGS_PER_KIND; i++) {
		const id = `prompt-${i}`;
		if (ids.every((other) => phrasingIndex(other) !== phrasingIndex(id))) ids.push(id);
	}
	return ids.sort((a, b) => phrasingIndex(a) - phrasingIndex(b));
})();

function everyPhrasing(facts: DraftFacts): Draft[] {
	return IDS.map((promptId) => draftFor({ ...facts, promptId }));
}

const FORBIDDEN = [
	'undefined',
	'null',
	'NaN',
	'[',
	']',
	'{',
	'}',
	'‹',
	'›',
	'“”',
	'""',
	"''",
	' ,',
	' .',
	'  ',
	'at .'
];
const SALES = /synergy|touch base|circle back|leverag|opportunit|quick call|reach out/i;
/** Asking phrases, as whole words ("Duncan Young" is no ask). */
const ASKS = /(?<![\p{L}\p{N}])(?:could you|would you mind|can you)(?![\p{L}\p{N}])/iu;

/** What is wrong with a draft, whatever its facts (the contract's shape rules); [] when nothing. */
function problemsOf(draft: Draft): string[] {
	const problems: string[] = [];
	for (const [name, text] of [
		['body', draft.body],
		['subject', draft.subject]
	] as const) {
		for (const bad of FORBIDDEN) if (text.includes(bad)) problems.push(`${name} has ${bad}`);
		if (/[ \t]$/m.test(text)) problems.push(`${name} has a trailing space`);
		if (/^\s/.test(text)) problems.push(`${name} starts with a space`);
		try {
			encodeURIComponent(text);
		} catch {
			problems.push(`${name} has a lone surrogate`);
		}
	}
	if (!draft.body) problems.push('body is empty');
	if (draft.body.length >= DRAFT_BODY_MAX) problems.push(`body is ${draft.body.length} long`);
	if (/\n{3}/.test(draft.body)) problems.push('body has two blank lines');
	if (!draft.subject) problems.push('subject is empty');
	if (Array.from(draft.subject).length > DRAFT_SUBJECT_MAX) problems.push('subject is too long');
	if (/[.,;:!?…\-–—]$/.test(draft.subject)) problems.push('subject ends in punctuation');
	if (draft.subject.includes('\n')) problems.push('subject has a line break');
	return problems;
}

function expectClean(draft: Draft, facts?: DraftFacts): void {
	const problems = problemsOf(draft);
	if (problems.length) {
		expect({ problems, draft, facts }).toEqual({ problems: [], draft, facts });
	}
	expect(problems).toEqual([]);
}

function expectTemplatesClean(draft: Draft): void {
	expect(draft.body).not.toMatch(SALES);
	expect(draft.subject).not.toMatch(SALES);
}

interface Case {
	name: string;
	facts: Partial<DraftFacts>;
	/** In every phrasing's body. */
	says?: string[];
	/** In no phrasing's body. */
	never?: string[];
}

const SOME: Partial<DraftFacts> = { ...EMPTY, firstName: 'Ann', eventName: 'DevConf' };

const CASES: Record<PromptKind, Case[]> = {
	needs_note: [
		{ name: 'full slots', facts: FULL, says: ['Ann'], never: ['Maria Lopez', 'Hi '] },
		{ name: 'every slot empty', facts: EMPTY, says: ['them'], never: ['Hi'] },
		{ name: 'name and event only', facts: SOME, says: ['Ann'] },
		{ name: 'promise only', facts: { ...EMPTY, promise: 'send the deck' }, says: ['send the deck'] }
	],
	thank_you: [
		{
			name: 'full slots',
			facts: FULL,
			says: ['Hi Ann,', 'DevConf', 'hat about offline sync in Svelte', 'Maria Lopez']
		},
		{ name: 'every slot empty', facts: EMPTY, says: ['Hi,'], never: ['at DevConf', 'about'] },
		{ name: 'name and event only', facts: SOME, says: ['Hi Ann,', 'DevConf'] },
		{
			name: 'note only, its trailing punctuation dropped',
			facts: { ...EMPTY, memoryNote: 'We talked about hiring juniors!!!' },
			says: ['hat about hiring juniors'],
			never: ['!!!', 'talked about hiring']
		},
		{
			name: 'my name only',
			facts: { ...EMPTY, myName: 'Maria' },
			says: ['Hi,', '\nMaria']
		}
	],
	promise: [
		{ name: 'full slots', facts: FULL, says: ['Hi Ann,', 'send you the article', 'Maria Lopez'] },
		{ name: 'every slot empty', facts: EMPTY, says: ['Hi,', 'follow'] },
		{
			name: 'promise and name only',
			facts: { ...SOME, promise: 'the slides' },
			says: ['the slides']
		}
	],
	give: [
		{ name: 'full slots', facts: FULL, says: ['Hi Ann,', 'Maria Lopez'] },
		{ name: 'every slot empty', facts: EMPTY, says: ['Hi,'] },
		{ name: 'need only', facts: { ...EMPTY, need: 'a Rust mentor' }, says: ['a Rust mentor'] },
		{
			name: 'offer only',
			facts: { ...EMPTY, firstName: 'Ann', offer: 'Rust reviews' },
			says: ['Hi Ann,']
		}
	],
	introduce: [
		{
			name: 'full slots, my private note left out',
			facts: FULL,
			says: ['Hi Ann and Bob,', 'Bob Okafor', 'Svelte performance reviews', 'Maria Lopez'],
			never: ['offline sync', 'CRDT']
		},
		{ name: 'every slot empty', facts: EMPTY, says: ['Hi both,', 'two'] },
		{
			name: 'no names, need and offer',
			facts: { ...EMPTY, need: 'a designer', offer: 'design' },
			says: ['Hi both,', 'One of you is looking for a designer']
		},
		{
			name: 'their name only',
			facts: { ...EMPTY, firstName: 'Ann' },
			says: ['Hi both,'],
			never: ['Ann and']
		}
	],
	check_in: [
		{
			name: 'full slots, what I look for said lightly',
			facts: FULL,
			says: ['Hi Ann,', 'a co-organiser for a local meetup', 'Maria Lopez']
		},
		{ name: 'every slot empty', facts: EMPTY, says: ['Hi,'] },
		{
			name: 'leaning on them: no ask',
			facts: { ...FULL, leansOnThem: true },
			says: ['Hi Ann,'],
			never: ['co-organiser', 'looking for a co']
		},
		{ name: 'name and event only', facts: SOME, says: ['Hi Ann,'] }
	],
	card_changed: [
		{
			name: 'company from → to',
			facts: FULL,
			says: ['Hi Ann,', 'Acme', 'Globex', 'Maria Lopez']
		},
		{
			name: 'headline from → to',
			facts: { ...FULL, change: { field: 'headline', from: 'Engineer', to: 'CTO' } },
			says: ['Engineer', 'CTO', 'ongratulations']
		},
		{
			name: 'headline new only',
			facts: { ...FULL, change: { field: 'headline', from: '', to: 'CTO' } },
			says: ['CTO']
		},
		{
			name: 'now looking for something, I can help',
			facts: {
				...FULL,
				change: { field: 'lookingFor', from: '', to: 'a Svelte contractor' }
			},
			says: ['a Svelte contractor', 'help'],
			never: ['well done', 'ongratulations']
		},
		{
			name: 'looking for cleared',
			facts: { ...EMPTY, change: { field: 'lookingFor', from: 'a new job', to: '' } },
			says: ['a new job']
		},
		{
			name: 'company cleared',
			facts: { ...EMPTY, change: { field: 'company', from: 'Acme', to: '' } },
			says: ['Acme']
		},
		{
			name: 'can help with, new',
			facts: { ...EMPTY, change: { field: 'canHelpWith', from: 'Go', to: 'Rust mentoring' } },
			says: ['Rust mentoring']
		},
		{ name: 'every slot empty (no change)', facts: EMPTY, says: ['Hi,', 'card'] },
		{
			name: 'a change with both sides empty',
			facts: { ...EMPTY, change: { field: 'headline', from: '', to: '' } },
			says: ['card']
		}
	],
	anniversary: [
		{ name: 'full slots', facts: FULL, says: ['Hi Ann,', '2 years', 'Maria Lopez'] },
		{ name: 'one year', facts: { ...SOME, years: 1 }, says: ['year'], never: ['1 year'] },
		{ name: 'every slot empty', facts: EMPTY, says: ['Hi,'], never: ['0 year'] },
		{ name: 'years not a number', facts: { ...EMPTY, years: Number.NaN }, never: ['NaN'] }
	]
};

describe('draftFor: the table, every phrasing', () => {
	for (const kind of PROMPT_KINDS) {
		describe(kind, () => {
			for (const { name, facts, says = [], never = [] } of CASES[kind]) {
				it(name, () => {
					const drafts = everyPhrasing({ ...EMPTY, ...facts, kind });
					for (const draft of drafts) {
						expectClean(draft);
						expectTemplatesClean(draft);
						for (const text of says) expect(draft.body).toContain(text);
						for (const text of never) expect(draft.body).not.toContain(text);
					}
				});
			}
		});
	}
});

describe('draftFor: slots', () => {
	const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa'.split(' ');
	const longText = Array.from({ length: 400 }, (_, i) => words[i % words.length]).join(' ');
	const longest: DraftFacts = {
		...FULL,
		myName: longText,
		firstName: longText,
		eventName: longText,
		memoryNote: longText,
		promise: longText,
		need: longText,
		offer: longText,
		otherName: longText,
		myLookingFor: longText,
		change: { field: 'lookingFor', from: longText, to: longText }
	};

	it('keeps every draft under 600 characters with 2,000-character slots', () => {
		expect(longText.length).toBeGreaterThan(2000);
		for (const kind of PROMPT_KINDS) {
			for (const draft of everyPhrasing({ ...longest, kind })) expectClean(draft);
		}
	});

	it('keeps it so with one 2,000-character word and 2,000 emoji', () => {
		const word = 'x'.repeat(2000);
		const emoji = '👩‍💻🎉'.repeat(700);
		for (const kind of PROMPT_KINDS) {
			for (const text of [word, emoji]) {
				const facts: DraftFacts = {
					...FULL,
					kind,
					firstName: text,
					eventName: text,
					memoryNote: text,
					promise: text,
					need: text,
					offer: text,
					otherName: text,
					myName: text
				};
				for (const draft of everyPhrasing(facts)) expectClean(draft, facts);
			}
		}
	});

	it('clips a long note at a word boundary with an ellipsis', () => {
		const draft = draftFor({
			...EMPTY,
			kind: 'thank_you',
			promptId: IDS[0]!,
			memoryNote: longText
		});
		const topic = /our chat about ([^…]+)…/.exec(draft.body)?.[1] ?? '';
		expect(topic.length).toBeGreaterThan(60);
		expect(Array.from(topic).length).toBeLessThanOrEqual(120);
		expect(words).toContain(topic.split(' ').at(-1));
		expect(draft.body).not.toContain('….');
	});

	it('reads a note as a topic: "Talked about", "We chatted about" and "About" are dropped', () => {
		for (const note of [
			'Talked about the new Rust book.',
			'We chatted about the new Rust book',
			'about the new Rust book!',
			'The new Rust book'
		]) {
			const draft = draftFor({ ...EMPTY, kind: 'thank_you', promptId: IDS[0]!, memoryNote: note });
			expect(draft.body).toContain('our chat about the new Rust book.');
		}
	});

	it('tidies a slot: one line, no empty quotes, brackets rounded, no space before punctuation', () => {
		const draft = draftFor({
			...EMPTY,
			kind: 'thank_you',
			promptId: IDS[0]!,
			firstName: ' Ann\n',
			memoryNote: 'the "" talk [slides] , and\n\n{demos} ‹here› ""'
		});
		expectClean(draft);
		expect(draft.body).toContain("our chat about the talk (slides), and (demos) 'here'.");
		expect(draft.body.startsWith('Hi Ann,\n\n')).toBe(true);
	});

	it('drops bidi overrides and control characters, keeps RTL text and emoji', () => {
		const draft = draftFor({
			...EMPTY,
			kind: 'thank_you',
			promptId: IDS[0]!,
			firstName: 'שרה\u202E',
			memoryNote: 'مرحبا 🎉\u0007 sync'
		});
		expect(draft.body).toContain('Hi שרה,');
		expect(draft.body).toContain('our chat about مرحبا 🎉 sync');
		expect(draft.body).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
		expect(draft.body).not.toContain('\u0007');
	});

	it('signs off with my name, and not at all without it', () => {
		for (const kind of PROMPT_KINDS.filter((k) => k !== 'needs_note')) {
			for (const draft of everyPhrasing({ ...FULL, kind })) {
				expect(draft.body).toMatch(/,\nMaria Lopez$/);
			}
			for (const draft of everyPhrasing({ ...EMPTY, kind })) {
				expect(draft.body).not.toMatch(/(Warmly|Best|All the best|Thanks again),$/);
			}
		}
	});
});

describe('draftFor: reciprocity', () => {
	it('never asks anything of someone I lean on', () => {
		const asking: DraftFacts = {
			...FULL,
			leansOnThem: true,
			memoryNote: 'could you review my talk',
			need: 'someone who can you know',
			promise: 'ask if you would mind'
		};
		for (const kind of PROMPT_KINDS) {
			for (const draft of everyPhrasing({ ...asking, kind })) {
				expect(draft.body).not.toMatch(ASKS);
				expect(draft.body).not.toContain('co-organiser');
				expectClean(draft);
			}
		}
	});

	it('keeps names whole, even one that reads like an ask', () => {
		const draft = draftFor({
			...FULL,
			leansOnThem: true,
			myName: 'Duncan Young',
			promptId: IDS[0]!
		});
		expect(draft.body).toMatch(/\nDuncan Young$/);
	});

	it('mentions what I look for only in a check-in, and only when I do not lean on them', () => {
		for (const kind of PROMPT_KINDS) {
			for (const draft of everyPhrasing({ ...FULL, kind })) {
				expect(draft.body.includes('co-organiser')).toBe(kind === 'check_in');
				expect(draft.body).not.toMatch(ASKS);
			}
		}
	});
});

describe('draftFor: phrasing', () => {
	it('is FNV-1a (32-bit)', () => {
		expect(fnv1a('')).toBe(0x811c9dc5);
		expect(fnv1a('a')).toBe(0xe40c292c);
		expect(fnv1a('foobar')).toBe(0xbf9cf968);
	});

	it('is deterministic: the same facts give the same draft', () => {
		for (const kind of PROMPT_KINDS) {
			const facts = { ...FULL, kind, promptId: `${kind}:abc:2026-05-01` };
			expect(draftFor(facts)).toEqual(draftFor(structuredClone(facts)));
		}
	});

	it('varies: many prompt ids reach all three phrasings of every kind', () => {
		for (const kind of PROMPT_KINDS) {
			const bodies = new Set<string>();
			const subjects = new Set<string>();
			for (let i = 0; i < 60; i++) {
				const draft = draftFor({ ...FULL, kind, promptId: `${kind}:person-${i}` });
				bodies.add(draft.body);
				subjects.add(draft.subject);
			}
			expect(bodies.size, kind).toBe(PHRASINGS_PER_KIND);
			expect(subjects.size, kind).toBeGreaterThanOrEqual(2);
		}
		const hits = new Set(Array.from({ length: 60 }, (_, i) => phrasingIndex(`id-${i}`)));
		expect([...hits].sort()).toEqual([0, 1, 2]);
	});

	it('gives a short, specific subject', () => {
		expect(draftFor({ ...FULL, promptId: IDS[0]! }).subject).toBe('Great to meet you at DevConf');
		expect(draftFor({ ...EMPTY, promptId: IDS[0]! }).subject).toBe('Great to meet you');
	});
});

describe('draftFor: random facts (seeded)', () => {
	const FRAGMENTS = [
		'Ann',
		'Zoë',
		'Łódź',
		'東京',
		'שלום',
		'مرحبا بك',
		'🎉',
		'👩‍💻',
		'🇩🇪',
		'"',
		"'",
		'“',
		'”',
		'‘',
		'’',
		'«',
		'»',
		'‹',
		'›',
		'(',
		')',
		'[',
		']',
		'{',
		'}',
		'\n',
		'\r\n',
		'\t',
		' ',
		'  ',
		'\u00a0',
		',',
		'.',
		'…',
		'!',
		'?',
		';',
		':',
		'-',
		'—',
		'\u202e',
		'\u2067',
		'\ud83d',
		'\u0000',
		'talked about',
		'about',
		'could you',
		'can you',
		'would you mind',
		'offline sync',
		'the',
		'Rust',
		'mentor',
		'a',
		'%',
		'&',
		'#',
		'<b>',
		'café'
	];

	/** Names are never dropped, so they are drawn without the asking phrases. */
	const NAME_FRAGMENTS = FRAGMENTS.filter((f) => !ASKS.test(f));

	function randomText(next: () => number, fragments = FRAGMENTS): string {
		const roll = next();
		if (roll < 0.2) return '';
		const count = roll > 0.97 ? 600 : Math.floor(next() * 12);
		let text = '';
		for (let i = 0; i < count; i++) {
			text += fragments[Math.floor(next() * fragments.length)];
			if (next() < 0.5) text += ' ';
		}
		return text;
	}

	function randomFacts(next: () => number): DraftFacts {
		const fields = ['headline', 'company', 'canHelpWith', 'lookingFor'] as const;
		const years = [0, 1, 2, 7, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY];
		return {
			kind: PROMPT_KINDS[Math.floor(next() * PROMPT_KINDS.length)]!,
			promptId: randomText(next),
			myName: randomText(next, NAME_FRAGMENTS),
			firstName: randomText(next, NAME_FRAGMENTS),
			eventName: randomText(next),
			memoryNote: randomText(next),
			promise: randomText(next),
			need: randomText(next),
			offer: randomText(next),
			otherName: randomText(next, NAME_FRAGMENTS),
			change:
				next() < 0.3
					? null
					: {
							field: fields[Math.floor(next() * fields.length)]!,
							from: randomText(next),
							to: randomText(next)
						},
			years: years[Math.floor(next() * years.length)]!,
			leansOnThem: next() < 0.5,
			myLookingFor: `${randomText(next)} xylophone`
		};
	}

	it('keeps every rule for 3,000 random facts', () => {
		const next = prng(20260501);
		const failures: unknown[] = [];
		for (let i = 0; i < 3000; i++) {
			const facts = randomFacts(next);
			const draft = draftFor(facts);
			const problems = problemsOf(draft);
			const again = draftFor(structuredClone(facts));
			if (again.body !== draft.body || again.subject !== draft.subject) {
				problems.push('not deterministic');
			}
			if (facts.leansOnThem && ASKS.test(draft.body)) problems.push('asks while I lean on them');
			if ((facts.leansOnThem || facts.kind !== 'check_in') && draft.body.includes('xylophone')) {
				problems.push('mentions what I look for');
			}
			if (problems.length) failures.push({ index: i, problems, facts, draft });
		}
		expect(failures.slice(0, 3)).toEqual([]);
	}, 30_000);
});

describe('card fields and notes inside a sentence', () => {
	const bodies = (facts: Partial<DraftFacts>) =>
		Array.from({ length: 30 }, (_, i) =>
			draftFor({ ...FULL, kind: 'give', promptId: `give:p${i}`, ...facts })
		).map((d) => d.body);

	it('a phrase in sentence case starts lower case there', () => {
		const all = bodies({ need: 'Feedback on my pitch deck', offer: 'Reviewing pitch decks' });
		expect(all.some((b) => b.includes('feedback on my pitch deck'))).toBe(true);
		expect(all.join('\n')).not.toContain('Feedback on my pitch deck');
	});

	it('a single word, an acronym or a name-like word is kept as written', () => {
		for (const need of ['Rust', 'AI tools for teachers', 'iOS developers', 'Svelte reviews']) {
			expect(bodies({ need }).some((b) => b.includes(need))).toBe(true);
		}
	});
});
