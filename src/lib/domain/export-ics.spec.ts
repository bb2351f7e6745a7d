import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
	ICS_MIME,
	followUpUid,
	followUpsFileName,
	followUpsToIcs,
	localTimeToUtc,
	type FollowUpsIcsOptions
} from './export-ics';
import { promptTitle } from './follow-up-words';
import { plan } from './follow-ups/plan';
import { event, interaction, network, person } from './follow-ups/testing/network';
import type { Prompt } from './follow-ups/types';
import { AWKWARD_TEXT, withLineFeeds } from './testing/awkward-text';

const NOW = Date.parse('2026-05-02T10:00:00.000Z');

/** The events of an iCalendar text as ical.js (a third-party parser) reads them. */
function events(ics: string): ICAL.Component[] {
	const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
	expect(calendar.name).toBe('vcalendar');
	return calendar.getAllSubcomponents('vevent');
}

const value = (component: ICAL.Component, name: string) =>
	String(component.getFirstPropertyValue(name) ?? '');
const unixMs = (component: ICAL.Component, name: string) =>
	(component.getFirstPropertyValue(name) as ICAL.Time).toUnixTime() * 1000;

/** A real plan: people met at DevConf yesterday, one with a promise. */
function aPlan(timeZone = 'Europe/Berlin') {
	return plan(
		network({
			now: '2026-05-02T10:00:00.000Z',
			timeZone,
			connections: [
				person('ann', { event: 'ev1', promise: 'Send the paper' }),
				person('bob', { memoryNote: '' }),
				person('cy', { snapshot: { lookingFor: 'a designer' } })
			],
			events: [event('ev1', 'DevConf', '2026-05-01T08:00:00.000Z')],
			interactions: [interaction(['ann'], '2026-05-01T09:00:00.000Z', { kind: 'met' })]
		})
	);
}

const options = (overrides: Partial<FollowUpsIcsOptions> = {}): FollowUpsIcsOptions => ({
	titleOf: (prompt) => promptTitle(prompt.kind, prompt.people[0] ?? ''),
	now: NOW,
	timeZone: 'Europe/Berlin',
	...overrides
});

/** A prompt with words of my choosing. */
function aPrompt(fields: Partial<Prompt> = {}): Prompt {
	return {
		id: 'thank_you:ann:2026-05-01',
		kind: 'thank_you',
		people: ['ann'],
		due: '2026-05-01',
		latest: '2026-05-08',
		priority: 1,
		isLate: false,
		why: 'You met Ann yesterday.',
		draft: { subject: 'Great to meet you', body: 'Hi Ann,\n\nThank you.' },
		ways: [],
		day: '2026-05-02',
		...fields
	};
}

