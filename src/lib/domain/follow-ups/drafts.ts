// Follow-up drafts, built from templates and never invented: each kind has three phrasings, picked
// by a stable hash of the prompt id, so the same prompt always reads the same. A body is a list of
// sentence parts, each naming the slots it needs; a part whose slot is empty is left out whole, so
// a draft never shows "undefined", "[topic]", an empty quote or a dangling "at .".
// Pure and dependency-free (no DOM, no $lib): the server can run it as it is.
import type { Draft, DraftFacts, PromptKind } from './types';

/** A body is always shorter than this (UTF-16 units, the strictest count). */
export const DRAFT_BODY_MAX = 600;
/** A subject is at most this long. */
export const DRAFT_SUBJECT_MAX = 80;
/** How many phrasings each kind has. */
export const PHRASINGS_PER_KIND = 3;

// ---------------------------------------------------------------------------------------------
// Slots: the facts, tidied and clipped, every one a finished piece of text or ''.

type ChangeField = NonNullable<DraftFacts['change']>['field'];

interface Slots {
	/** Their first name. */
	first: string;
	/** introduce: the other person, as named on their card. */
	other: string;
	/** introduce: the other person's first word, for the greeting. */
	otherFirst: string;
	me: string;
	event: string;
	/** The memory note as a topic ("offline sync in Svelte"), for "our chat about …". */
	note: string;
	promise: string;
	need: string;
	offer: string;
	/** card_changed: which field changed ('' without a change). */
	field: ChangeField | '';
	from: string;
	to: string;
	/** anniversary: "a year", "3 years" ('' under one year). */
	years: string;
	/** anniversary, for a subject: "One year", "3 years". */
	yearsTitle: string;
	/** check_in only, and only when I do not lean on them. */
	looking: string;
}

type TextSlot = Exclude<keyof Slots, 'field'>;

/** Code points per slot before clipping; the whole table shrinks when a body would run long. */
const LIMITS: Record<
	'first' | 'other' | 'me' | 'event' | 'note' | 'promise' | 'need' | 'offer' | 'change' | 'looking',
	number
> = {
	first: 40,
	other: 60,
	me: 60,
	event: 60,
	note: 120,
	promise: 120,
	need: 100,
	offer: 100,
	change: 60,
	looking: 80
};

/** Tried in turn until the body fits (the longest templates with every slot full fit at 1). */
const SCALES = [1, 0.75, 0.5, 0.35, 0.2, 0.1];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
/** Embeddings, overrides and isolates: one left open would flip the rest of my message. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
/** Said at neither end of a slot (each one UTF-16 unit). */
const EDGE = /[\s.,;:!?…\-–—·•]/;
/** Longer input is cut before tidying: every slot is clipped far below this anyway. */
const INPUT_MAX = 600;
/** An empty pair of quotes or brackets, left by a slot's own text ('""', '“ ”', "()"). */
const EMPTY_PAIR = /"\s*"|'\s*'|“\s*”|‘\s*’|«\s*»|`\s*`|\(\s*\)/g;
/** A slot with none of these (only quotes, brackets or dashes) says nothing and is left out. */
const WORDLIKE = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;
/** A trailing joiner or variation selector left by a hard cut. */
const DANGLING_JOINER = /(?:\u200D|\uFE0E|\uFE0F)+$/u;

/** Phrases that ask for something; a draft to someone I lean on never carries one. */
const ASK = /(?<![\p{L}\p{N}])(?:could|would|can|will)\s+you(?![\p{L}\p{N}])/iu;

/** Without spaces and punctuation at either end (a loop, as a regex anchored at $ backtracks). */
function trimEdges(text: string): string {
	let start = 0;
	let end = text.length;
	while (start < end && EDGE.test(text.charAt(start))) start++;
	while (end > start && EDGE.test(text.charAt(end - 1))) end--;
	return text.slice(start, end);
}

/**
 * A slot's text as a draft may show it: one line, single spaces, no control or bidi-override
 * characters, square and curly brackets rounded, empty quotes and brackets dropped, no space before
 * punctuation, no punctuation at either end.
 */
function tidy(value: string): string {
	let text = value
		.slice(0, INPUT_MAX)
		.replace(LONE_SURROGATE, '')
		.replace(CONTROL, ' ')
		.replace(BIDI_CONTROL, '')
		.replace(/[[{]/g, '(')
		.replace(/[\]}]/g, ')')
		.replace(/[‹›]/g, "'")
		.replace(/\s+/g, ' ');
	for (let before = ''; before !== text;) {
		before = text;
		text = text
			.replace(EMPTY_PAIR, ' ')
			.replace(/\s+([,.;:!?…)])/g, '$1')
			.replace(/\(\s+/g, '(')
			.replace(/\s+/g, ' ');
		text = trimEdges(text);
	}
	return WORDLIKE.test(text) ? text : '';
}

/**
 * At most `max` code points, cut at a word boundary when one is near, ending in "…" when cut (or,
 * for a subject, with nothing, since a subject has no trailing punctuation).
 */
