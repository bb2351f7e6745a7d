import { describe, expect, it } from 'vitest';
import { meaningfulWords, OfferIndex, sharedCount, stem } from './matching';

describe('matching words', () => {
	it.each([
		['hiring', 'hir'],
		['hires', 'hir'],
		['hire', 'hir'],
		['hired', 'hir'],
		['designers', 'designer'],
		['classes', 'class'],
		['class', 'class'],
		['bus', 'bus'],
		['rust', 'rust']
	])('%s stems to %s', (word, stemmed) => {
		expect(stem(word)).toBe(stemmed);
	});

	it('keeps meaningful words only: lower case, no punctuation, stop words or short words', () => {
		expect([...meaningfulWords('Looking for a Rust mentor, and AI/ML help!')]).toEqual([
			'rust',
			'mentor'
		]);
		expect(meaningfulWords('I need to go').size).toBe(0);
	});

	it('scores by the stems two texts share', () => {
		expect(
			sharedCount(meaningfulWords('hiring designers'), meaningfulWords('I hire a designer'))
		).toBe(2);
	});
});

describe('OfferIndex', () => {
	const index = new OfferIndex([
		{ id: 'zed', words: meaningfulWords('rust mentoring') },
		{ id: 'amy', words: meaningfulWords('rust mentoring') },
		{ id: 'bob', words: meaningfulWords('gardening') }
	]);

	it('finds the best offer, ties to the smaller id, never the person themselves', () => {
		const need = meaningfulWords('a rust mentor');
		expect(index.best(need, 'nobody', () => false)).toEqual({ id: 'amy', score: 2 });
		expect(index.best(need, 'amy', () => false)).toEqual({ id: 'zed', score: 2 });
		expect(index.best(need, 'x', (id) => id === 'amy')).toEqual({ id: 'zed', score: 2 });
	});

	it('finds nothing without a shared word', () => {
		expect(index.best(meaningfulWords('investors'), 'x', () => false)).toBeNull();
	});
});