describe('followUpsToIcs', () => {
	it('writes one VEVENT per prompt of a real plan, each read back by ical.js', () => {
		const { all } = aPlan();
		expect(all.length).toBeGreaterThan(3);
		const ics = followUpsToIcs(all, options());
		expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const read = events(ics);
		expect(read.map((e) => value(e, 'uid'))).toEqual(all.map((p) => followUpUid(p.id)));
		expect(read.map((e) => value(e, 'summary'))).toEqual(
			all.map((p) => promptTitle(p.kind, p.people[0] ?? ''))
		);
	});

	it('puts the why and the draft in the description', () => {
		const prompt = aPlan().all.find((p) => p.kind === 'promise');
		if (!prompt) throw new Error('the plan has a promise');
		const [read] = events(followUpsToIcs([prompt], options()));
		if (!read) throw new Error('one event');
		expect(value(read, 'description')).toBe(
			`${prompt.why}\n\nDraft:\nSubject: ${prompt.draft.subject}\n${prompt.draft.body}`
		);
	});

	it('gives a prompt the same UID in every export, whatever else changed', () => {
		const first = events(followUpsToIcs(aPlan().all, options()));
		const later = events(
			followUpsToIcs(
				aPlan('America/New_York').all,
				options({ now: NOW + 86_400_000, timeZone: 'America/New_York' })
			)
		);
		const uids = (list: ICAL.Component[]) => list.map((e) => value(e, 'uid')).sort();
		expect(uids(later)).toEqual(uids(first));
		expect(value(later[0] as ICAL.Component, 'dtstamp')).not.toBe(
			value(first[0] as ICAL.Component, 'dtstamp')
		);
	});

	it('writes each UID once', () => {
		const prompt = aPrompt();
		expect(
			events(followUpsToIcs([prompt, { ...prompt, day: '2026-05-09' }], options()))
		).toHaveLength(1);
	});

	it('starts at 09:00 of the planned day in my zone, in UTC, for 15 minutes', () => {
		const [read] = events(followUpsToIcs([aPrompt({ day: '2026-05-04' })], options()));
		if (!read) throw new Error('one event');
		expect(unixMs(read, 'dtstart')).toBe(Date.parse('2026-05-04T07:00:00.000Z'));
		expect(unixMs(read, 'dtend')).toBe(Date.parse('2026-05-04T07:15:00.000Z'));
		expect(unixMs(read, 'dtstamp')).toBe(Date.parse('2026-05-02T10:00:00.000Z'));
		const ics = followUpsToIcs([aPrompt({ day: '2026-05-04' })], options());
		expect(ics).toContain('\r\nDTSTART:20260504T070000Z\r\n');
		expect(ics).toContain('\r\nDTEND:20260504T071500Z\r\n');
		expect(ics).toContain('\r\nDTSTAMP:20260502T100000Z\r\n');
	});

	it('has a display alarm 15 minutes before, and never makes me look busy', () => {
		const [read] = events(followUpsToIcs([aPrompt()], options()));
		const alarm = read?.getFirstSubcomponent('valarm');
		expect(value(alarm as ICAL.Component, 'action')).toBe('DISPLAY');
		expect(value(alarm as ICAL.Component, 'description')).toBe('Thank ann');
		expect((alarm?.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-15 * 60);
		expect(value(read as ICAL.Component, 'transp')).toBe('TRANSPARENT');
	});

	it('takes another start time, length and alarm', () => {
		const ics = followUpsToIcs(
			[aPrompt()],
			options({ startsAt: { hour: 17, minute: 30 }, durationMinutes: 60, alarmMinutesBefore: 0 })
		);
		const [read] = events(ics);
		expect(unixMs(read as ICAL.Component, 'dtstart')).toBe(Date.parse('2026-05-02T15:30:00.000Z'));
		expect(unixMs(read as ICAL.Component, 'dtend')).toBe(Date.parse('2026-05-02T16:30:00.000Z'));
		expect(ics).toContain('TRIGGER:PT0M');
	});

	it('uses the due day when the planned one is not a day, and leaves out a prompt with neither', () => {
		const read = events(
			followUpsToIcs(
				[
					aPrompt({ id: 'a', day: '', due: '2026-05-05' }),
					aPrompt({ id: 'b', day: 'soon', due: 'never' })
				],
				options()
			)
		);
		expect(read.map((e) => value(e, 'uid'))).toEqual(['a@tend']);
		expect(unixMs(read[0] as ICAL.Component, 'dtstart')).toBe(
			Date.parse('2026-05-05T07:00:00.000Z')
		);
	});

	it('writes a link to the app only when it is https and safe', () => {
		const ics = (url: string) => followUpsToIcs([aPrompt()], options({ urlOf: () => url }));
		const [read] = events(ics('https://tend.example.org/people/ann'));
		expect(value(read as ICAL.Component, 'url')).toBe('https://tend.example.org/people/ann');
		expect(ics('javascript:alert(1)')).not.toContain('URL:');
		expect(ics('http://tend.example.org/')).not.toContain('URL:');
		expect(ics('https://x.example.org/a\u0085b')).toContain('URL:https://x.example.org/a%C2%85b');
	});

	it('is a valid calendar with no events when nothing is coming up', () => {
		expect(events(followUpsToIcs([], options()))).toEqual([]);
	});

	it.each(AWKWARD_TEXT)('round-trips %s in the title, why and draft through ical.js', (_, text) => {
		const prompt = aPrompt({ why: text, draft: { subject: text, body: text } });
		const ics = followUpsToIcs([prompt], options({ titleOf: () => text }));
		const octets = (line: string) => new TextEncoder().encode(line).length;
		for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
		const decoded = new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(ics));
		expect(decoded).toBe(ics);
		const [read] = events(ics);
		const oneLine = withLineFeeds(text)
			.replace(/[\n\t]/g, ' ')
			.trim();
		const block = withLineFeeds(text).replace(/\t/g, ' ').trim();
		expect(value(read as ICAL.Component, 'summary')).toBe(oneLine || 'Follow up');
		const subject = withLineFeeds(text.trim()).replace(/\t/g, ' ');
		expect(value(read as ICAL.Component, 'description')).toBe(
			`${block}\n\nDraft:\nSubject: ${subject}\n${block}`
		);
	});

	it('escapes TEXT as RFC 5545 says and folds long lines at 75 octets', () => {
		const ics = followUpsToIcs(
			[aPrompt({ why: 'a;b,c\\d\ne' + 'é😀'.repeat(40) })],
			options({ titleOf: () => 'T;i,t\\le' })
		);
		expect(ics).toContain('\r\nSUMMARY:T\\;i\\,t\\\\le\r\n');
		expect(ics).toContain('DESCRIPTION:a\\;b\\,c\\\\d\\ne');
		expect(ics.split('\r\n').some((line) => line.startsWith(' '))).toBe(true);
	});
});

