// The committed collection types must be exactly what the migrations produce.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { TYPES_FILE, fetchCollections, renderTypes } from '../../scripts/typegen.js';

describe('generated collection types', () => {
	it('match the schema the migrations create (run `npm run typegen` when this fails)', async () => {
		const collections = await fetchCollections(
			inject('pbUrl'),
			inject('pbSuperuserEmail'),
			inject('pbSuperuserPassword')
		);
		expect(readFileSync(TYPES_FILE, 'utf8')).toBe(renderTypes(collections));
	});
});