function clip(text: string, max: number, ellipsis = '…'): string {
	if (text.length <= max) return text;
	// max code points fit in 2 × max units: the rest is never looked at
	const chars = Array.from(text.slice(0, 2 * max + 2));
	if (chars.length <= max) return text;
	const room = Math.max(1, max - ellipsis.length);
	const cut = chars.slice(0, room + 1).join('');
	const space = cut.lastIndexOf(' ');
	const kept =
		space >= Math.floor(cut.length / 2) ? cut.slice(0, space) : chars.slice(0, room).join('');
	const clean = trimEdges(kept.replace(DANGLING_JOINER, ''));
	return clean ? `${clean}${ellipsis}` : '';
}

/** Words that start a note but not a name: lower-cased after "our chat about". */
const FUNCTION_WORDS = new Set([
	'a',
	'an',
	'the',
	'her',
	'his',
	'their',
	'our',
	'my',
	'your',
	'how',
	'what',
	'why',
	'when',
	'where',
	'she',
	'he',
	'they',
	'we',
	'it',
	'its',
	"it's",
	'building',
	'working',
	'using',
	'moving',
	'hiring',
	'looking',
	'finding'
]);

/** A memory note as a topic: "Talked about The new Rust book." → "the new Rust book". */
function topicOf(note: string): string {
	const text = note
		.replace(/^(?:(?:we|i)\s+)?(?:talked|chatted|spoke)\s+(?:about|on)(?:\s+|$)/i, '')
		.replace(/^about(?:\s+|$)/i, '');
	const firstWord = text.split(' ', 1)[0] ?? '';
	if (FUNCTION_WORDS.has(firstWord.toLowerCase())) {
		return firstWord.toLowerCase() + text.slice(firstWord.length);
	}
	return text;
}

/** Words that open a card field or note in sentence case and are lower case inside a sentence. */
const COMMON_OPENERS = new Set([
	'advice',
	'collaborators',
	'customers',
	'designers',
	'developers',
	'engineers',
	'feedback',
	'funding',
	'help',
	'ideas',
	'introductions',
	'intros',
	'investors',
	'jobs',
	'mentors',
	'partners',
	'people',
	'speakers',
	'users',
	'work'
]);

/**
 * A phrase as it reads inside a sentence: a card field or note in sentence case ("Feedback on my
 * pitch deck", "Reviewing pitch decks", "A product designer") starts lower case there. Only when
 * its first word is plainly a common word (a function word, a verb in -ing, or a frequent opener),
 * in a phrase of several words: "Svelte performance reviews", "Rust" or "AI tools" stay as written.
 */
function asPhrase(text: string): string {
	const [first = '', ...rest] = text.split(' ');
	if (rest.length === 0 || !/^\p{Lu}\p{Ll}+$/u.test(first)) return text;
	const word = first.toLowerCase();
	const isCommon =
		FUNCTION_WORDS.has(word) || COMMON_OPENERS.has(word) || /^\p{Ll}{3,}ing$/u.test(word);
	return isCommon ? word + text.slice(first.length) : text;
}

/**
 * The facts' texts, tidied once (clipping comes per attempt). When I lean on them, a text that asks
 * ("could you…") is dropped, so its sentence is left out; names are never dropped.
 */
type Texts = Record<
	| 'first'
	| 'other'
	| 'me'
	| 'event'
	| 'note'
	| 'promise'
	| 'need'
	| 'offer'
	| 'from'
	| 'to'
	| 'looking',
	string
>;

function textsOf(facts: DraftFacts): Texts {
	const leans = facts.leansOnThem;
	const text = (value: string) => {
		const tidied = tidy(value);
		return leans && ASK.test(tidied) ? '' : tidied;
	};
	return {
		first: tidy(facts.firstName),
		other: tidy(facts.otherName),
		me: tidy(facts.myName),
		event: text(facts.eventName),
		note: asPhrase(topicOf(text(facts.memoryNote))),
		promise: asPhrase(text(facts.promise)),
		need: asPhrase(text(facts.need)),
		offer: asPhrase(text(facts.offer)),
		from: facts.change ? text(facts.change.from) : '',
		to: facts.change ? text(facts.change.to) : '',
		looking: leans ? '' : asPhrase(text(facts.myLookingFor))
	};
}

function slotsOf(facts: DraftFacts, texts: Texts, scale: number): Slots {
	const cut = (value: string, name: keyof typeof LIMITS) =>
		clip(value, Math.max(8, Math.floor(LIMITS[name] * scale)));
	const other = cut(texts.other, 'other');
	const wholeYears = Number.isFinite(facts.years) ? Math.floor(facts.years) : 0;
	return {
		first: cut(texts.first, 'first'),
		other,
		otherFirst: other.split(' ', 1)[0] ?? '',
		me: cut(texts.me, 'me'),
		event: cut(texts.event, 'event'),
		// An introduction goes to the other person too: my private note about them stays mine.
		note: facts.kind === 'introduce' ? '' : cut(texts.note, 'note'),
		promise: cut(texts.promise, 'promise'),
		need: cut(texts.need, 'need'),
		offer: cut(texts.offer, 'offer'),
		field: facts.change ? facts.change.field : '',
		from: cut(texts.from, 'change'),
		to: cut(texts.to, 'change'),
		years: wholeYears === 1 ? 'a year' : wholeYears > 1 ? `${wholeYears} years` : '',
		yearsTitle: wholeYears === 1 ? 'One year' : wholeYears > 1 ? `${wholeYears} years` : '',
		looking: cut(texts.looking, 'looking')
	};
}

