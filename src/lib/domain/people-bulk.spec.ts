import { describe, expect, it } from 'vitest';
import { bulkOutcome, type BulkChange } from './people-bulk';

const tag = (add: string[], remove: string[] = []): BulkChange => ({ kind: 'tag', add, remove });

describe('what a change to several people says', () => {
	it.each<[string, BulkChange, number, number, string]>([
		['tagging everyone', tag(['ai']), 12, 12, 'Tagged 12 people ‘ai’.'],
		['tagging some who had it', tag(['ai']), 10, 12, 'Tagged 10 people ‘ai’. 2 already had ‘ai’.'],
		['removing a tag', tag([], ['ai']), 1, 3, 'Removed ‘ai’ from 1 person. 2 did not have ‘ai’.'],
		['setting a channel', { kind: 'channel', channel: 'online' }, 3, 3, 'Set 3 people to Online.'],
		[
			'setting a cadence',
			{ kind: 'cadence', cadence: 'close' },
			2,
			2,
			'Set 2 people to Close (every month).'
		],
		[
			'archiving',
			{ kind: 'archived', archived: true },
			4,
			5,
			'Archived 4 people. 1 was already archived.'
		],
		['unarchiving', { kind: 'archived', archived: false }, 2, 2, 'Unarchived 2 people.'],
		[
			'a change nobody needed',
			{ kind: 'archived', archived: true },
			0,
			3,
			'Nothing to change: all 3 were already archived.'
		],
		['a tag one person had', tag(['ai']), 0, 1, 'Nothing to change: that person already had ‘ai’.']
	])('%s', (_, change, changed, selected, sentence) => {
		expect(bulkOutcome(change, changed, selected)).toBe(sentence);
	});
});
