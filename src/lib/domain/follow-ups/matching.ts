// Give-first matching: what a person is looking for against what someone offers. Deliberately
// crude and explainable (no AI): both texts become sets of meaningful word stems and the score is
// how many they share. Invariants: the same texts always score the same, a score of 0 is no
// match, and ties between offers go to the smaller id, so the choice is deterministic.

const STOP_WORDS = new Set(
	(
		'the and for with you your yours are any can could help helping looking look need needs ' +
		'want wants who what when where which how about from into onto over under this that these ' +
		'those them they their there here our ours out all also but not nor yet too very some such ' +
		'than then just like more most much many other others own same have has had having been ' +
		'being was were will would should may might must shall get got make made someone something ' +
		'anyone anything people person thing things way ways new good great happy well really ' +
		'its it’s i’m i’d let lets via per etc'
	).split(' ')
);

/**
 * A crude stem: plural -s/-es, -ing and -ed stripped, then a final silent e, each only when at
 * least three letters remain ("hiring", "hires", "hire" → "hir"; "class" stays).
 */
export function stem(word: string): string {
	let stemmed = word;
	for (const suffix of ['ing', 'ed', 'es', 's']) {
		if (suffix === 's' && word.endsWith('ss')) break;
		if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
			stemmed = word.slice(0, -suffix.length);
			break;
		}
	}
	return stemmed.length > 3 && stemmed.endsWith('e') ? stemmed.slice(0, -1) : stemmed;
}

/** Stems of texts already read (cards repeat from plan to plan; a text always gives the same). */
const wordsOfText = new Map<string, ReadonlySet<string>>();

/** The meaningful stems of a text: lower case, punctuation gone, stop and short words dropped. */
export function meaningfulWords(text: string): ReadonlySet<string> {
	let words = wordsOfText.get(text);
	if (!words) {
		words = wordsOf(text);
		if (wordsOfText.size > 50_000) wordsOfText.clear();
		wordsOfText.set(text, words);
	}
	return words;
}

function wordsOf(text: string): Set<string> {
	const words = new Set<string>();
	for (const word of text.toLowerCase().split(/[^\p{L}\p{N}’']+/u)) {
		const bare = word.replace(/['’]/g, '');
		if (bare.length < 3 || STOP_WORDS.has(word) || STOP_WORDS.has(bare)) continue;
		words.add(stem(bare));
	}
	return words;
}

/** How many stems two sets share. */
export function sharedCount(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	let count = 0;
	for (const word of small) if (large.has(word)) count++;
	return count;
}

/** An offer someone can match: whose it is and its stems. */
export interface Offer {
	id: string;
	words: ReadonlySet<string>;
}

export interface OfferMatch {
	id: string;
	score: number;
}

/**
 * Who offers which stem: built once per plan over every offering contact, so matching one need
 * costs the postings of its own words, not a pass over the whole network.
 */
export class OfferIndex {
	readonly #postings = new Map<string, number[]>();
	readonly #ids: string[] = [];
	/** Scratch scores per offer, all zero between calls (a need touches a few thousand at most). */
	readonly #scores: Uint32Array;

	constructor(offers: readonly Offer[]) {
		offers.forEach((offer, index) => {
			this.#ids.push(offer.id);
			for (const word of offer.words) {
				const posting = this.#postings.get(word);
				if (posting) posting.push(index);
				else this.#postings.set(word, [index]);
			}
		});
		this.#scores = new Uint32Array(offers.length);
	}

	/**
	 * The best offer for a need (most shared stems; ties: the smaller id), leaving out `selfId`
	 * and any offer `isExcluded` refuses; null when nothing shares a stem.
	 */
	best(
		need: ReadonlySet<string>,
		selfId: string,
		isExcluded: (id: string) => boolean
	): OfferMatch | null {
		const scores = this.#scores;
		const touched: number[] = [];
		for (const word of need) {
			const posting = this.#postings.get(word);
			if (!posting) continue;
			for (let p = 0; p < posting.length; p++) {
				const index = posting[p] ?? 0;
				const before = scores[index] ?? 0;
				scores[index] = before + 1;
				if (before === 0) touched.push(index);
			}
		}
		// The best is the top score, then the smallest id, of the offers not left out: found score by
		// score from the top (numbers first; ids compared only among the offers of one score).
		let top = 0;
		for (let t = 0; t < touched.length; t++) {
			const score = scores[touched[t] ?? 0] ?? 0;
			if (score > top) top = score;
		}
		let best: OfferMatch | null = null;
		for (let score = top; score > 0 && !best; score--) {
			for (let t = 0; t < touched.length; t++) {
				const index = touched[t] ?? 0;
				if (scores[index] !== score) continue;
				const id = this.#ids[index] ?? '';
				if (best && id >= best.id) continue;
				if (id === selfId || isExcluded(id)) continue;
				best = { id, score };
			}
		}
		for (let t = 0; t < touched.length; t++) scores[touched[t] ?? 0] = 0;
		return best;
	}
}