// ---------------------------------------------------------------------------------------------
// Parts and phrasings.

interface Part {
	/** Slots that must be non-empty for this part to be said. */
	needs?: readonly TextSlot[];
	/** Slots that must be empty (the fallback for a part that needs them). */
	without?: readonly TextSlot[];
	/** card_changed: said only for a change of this field. */
	field?: ChangeField;
	text: (s: Slots) => string;
}

interface Phrasing {
	/** The first subject that fits is used; the last one should need nothing. */
	subject: readonly Part[];
	/** Say "Hi Ann," (a note to myself has none). */
	greeting: 'one' | 'both' | 'none';
	/** Paragraphs of sentences; a paragraph left with no sentence is dropped. */
	body: readonly (readonly Part[])[];
	/** "Warmly," above my name ('' for a note to myself). */
	signOff: string;
}

function fits(part: Part, s: Slots): boolean {
	if (part.field !== undefined && part.field !== s.field) return false;
	if (part.needs?.some((name) => s[name] === '')) return false;
	if (part.without?.some((name) => s[name] !== '')) return false;
	return true;
}

/** " at DevConf", or nothing. */
const atEvent = (s: Slots) => (s.event ? ` at ${s.event}` : '');
/** " since DevConf", or " since we met". */
const sinceEvent = (s: Slots) => (s.event ? ` since ${s.event}` : ' since we met');

