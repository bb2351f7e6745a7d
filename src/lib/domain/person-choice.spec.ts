import { describe, expect, it } from 'vitest';
import { summarise } from './network-views';
import { peopleToChoose } from './person-choice';
import { parseConnection } from './records';

function person(id: string, name: string, fields: Record<string, unknown> = {}) {
	return summarise(
		parseConnection({ id, snapshot: { name, company: `${name} Ltd`, headline: '' }, ...fields }),
		[]
	);
}

const ann = person('ann000000000001', 'Ann Åström');
const bo = person('bo0000000000001', 'Bo Chen');
const cy = person('cy0000000000001', 'Cy Archived', { archived: true });
const dee = person('dee000000000001', 'Dee Ann');
const everyone = [cy, bo, dee, ann];

describe('peopleToChoose', () => {
	it('finds people by every word typed, without accents or case', () => {
		expect(peopleToChoose(everyone, 'ann astr', []).map((p) => p.name)).toEqual(['Ann Åström']);
		expect(peopleToChoose(everyone, 'ANN', []).map((p) => p.name)).toEqual([
			'Ann Åström',
			'Dee Ann'
		]);
	});

	it('finds people by company too', () => {
		expect(peopleToChoose(everyone, 'chen ltd', []).map((p) => p.name)).toEqual(['Bo Chen']);
	});

	it('leaves out the people excluded or already chosen', () => {
		expect(peopleToChoose(everyone, '', [ann.id, bo.id]).map((p) => p.name)).toEqual([
			'Dee Ann',
			'Cy Archived'
		]);
	});

	it('offers everyone by name when nothing is typed, archived people last, at most `limit`', () => {
		expect(peopleToChoose(everyone, '', []).map((p) => p.name)).toEqual([
			'Ann Åström',
			'Bo Chen',
			'Dee Ann',
			'Cy Archived'
		]);
		expect(peopleToChoose(everyone, '', [], 2)).toHaveLength(2);
	});
});
