import { describe, expect, it } from 'vitest';
import {
	draftOf,
	eventBody,
	eventDraftProblems,
	isKnownZone,
	isoToWallTime,
	wallTimeToIso,
	type EventDraft
} from './event-fields';

const draft = (fields: Partial<EventDraft> = {}): EventDraft => ({
	name: 'DevConf',
	starts: '2026-09-12T09:00',
	ends: '2026-09-12T18:00',
	place: 'Berlin',
	timeZone: 'Europe/Berlin',
	...fields
});

describe('event fields', () => {
	it('a wall time in the event zone is stored in UTC, and reads back the same', () => {
		expect(wallTimeToIso('2026-09-12T09:00', 'Europe/Berlin')).toBe('2026-09-12T07:00:00.000Z');
		expect(wallTimeToIso('2026-01-12T09:00', 'Europe/Berlin')).toBe('2026-01-12T08:00:00.000Z');
		expect(wallTimeToIso('2026-09-12T09:00', 'Asia/Kolkata')).toBe('2026-09-12T03:30:00.000Z');
		expect(wallTimeToIso('2026-09-12T09:00', 'America/Los_Angeles')).toBe(
			'2026-09-12T16:00:00.000Z'
		);
		for (const zone of ['Europe/Berlin', 'Pacific/Auckland', 'America/New_York', 'UTC']) {
			for (const wall of ['2026-03-08T12:15', '2026-10-25T23:59', '2026-12-31T00:00']) {
				expect(isoToWallTime(wallTimeToIso(wall, zone), zone), `${wall} ${zone}`).toBe(wall);
			}
		}
	});

	it('around a DST change: a time in the gap is the next valid one; an hour that comes twice, one of them', () => {
		// Berlin springs forward at 02:00 on 29 March 2026: 02:30 does not exist.
		expect(wallTimeToIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
		const twice = wallTimeToIso('2026-10-25T02:30', 'Europe/Berlin');
		expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(twice);
	});

	it('refuses what is not a date, a time or a zone', () => {
		expect(wallTimeToIso('2026-02-30T09:00', 'UTC')).toBe('');
		expect(wallTimeToIso('tomorrow', 'UTC')).toBe('');
		expect(wallTimeToIso('2026-09-12T09:00', 'Mars/Olympus')).toBe('');
		expect(isKnownZone('')).toBe(false);
		expect(isKnownZone('Europe/Berlin')).toBe(true);
		expect(isoToWallTime('', 'UTC')).toBe('');
		expect(isoToWallTime('2026-09-12T07:00:00.000Z', 'Not/AZone')).toBe('2026-09-12T07:00');
	});

	it('says what is wrong with a draft, field by field', () => {
		expect(eventDraftProblems(draft())).toEqual({});
		expect(eventDraftProblems(draft({ starts: '', ends: '' }))).toEqual({});
		expect(eventDraftProblems(draft({ name: '  ' })).name).toBe('Give the event a name.');
		expect(eventDraftProblems(draft({ name: 'x'.repeat(121) })).name).toMatch(/120/);
		expect(eventDraftProblems(draft({ place: 'x'.repeat(201) })).place).toMatch(/200/);
		expect(eventDraftProblems(draft({ ends: '2026-09-12T08:00' })).ends).toBe(
			'The end must come after the start.'
		);
		expect(eventDraftProblems(draft({ starts: '' })).starts).toBe('Give the start too.');
		expect(eventDraftProblems(draft({ timeZone: 'Nowhere' })).timeZone).toBeTruthy();
		expect(eventDraftProblems(draft({ starts: '2026-13-01T00:00' })).starts).toBeTruthy();
	});

	it('an event read into the form and saved unchanged stores the same fields', () => {
		const body = eventBody(draft({ name: ' DevConf ', place: ' Hall 4 ' }));
		expect(body).toEqual({
			name: 'DevConf',
			startsAt: '2026-09-12T07:00:00.000Z',
			endsAt: '2026-09-12T16:00:00.000Z',
			place: 'Hall 4',
			timeZone: 'Europe/Berlin'
		});
		expect(eventBody(draftOf(body, 'UTC'))).toEqual(body);
		expect(draftOf(null, 'Asia/Tokyo')).toEqual({
			name: '',
			starts: '',
			ends: '',
			place: '',
			timeZone: 'Asia/Tokyo'
		});
		expect(draftOf({ ...body, timeZone: '' }, 'UTC').starts).toBe('2026-09-12T07:00');
	});
});