describe('localTimeToUtc', () => {
	it.each([
		['Europe/Berlin', '2026-01-15', '2026-01-15T08:00:00.000Z'],
		['Europe/Berlin', '2026-07-15', '2026-07-15T07:00:00.000Z'],
		// The days the clocks change: 09:00 is after the change either way.
		['Europe/Berlin', '2026-03-29', '2026-03-29T07:00:00.000Z'],
		['Europe/Berlin', '2026-10-25', '2026-10-25T08:00:00.000Z'],
		['America/New_York', '2026-03-08', '2026-03-08T13:00:00.000Z'],
		['America/New_York', '2026-11-01', '2026-11-01T14:00:00.000Z'],
		['Asia/Kolkata', '2026-05-01', '2026-05-01T03:30:00.000Z'],
		['Pacific/Kiritimati', '2026-05-01', '2026-04-30T19:00:00.000Z'],
		['Pacific/Pago_Pago', '2026-05-01', '2026-05-01T20:00:00.000Z'],
		['Australia/Lord_Howe', '2026-01-10', '2026-01-09T22:00:00.000Z'],
		['UTC', '2026-05-01', '2026-05-01T09:00:00.000Z'],
		['Not/AZone', '2026-05-01', '2026-05-01T09:00:00.000Z']
	])('09:00 in %s on %s is %s', (zone, day, utc) => {
		expect(localTimeToUtc(day, 9 * 60, zone)).toBe(Date.parse(utc));
	});

	it('is NaN for a day that is not one', () => {
		expect(localTimeToUtc('2026-02-30', 540, 'UTC')).toBeNaN();
	});
});

describe('followUpUid', () => {
	it('is the prompt id with anything unusual percent-encoded, at tend', () => {
		expect(followUpUid('check_in:ann:2026-05-01')).toBe('check_in:ann:2026-05-01@tend');
		expect(followUpUid('a b;c,d\\e\nf😀')).toBe('a%20b%3Bc%2Cd%5Ce%0Af%F0%9F%98%80@tend');
		expect(followUpUid('x\uD800')).toBe('x%EF%BF%BD@tend');
		expect(followUpUid('')).toBe('follow-up@tend');
	});

	it('tells different ids apart', () => {
		expect(followUpUid('a%20b')).not.toBe(followUpUid('a b'));
	});
});

describe('file name and type', () => {
	it('names the file by the local day', () => {
		expect(ICS_MIME).toBe('text/calendar');
		expect(followUpsFileName(NOW, 'Europe/Berlin')).toBe('tend-follow-ups-2026-05-02.ics');
	});
});