const PHRASINGS: Record<PromptKind, readonly [Phrasing, Phrasing, Phrasing]> = {
	needs_note: [
		{
			greeting: 'none',
			signOff: '',
			subject: [
				{ needs: ['first'], text: (s) => `Note about ${s.first}` },
				{ text: () => 'A note to write' }
			],
			body: [
				[
					{ needs: ['first'], text: (s) => `What did you and ${s.first} talk about${atEvent(s)}?` },
					{ without: ['first'], text: (s) => `What did you talk about${atEvent(s)}?` },
					{ text: () => 'How might you help them?' },
					{ needs: ['promise'], text: (s) => `Your promise: ${s.promise}.` },
					{ needs: ['need'], text: (s) => `They are looking for ${s.need}.` }
				]
			]
		},
		{
			greeting: 'none',
			signOff: '',
			subject: [
				{ needs: ['first'], text: (s) => `What to remember about ${s.first}` },
				{ text: () => 'What to remember' }
			],
			body: [
				[
					{
						needs: ['first'],
						text: (s) => `While it is fresh: one line about ${s.first}${atEvent(s)}.`
					},
					{
						without: ['first'],
						text: (s) => `While it is fresh: one line about them${atEvent(s)}.`
					},
					{ text: () => 'What stood out, and what might you do for them?' },
					{ needs: ['promise'], text: (s) => `You said you would: ${s.promise}.` },
					{ needs: ['need'], text: (s) => `They need: ${s.need}.` }
				]
			]
		},
		{
			greeting: 'none',
			signOff: '',
			subject: [
				{ needs: ['first'], text: (s) => `Ten seconds on ${s.first}` },
				{ text: () => 'Ten seconds for a note' }
			],
			body: [
				[
					{
						needs: ['event'],
						text: (s) =>
							`Before ${s.event} blurs: what do you want to remember about ${s.first || 'them'}?`
					},
					{
						without: ['event'],
						text: (s) => `What do you want to remember about ${s.first || 'them'}?`
					},
					{ text: () => 'One thing you could give them?' },
					{ needs: ['promise'], text: (s) => `Still to do: ${s.promise}.` }
				]
			]
		}
	],

	thank_you: [
		{
			greeting: 'one',
			signOff: 'Warmly,',
			subject: [
				{ needs: ['event'], text: (s) => `Great to meet you at ${s.event}` },
				{ text: () => 'Great to meet you' }
			],
			body: [
				[
					{ text: (s) => `Thank you for taking the time to talk${atEvent(s)}.` },
					{ needs: ['note'], text: (s) => `I really enjoyed our chat about ${s.note}.` }
				],
				[
					{
						needs: ['promise'],
						text: (s) => `I have not forgotten what I said I would do: ${s.promise}.`
					},
					{
						needs: ['need'],
						text: (s) => `If I can help with ${s.need}, I would be glad to.`
					},
					{ text: () => 'I hope the rest of your week goes well.' }
				]
			]
		},
		{
			greeting: 'one',
			signOff: 'All the best,',
			subject: [
				{ needs: ['event'], text: (s) => `Thank you for the chat at ${s.event}` },
				{ text: () => 'Thank you for the chat' }
			],
			body: [
				[
					{ text: (s) => `It was a real pleasure to meet you${atEvent(s)}.` },
					{ needs: ['note'], text: (s) => `Our chat about ${s.note} has stayed with me.` },
					{ without: ['note'], text: () => 'Our chat has stayed with me.' }
				],
				[
					{ needs: ['promise'], text: (s) => `As I said, I will follow up on this: ${s.promise}.` },
					{
						needs: ['need'],
						text: (s) => `And if anything comes up around ${s.need}, I will keep you in mind.`
					}
				]
			]
		},
		{
			greeting: 'one',
			signOff: 'Thanks again,',
			subject: [
				{ needs: ['event'], text: (s) => `Lovely to meet you at ${s.event}` },
				{ text: () => 'Lovely to meet you' }
			],
			body: [
				[
					{ needs: ['event'], text: (s) => `Thank you for a good conversation at ${s.event}.` },
					{ without: ['event'], text: () => 'Thank you for a good conversation.' },
					{ needs: ['note'], text: (s) => `I learned a lot from our chat about ${s.note}.` }
				],
				[
					{ needs: ['promise'], text: (s) => `I am on it: ${s.promise}.` },
					{ needs: ['need'], text: (s) => `I will keep an eye out for ${s.need}.` },
					{ text: () => 'It would be good to stay in touch.' }
				]
			]
		}
	],

	promise: [
		{
			greeting: 'one',
			signOff: 'Warmly,',
			subject: [
				{ needs: ['event'], text: (s) => `What I promised at ${s.event}` },
				{ text: () => 'What I promised' }
			],
			body: [
				[
					{
						needs: ['promise'],
						text: (s) => `I said I would follow up${atEvent(s)}, and here it is: ${s.promise}.`
					},
					{
						without: ['promise'],
						text: (s) => `I said I would follow up${atEvent(s)}, and here I am.`
					},
					{ needs: ['note'], text: (s) => `It connects with our chat about ${s.note}.` }
				],
				[{ text: () => 'I hope it helps. Nothing needed in return.' }]
			]
		},
		{
			greeting: 'one',
			signOff: 'All the best,',
			subject: [
				{ needs: ['first'], text: (s) => `As promised, ${s.first}` },
				{ text: () => 'As promised' }
			],
			body: [
				[
					{ needs: ['promise'], text: (s) => `As promised: ${s.promise}.` },
					{ without: ['promise'], text: () => 'As promised, I am following up.' },
					{ needs: ['event'], text: (s) => `It was good to meet you at ${s.event}.` },
					{ needs: ['note'], text: (s) => `I have been thinking about our chat about ${s.note}.` }
				],
				[{ text: () => 'If it is useful, I am happy to do more.' }]
			]
		},
		{
			greeting: 'one',
			signOff: 'Best,',
			subject: [
				{ needs: ['event'], text: (s) => `Following up from ${s.event}` },
				{ text: () => 'Following up, as I said I would' }
			],
			body: [
				[
					{ needs: ['promise'], text: (s) => `I promised you this${atEvent(s)}: ${s.promise}.` },
					{ without: ['promise'], text: (s) => `I promised to follow up${atEvent(s)}.` },
					{ text: () => 'Here it is, with no strings attached.' },
					{ needs: ['note'], text: (s) => `Thank you again for our chat about ${s.note}.` }
				]
			]
		}
	],

	give: [
		{
			greeting: 'one',
			signOff: 'Warmly,',
			subject: [{ text: () => 'Something that might help' }],
			body: [
				[
					{
						needs: ['need'],
						text: (s) => `You mentioned${atEvent(s)} that you are looking for ${s.need}.`
					},
					{ without: ['need'], text: () => 'I was thinking about what you are working on.' },
					{ needs: ['offer'], text: (s) => `That is close to what I can help with: ${s.offer}.` },
					{ needs: ['note'], text: (s) => `It ties in with our chat about ${s.note}.` }
				],
				[
					{
						text: () => 'If it is useful, I am glad to share what I know. Nothing needed in return.'
					}
				]
			]
		},
		{
			greeting: 'one',
			signOff: 'All the best,',
			subject: [
				{ needs: ['first'], text: (s) => `Thought of you, ${s.first}` },
				{ text: () => 'Thought of you' }
			],
			body: [
				[
					{ needs: ['need'], text: (s) => `I remembered that you are looking for ${s.need}.` },
					{ without: ['need'], text: () => 'I thought of you today.' },
					{ needs: ['offer'], text: (s) => `I can help with ${s.offer}, and I would be glad to.` },
					{ without: ['offer'], text: () => 'I would be glad to help where I can.' },
					{ needs: ['event'], text: (s) => `It was good to meet you at ${s.event}.` }
				],
				[{ text: () => 'Just say the word, and no need to reply if the timing is wrong.' }]
			]
		},
		{
			greeting: 'one',
			signOff: 'Best,',
			subject: [
				{ needs: ['event'], text: (s) => `A small thing since ${s.event}` },
				{ text: () => 'A small thing for you' }
			],
			body: [
				[
					{
						needs: ['note'],
						text: (s) => `Since our chat about ${s.note}, I have been thinking of you.`
					},
					{
						needs: ['need'],
						text: (s) => `If you are still looking for ${s.need}, I may be able to help.`
					},
					{ needs: ['offer'], text: (s) => `It is something I know well: ${s.offer}.` },
					{ without: ['need', 'offer'], text: () => 'If I can help with anything, I am happy to.' }
				],
				[{ text: () => 'Happy to share whatever is useful.' }]
			]
		}
	],

	introduce: [
		{
			greeting: 'both',
			signOff: 'Warmly,',
			subject: [
				{ needs: ['first', 'other'], text: (s) => `Introduction: ${s.first} and ${s.otherFirst}` },
				{ text: () => 'An introduction' }
			],
			body: [
				[
					{
						needs: ['first', 'other'],
						text: (s) => `I would like to introduce you, ${s.first} and ${s.other}.`
					},
					{ without: ['first'], text: () => 'I would like to introduce you two.' },
					{
						needs: ['first'],
						without: ['other'],
						text: () => 'I would like to introduce you two.'
					},
					{ needs: ['first', 'event'], text: (s) => `${s.first} and I met at ${s.event}.` }
				],
				[
					{ needs: ['first', 'need'], text: (s) => `${s.first} is looking for ${s.need}.` },
					{
						needs: ['need'],
						without: ['first'],
						text: (s) => `One of you is looking for ${s.need}.`
					},
					{ needs: ['other', 'offer'], text: (s) => `${s.other} can help with ${s.offer}.` },
					{
						needs: ['offer'],
						without: ['other'],
						text: (s) => `The other can help with ${s.offer}.`
					},
					{ text: () => 'I think you would enjoy talking.' }
				],
				[{ text: () => 'No pressure on either side; I will leave it to you two from here.' }]
			]
		},
		{
			greeting: 'both',
			signOff: 'All the best,',
			subject: [
				{ needs: ['first', 'other'], text: (s) => `${s.first}, meet ${s.otherFirst}` },
				{ text: () => 'Two people who should meet' }
			],
			body: [
				[
					{
						needs: ['first', 'other'],
						text: (s) => `${s.first}, meet ${s.other}. ${s.otherFirst}, meet ${s.first}.`
					},
					{ without: ['first'], text: () => 'I wanted you two to meet.' },
					{ needs: ['first'], without: ['other'], text: () => 'I wanted you two to meet.' }
				],
				[
					{ needs: ['first', 'need'], text: (s) => `${s.first} is looking for ${s.need},` },
					{
						needs: ['need'],
						without: ['first'],
						text: (s) => `One of you is looking for ${s.need},`
					},
					{
						needs: ['need', 'other', 'offer'],
						text: (s) => `and ${s.other} knows ${s.offer} well.`
					},
					{
						needs: ['need', 'offer'],
						without: ['other'],
						text: (s) => `and the other knows ${s.offer} well.`
					},
					{
						needs: ['need'],
						without: ['offer'],
						text: () => 'and I think you can help each other.'
					},
					{
						needs: ['other', 'offer'],
						without: ['need'],
						text: (s) => `${s.other} knows ${s.offer} well.`
					},
					{ needs: ['event', 'first'], text: (s) => `I met ${s.first} at ${s.event}.` }
				],
				[{ text: () => 'I hope it is useful to you both. No need to loop me in.' }]
			]
		},
		{
			greeting: 'both',
			signOff: 'Best,',
			subject: [
				{
					needs: ['first', 'other'],
					text: (s) => `${s.first} and ${s.otherFirst}, an introduction`
				},
				{ text: () => 'Connecting you two' }
			],
			body: [
				[
					{ text: () => 'A quick introduction, because I think you two will get on.' },
					{
						needs: ['first', 'need', 'event'],
						text: (s) => `At ${s.event}, ${s.first} told me about looking for ${s.need}.`
					},
					{
						needs: ['first', 'need'],
						without: ['event'],
						text: (s) => `${s.first} told me about looking for ${s.need}.`
					},
					{
						needs: ['need'],
						without: ['first'],
						text: (s) => `One of you is looking for ${s.need}.`
					},
					{ needs: ['other', 'offer'], text: (s) => `${s.other} helps people with ${s.offer}.` },
					{
						needs: ['offer'],
						without: ['other'],
						text: (s) => `The other helps people with ${s.offer}.`
					}
				],
				[{ text: () => 'Over to you both, with no obligation either way.' }]
			]
		}
	],

	check_in: [
		{
			greeting: 'one',
			signOff: 'Warmly,',
			subject: [
				{ needs: ['first'], text: (s) => `Thinking of you, ${s.first}` },
				{ text: () => 'Thinking of you' }
			],
			body: [
				[
					{
						needs: ['event'],
						text: (s) => `It has been a while since ${s.event}, and I was thinking of you.`
					},
					{ without: ['event'], text: () => 'It has been a while, and I was thinking of you.' },
					{ needs: ['note'], text: (s) => `I was remembering our chat about ${s.note}.` },
					{ text: () => 'How are things going?' }
				],
				[
					{
						needs: ['need'],
						text: (s) => `If you are still looking for ${s.need}, I would be glad to help.`
					},
					{
						needs: ['offer'],
						without: ['need'],
						text: (s) => `If anything around ${s.offer} would help, I am happy to.`
					},
					{
						needs: ['looking'],
						text: (s) => `On my side, I am looking for ${s.looking}, in case anyone comes to mind.`
					},
					{ text: () => 'No need to reply if you are busy.' }
				]
			]
		},
		{
			greeting: 'one',
			signOff: 'All the best,',
			subject: [
				{ needs: ['first'], text: (s) => `Hello again, ${s.first}` },
				{ text: () => 'Hello again' }
			],
			body: [
				[
					{ text: () => 'I hope you are well.' },
					{ needs: ['note'], text: (s) => `Our chat about ${s.note} came to mind today.` },
					{ needs: ['event'], without: ['note'], text: (s) => `I was thinking back to ${s.event}.` }
				],
				[
					{
						needs: ['offer'],
						text: (s) => `If I can help with anything around ${s.offer}, just say.`
					},
					{
						needs: ['need'],
						without: ['offer'],
						text: (s) => `I am keeping an eye out for ${s.need} for you.`
					},
					{
						needs: ['looking'],
						text: (s) => `And if you ever hear of ${s.looking}, I would love to know.`
					},
					{ text: () => 'Either way, it is good to stay in touch.' }
				]
			]
		},
		{
			greeting: 'one',
			signOff: 'Best,',
			subject: [{ text: () => 'How are things going' }],
			body: [
				[
					{ text: () => 'Just a note to say hello.' },
					{
						needs: ['event'],
						without: ['note'],
						text: (s) => `I was thinking back to ${s.event}.`
					},
					{ needs: ['note'], text: (s) => `How has it gone since our chat about ${s.note}?` }
				],
				[
					{ needs: ['need'], text: (s) => `I am still keeping an eye out for ${s.need} for you.` },
					{ needs: ['offer'], text: (s) => `Happy to help with ${s.offer} whenever it is useful.` },
					{
						needs: ['looking'],
						text: (s) => `I am looking for ${s.looking} these days, if anything comes your way.`
					},
					{ text: () => 'No reply needed.' }
				]
			]
		}
	],

	card_changed: [
		{
			greeting: 'one',
			signOff: 'Warmly,',
			subject: [
				{ field: 'headline', needs: ['to'], text: () => 'Congratulations on the new role' },
				{ field: 'company', needs: ['to'], text: (s) => `Congratulations on joining ${s.to}` },
				{ field: 'lookingFor', needs: ['to'], text: () => 'About what you are looking for' },
				{ text: () => 'Saw your news' }
			],
			body: [
				[
					{
						field: 'headline',
						needs: ['from', 'to'],
						text: (s) => `I saw your card change from ${s.from} to ${s.to}. Congratulations!`
					},
					{
						field: 'headline',
						needs: ['to'],
						without: ['from'],
						text: (s) => `I saw your new role, ${s.to}. Congratulations!`
					},
					{
						field: 'company',
						needs: ['from', 'to'],
						text: (s) => `I saw you moved from ${s.from} to ${s.to}. Congratulations!`
					},
					{
						field: 'company',
						needs: ['to'],
						without: ['from'],
						text: (s) => `I saw you joined ${s.to}. Congratulations!`
					},
					{
						field: 'company',
						needs: ['from'],
						without: ['to'],
						text: (s) =>
							`I saw you have moved on from ${s.from}. Wishing you the best with what comes next.`
					},
					{
						field: 'canHelpWith',
						needs: ['to'],
						text: (s) => `I saw you now help people with ${s.to}. That is great to see.`
					},
					{
						field: 'lookingFor',
						needs: ['to'],
						text: (s) => `I saw you are now looking for ${s.to}.`
					},
					{
						field: 'lookingFor',
						needs: ['offer', 'to'],
						text: (s) => `I can help with ${s.offer}, if that is useful.`
					},
					{
						field: 'lookingFor',
						needs: ['to'],
						without: ['offer'],
						text: () => 'If I can help, I would be glad to.'
					},
					{
						field: 'lookingFor',
						needs: ['from'],
						without: ['to'],
						text: (s) => `It looks like you found ${s.from}. Congratulations!`
					},
					{
						without: ['to', 'from'],
						text: () => 'I saw your card change and wanted to say hello.'
					},
					{
						field: 'headline',
						needs: ['from'],
						without: ['to'],
						text: () => 'I saw your card change and wanted to say hello.'
					},
					{
						field: 'canHelpWith',
						needs: ['from'],
						without: ['to'],
						text: () => 'I saw your card change and wanted to say hello.'
					}
				],
				[
					{ needs: ['event'], text: (s) => `It was good to meet you at ${s.event}.` },
					{ text: () => 'I hope it is going well.' }
				]
			]
		},
		{
			greeting: 'one',
			signOff: 'All the best,',
			subject: [
				{ field: 'headline', needs: ['to'], text: () => 'Your new role' },
				{ field: 'company', needs: ['to'], text: (s) => `Your move to ${s.to}` },
				{ field: 'canHelpWith', needs: ['to'], text: () => 'Your updated card' },
				{ text: () => 'Your news' }
			],
			body: [
				[
					{
						field: 'headline',
						needs: ['from', 'to'],
						text: (s) => `From ${s.from} to ${s.to}: congratulations, that is a big step.`
					},
					{
						field: 'headline',
						needs: ['to'],
						without: ['from'],
						text: (s) => `${s.to}: congratulations, that is a big step.`
					},
					{
						field: 'company',
						needs: ['from', 'to'],
						text: (s) => `From ${s.from} to ${s.to}: congratulations on the move.`
					},
					{
						field: 'company',
						needs: ['to'],
						without: ['from'],
						text: (s) => `Congratulations on joining ${s.to}.`
					},
					{
						field: 'company',
						needs: ['from'],
						without: ['to'],
						text: (s) => `I noticed you have left ${s.from}. I hope the next thing is a good one.`
					},
					{
						field: 'canHelpWith',
						needs: ['to'],
						text: (s) => `Good to see you now help with ${s.to}.`
					},
					{
						field: 'lookingFor',
						needs: ['to'],
						text: (s) => `I noticed you are looking for ${s.to} now.`
					},
					{
						field: 'lookingFor',
						needs: ['offer', 'to'],
						text: (s) => `That is close to what I do (${s.offer}), so I would be glad to help.`
					},
					{
						field: 'lookingFor',
						needs: ['to'],
						without: ['offer'],
						text: () => 'I will keep my eyes open for you.'
					},
					{
						field: 'lookingFor',
						needs: ['from'],
						without: ['to'],
						text: (s) => `Did you find ${s.from}? If so, congratulations.`
					},
					{
						without: ['to', 'from'],
						text: () => 'I noticed your card changed and thought of you.'
					},
					{
						field: 'headline',
						needs: ['from'],
						without: ['to'],
						text: () => 'I noticed your card changed and thought of you.'
					},
					{
						field: 'canHelpWith',
						needs: ['from'],
						without: ['to'],
						text: () => 'I noticed your card changed and thought of you.'
					}
				],
				[
					{ needs: ['note'], text: (s) => `I still remember our chat about ${s.note}.` },
					{ text: () => 'Wishing you all the best with it.' }
				]
			]
		},
		{
			greeting: 'one',
			signOff: 'Best,',
			subject: [
				{ field: 'headline', needs: ['to'], text: () => 'Congratulations' },
				{ field: 'company', needs: ['to'], text: (s) => `Congratulations on the move to ${s.to}` },
				{ text: () => 'Good to see your update' }
			],
			body: [
				[
					{
						field: 'headline',
						needs: ['from', 'to'],
						text: (s) => `Congratulations on going from ${s.from} to ${s.to}!`
					},
					{
						field: 'headline',
						needs: ['to'],
						without: ['from'],
						text: (s) => `Congratulations on the new role: ${s.to}!`
					},
					{
						field: 'company',
						needs: ['from', 'to'],
						text: (s) => `Congratulations on the move from ${s.from} to ${s.to}!`
					},
					{
						field: 'company',
						needs: ['to'],
						without: ['from'],
						text: (s) => `Congratulations on the move to ${s.to}!`
					},
					{
						field: 'company',
						needs: ['from'],
						without: ['to'],
						text: (s) => `I saw your time at ${s.from} has ended. Good luck with what comes next.`
					},
					{
						field: 'canHelpWith',
						needs: ['to'],
						text: (s) => `${s.to} is a great thing to help people with.`
					},
					{
						field: 'lookingFor',
						needs: ['to'],
						text: (s) => `You are now looking for ${s.to}, and I may be able to help.`
					},
					{
						field: 'lookingFor',
						needs: ['offer', 'to'],
						text: (s) => `I know a fair bit about ${s.offer}.`
					},
					{
						field: 'lookingFor',
						needs: ['from'],
						without: ['to'],
						text: (s) => `It looks like the search for ${s.from} is over. Congratulations!`
					},
					{ without: ['to', 'from'], text: () => 'Good to see your card update.' },
					{
						field: 'headline',
						needs: ['from'],
						without: ['to'],
						text: () => 'Good to see your card update.'
					},
					{
						field: 'canHelpWith',
						needs: ['from'],
						without: ['to'],
						text: () => 'Good to see your card update.'
					}
				],
				[
					{ needs: ['event'], text: (s) => `It has been good knowing you since ${s.event}.` },
					{
						field: 'lookingFor',
						needs: ['to'],
						text: () => 'No need to reply; I just wanted you to know.'
					},
					{ without: ['to'], text: () => 'No need to reply; I just wanted to say well done.' },
					{
						field: 'headline',
						needs: ['to'],
						text: () => 'No need to reply; I just wanted to say well done.'
					},
					{
						field: 'company',
						needs: ['to'],
						text: () => 'No need to reply; I just wanted to say well done.'
					},
					{
						field: 'canHelpWith',
						needs: ['to'],
						text: () => 'No need to reply; I just wanted to say well done.'
					}
				]
			]
		}
	],

	anniversary: [
		{
			greeting: 'one',
			signOff: 'Warmly,',
			subject: [
				{ needs: ['yearsTitle', 'event'], text: (s) => `${s.yearsTitle} since ${s.event}` },
				{ needs: ['yearsTitle'], text: (s) => `${s.yearsTitle} since we met` },
				{ text: () => 'Since we met' }
			],
			body: [
				[
					{ needs: ['years'], text: (s) => `It is ${s.years} since we met${atEvent(s)}.` },
					{ without: ['years'], text: (s) => `I was thinking back to when we met${atEvent(s)}.` },
					{ needs: ['note'], text: (s) => `I still remember our chat about ${s.note}.` }
				],
				[
					{
						needs: ['offer'],
						text: (s) => `If anything around ${s.offer} would help you right now, I am glad to.`
					},
					{ text: () => 'I hope the time has been good to you.' }
				]
			]
		},
		{
			greeting: 'one',
			signOff: 'All the best,',
			subject: [
				{ needs: ['yearsTitle'], text: (s) => `${s.yearsTitle} already` },
				{ text: () => 'Thinking back' }
			],
			body: [
				[
					{
						needs: ['years'],
						text: (s) => `Hard to believe it has been ${s.years}${sinceEvent(s)}.`
					},
					{
						without: ['years'],
						text: (s) => `I was thinking of you and of when we met${atEvent(s)}.`
					},
					{ needs: ['note'], text: (s) => `Our chat about ${s.note} still comes to mind.` }
				],
				[
					{
						needs: ['need'],
						text: (s) => `If you are still looking for ${s.need}, I am happy to help.`
					},
					{ text: () => 'Thank you for staying in touch.' }
				]
			]
		},
		{
			greeting: 'one',
			signOff: 'Best,',
			subject: [
				{ needs: ['event'], text: (s) => `Remembering ${s.event}` },
				{ text: () => 'A small anniversary' }
			],
			body: [
				[
					{ needs: ['years', 'event'], text: (s) => `${s.yearsTitle} ago we met at ${s.event}.` },
					{ needs: ['years'], without: ['event'], text: (s) => `${s.yearsTitle} ago we met.` },
					{ without: ['years'], text: () => 'It was about this time of year that we met.' },
					{ needs: ['note'], text: (s) => `I have not forgotten our chat about ${s.note}.` }
				],
				[{ text: () => 'I hope things are going well. No need to reply.' }]
			]
		}
	]
};

