import { describe, expect, it } from 'vitest';
import { newRecordId } from './record-id';

describe('newRecordId', () => {
	it('makes PocketBase-shaped ids: 15 chars of [a-z0-9]', () => {
		for (let i = 0; i < 200; i++) expect(newRecordId()).toMatch(/^[a-z0-9]{15}$/);
	});

	it('does not repeat itself', () => {
		const ids = new Set(Array.from({ length: 5000 }, () => newRecordId()));
		expect(ids.size).toBe(5000);
	});
});