// ---------------------------------------------------------------------------------------------
// Composing.

/** FNV-1a, 32-bit, over UTF-16 code units: the same id always picks the same phrasing. */
export function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** Which of the kind's phrasings a prompt reads in (0, 1 or 2). */
export function phrasingIndex(promptId: string): number {
	return fnv1a(promptId) % PHRASINGS_PER_KIND;
}

function greetingOf(phrasing: Phrasing, s: Slots): string {
	if (phrasing.greeting === 'none') return '';
	if (phrasing.greeting === 'both') {
		if (s.first && s.otherFirst) return `Hi ${s.first} and ${s.otherFirst},`;
		return 'Hi both,';
	}
	return s.first ? `Hi ${s.first},` : 'Hi,';
}

function compose(phrasing: Phrasing, s: Slots): Draft {
	const paragraphs = phrasing.body
		.map((parts) =>
			parts
				.filter((part) => fits(part, s))
				.map((part) => part.text(s).trim())
				.filter(Boolean)
				.join(' ')
		)
		.filter(Boolean);
	const greeting = greetingOf(phrasing, s);
	const signOff = phrasing.signOff && s.me ? `${phrasing.signOff}\n${s.me}` : '';
	const body = [greeting, ...paragraphs, signOff].filter(Boolean).join('\n\n').replace(/…\./g, '…');
	const subjectPart = phrasing.subject.find((part) => fits(part, s));
	return { subject: subjectOf(subjectPart ? subjectPart.text(s) : ''), body };
}

function subjectOf(text: string): string {
	return clip(tidy(text), DRAFT_SUBJECT_MAX, '') || 'Hello';
}

/**
 * The drafted message for a prompt: a subject (for email) and a body under 600 characters, from
 * one of the kind's three phrasings. Every slot may be empty; a sentence that needs an empty slot
 * is left out. When `leansOnThem`, the draft never asks (no "could you", nothing I am looking for).
 * An introduction never quotes my private memory note: it goes to the other person too.
 */
export function draftFor(facts: DraftFacts): Draft {
	const phrasings = PHRASINGS[facts.kind];
	const phrasing = phrasings[phrasingIndex(facts.promptId)] ?? phrasings[0];
	let draft: Draft = { subject: '', body: '' };
	const texts = textsOf(facts);
	for (const scale of SCALES) {
		draft = compose(phrasing, slotsOf(facts, texts, scale));
		if (draft.body.length < DRAFT_BODY_MAX) return draft;
	}
	const kept = Array.from(draft.body)
		.slice(0, DRAFT_BODY_MAX / 2 - 1)
		.join('');
	return { subject: draft.subject, body: kept.trimEnd() };
}
