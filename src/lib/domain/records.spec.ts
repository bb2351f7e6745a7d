import { describe, expect, it } from 'vitest';
import { prng } from '$lib/testing/prng';
import { DEFAULT_EVENT_FIELDS } from './event-card';
import {
	CADENCES,
	CHANNELS,
	DECISION_STATES,
	INTERACTION_KINDS,
	MODES,
	date,
	isPhotoPath,
	isTombstone,
	linksOf,
	parseCard,
	parseCardChange,
	parseConnection,
	parseDecision,
	parseEvent,
	parseInteraction,
	parseSettings,
	parseShareBack,
	parseSnapshot,
	type RawRecord
} from './records';

const PB_DATE = '2026-05-01 09:30:00.000Z';
const ISO = '2026-05-01T09:30:00.000Z';
const ISO_SHAPE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Values that are no field's right type: each parser must shrug all of them off. */
const GARBAGE: unknown[] = [
	null,
	undefined,
	0,
	-1,
	3.5,
	Number.NaN,
	Number.POSITIVE_INFINITY,
	true,
	false,
	[],
	[null, 1, {}],
	{},
	{ a: { b: [1, { c: null }] } },
	'',
	'not a date',
	() => 'a function'
];

/** A record whose every field read by any parser holds value. */
function recordOf(value: unknown): RawRecord {
	const fields = [
		'id',
		'owner',
		'card',
		'snapshot',
		'event',
		'metAt',
		'channel',
		'memoryNote',
		'howICanHelp',
		'promise',
		'tags',
		'cadence',
		'needsNote',
		'revoked',
		'level',
		'archived',
		'deleted',
		'created',
		'updated',
		'kind',
		'mode',
		'text',
		'at',
		'people',
		'promptId',
		'state',
		'until',
		'connection',
		'changes',
		'name',
		'startsAt',
		'endsAt',
		'place',
		'joinCode',
		'timeZone',
		'joiningClosed',
		'organiser',
		'email',
		'note',
		'headline',
		'company',
		'canHelpWith',
		'lookingFor',
		'links',
		'photo',
		'eventFields',
		'keyVersion',
		'dailyCap',
		'defaultCadence'
	];
	return Object.fromEntries(fields.map((f) => [f, value])) as RawRecord;
}

const PARSERS = {
	parseConnection,
	parseInteraction,
	parseDecision,
	parseCardChange,
	parseEvent,
	parseShareBack,
	parseCard,
	parseSettings,
	parseSnapshot: (r: RawRecord) => parseSnapshot(r)
};

/** Fields each parsed type holds as a date: '' or ISO, nothing else. */
const DATE_FIELDS = new Set([
	'metAt',
	'deleted',
	'created',
	'updated',
	'at',
	'until',
	'startsAt',
	'endsAt'
]);
/** Fields whose value must be one of a list. */
const ENUMS: Record<string, readonly unknown[]> = {
	channel: CHANNELS,
	cadence: [...CADENCES, ''],
	kind: INTERACTION_KINDS,
	mode: [...MODES, ''],
	state: DECISION_STATES,
	level: ['event', 'full', ''],
	defaultCadence: CADENCES
};

/**
 * Checks a parsed value against the parse of an empty record (the type's shape): same keys, same
 * kinds of value, dates as ISO or '', enums in their list. Returns what is wrong, if anything.
 */
function shapeProblems(parsed: object, empty: object, path = ''): string[] {
	const problems: string[] = [];
	const p = parsed as Record<string, unknown>;
	const e = empty as Record<string, unknown>;
	if (Object.keys(p).sort().join() !== Object.keys(e).sort().join())
		problems.push(`${path}: keys ${Object.keys(p).join()}`);
	for (const [key, value] of Object.entries(p)) {
		const at = `${path}.${key}`;
		const expected = e[key];
		if (Array.isArray(expected)) {
			if (!Array.isArray(value)) problems.push(`${at}: not a list`);
			continue;
		}
		if (expected !== null && typeof expected === 'object') {
			problems.push(...shapeProblems(value as object, expected, at));
			continue;
		}
		if (typeof value !== typeof expected) problems.push(`${at}: ${typeof value}`);
		if (DATE_FIELDS.has(key) && value !== '' && !ISO_SHAPE.test(String(value)))
			problems.push(`${at}: date ${String(value)}`);
		const allowed = ENUMS[key];
		if (allowed && !allowed.includes(value)) problems.push(`${at}: ${String(value)}`);
		if (
			key === 'dailyCap' &&
			!(Number.isInteger(value) && Number(value) >= 1 && Number(value) <= 20)
		)
			problems.push(`${at}: daily cap ${String(value)}`);
	}
	return problems;
}

describe('every parser, given garbage', () => {
	const parsers = Object.entries(PARSERS);

	it.each(parsers)('%s turns a record of {} into the empty values', (_name, parse) => {
		const empty = parse({} as RawRecord);
		expect(shapeProblems(empty, empty)).toEqual([]);
		for (const [key, value] of Object.entries(empty)) {
			// Enums fall back to their default; every other text is empty.
			if (typeof value === 'string' && !(key in ENUMS)) expect(value, key).toBe('');
		}
	});

	it.each(parsers)(
		'%s never throws and keeps its shape, whatever each field holds',
		(_n, parse) => {
			const empty = parse({} as RawRecord);
			for (const value of GARBAGE) {
				const parsed = parse(recordOf(value));
				expect(shapeProblems(parsed, empty), `every field = ${String(value)}`).toEqual([]);
			}
		}
	);

	it.each(parsers)('%s shrugs off a record that is not an object at all', (_n, parse) => {
		const empty = parse({} as RawRecord);
		for (const value of [null, undefined, 7, 'text', [1, 2], true]) {
			expect(parse(value as unknown as RawRecord)).toEqual(empty);
		}
	});
});

describe('random JSON fed to every parser (seeded: a failure names its seed)', () => {
	/** Random JSON, nested a few levels, with strings that look like the values parsers want. */
	function randomJson(rand: () => number, depth: number): unknown {
		const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
		const roll = rand();
		if (depth > 0 && roll < 0.15)
			return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth - 1));
		if (depth > 0 && roll < 0.3) {
			const keys = ['field', 'from', 'to', 'kind', 'url', 'label', 'name', 'x'];
			return Object.fromEntries(
				Array.from({ length: Math.floor(rand() * 4) }, () => [
					pick(keys),
					randomJson(rand, depth - 1)
				])
			);
		}
		if (roll < 0.4) return pick([null, true, false, 0, -0, 1e308, -42, 0.1, Number.NaN]);
		if (roll < 0.55)
			return pick([...INTERACTION_KINDS, ...CHANNELS, ...CADENCES, ...MODES, 'full']);
		if (roll < 0.7)
			return pick([PB_DATE, ISO, '2026-05-01', '2026-13-45 99:99:99.000Z', '1', '0', 'May 1', ' ']);
		if (roll < 0.8) return pick(['linkedin', 'contact:email', 'headline', 'photo', 'links']);
		return Array.from({ length: Math.floor(rand() * 6) }, () =>
			String.fromCharCode(32 + Math.floor(rand() * 0x2000))
		).join('');
	}

	it('1,000 random records parse to well-formed values in every type', () => {
		const parsers = Object.entries(PARSERS);
		const empties = new Map(parsers.map(([name, parse]) => [name, parse({} as RawRecord)]));
		for (let seed = 1; seed <= 1000; seed++) {
			const rand = prng(seed);
			const raw = Object.fromEntries(
				Object.keys(recordOf(null)).map((field) => [field, randomJson(rand, 3)])
			) as RawRecord;
			for (const [name, parse] of parsers) {
				let problems: string[];
				try {
					problems = shapeProblems(parse(raw), empties.get(name) as object);
				} catch (error) {
					problems = [`threw ${String(error)}`];
				}
				expect(problems, `${name}, seed ${seed}`).toEqual([]);
			}
		}
	});
});

describe('date', () => {
	it('turns PocketBase dates into ISO and keeps ISO as it is', () => {
		expect(date(PB_DATE)).toBe(ISO);
		expect(date(ISO)).toBe(ISO);
		expect(date('2026-05-01 09:30:00Z')).toBe(ISO);
		expect(date('2026-05-01')).toBe('2026-05-01T00:00:00.000Z');
	});

	it('gives "" for what is not a date', () => {
		for (const value of [...GARBAGE, ' ', '2026-13-45 99:99:99.000Z', 'soon']) {
			expect(date(value), String(value)).toBe('');
		}
	});

	it('does not read a bare number or a month name as a date', () => {
		// The engine's lenient parser reads '1' as 2001-01-01 and 'May 1' as 2001-05-01.
		for (const value of ['1', '0', '2026', 'May 1', 'Tuesday 12']) {
			expect(date(value), value).toBe('');
		}
	});

	it('does not pass on an ISO-shaped string that is no time', () => {
		expect(date('2026-99-99T99:99:99.999Z')).toBe('');
	});

	it('sorts as the times do once parsed (strings compare like the instants)', () => {
		const dates = [
			'2026-05-01 09:30:00.000Z',
			'2026-04-30T23:59:59.999Z',
			'2026-05-01 10:00:00.000Z'
		];
		expect(dates.map(date).sort()).toEqual([
			'2026-04-30T23:59:59.999Z',
			'2026-05-01T09:30:00.000Z',
			'2026-05-01T10:00:00.000Z'
		]);
	});
});

describe('linksOf', () => {
	it('keeps links with a url, an unknown kind as other, a label only when there is one', () => {
		expect(
			linksOf([
				{ kind: 'linkedin', url: 'https://linkedin.com/in/ada', label: 'Ada' },
				{ kind: 'myspace', url: 'https://myspace.com/ada' },
				{ kind: 'email', url: 'mailto:ada@example.org', label: '' },
				{ kind: 'phone', url: 'tel:+123', label: 7 }
			])
		).toEqual([
			{ kind: 'linkedin', url: 'https://linkedin.com/in/ada', label: 'Ada' },
			{ kind: 'other', url: 'https://myspace.com/ada' },
			{ kind: 'email', url: 'mailto:ada@example.org' },
			{ kind: 'phone', url: 'tel:+123' }
		]);
	});

	it('drops items without a string url and anything that is not a link', () => {
		expect(
			linksOf([
				{ kind: 'website' },
				{ kind: 'website', url: '' },
				{ kind: 'website', url: 42 },
				null,
				'https://example.org',
				['https://example.org'],
				{ kind: 'website', url: 'https://example.org' }
			])
		).toEqual([{ kind: 'website', url: 'https://example.org' }]);
	});

	it('gives an empty list for what is not a list', () => {
		for (const value of GARBAGE) expect(linksOf(value)).toEqual([]);
		expect(linksOf({ 0: { kind: 'website', url: 'https://x.org' }, length: 1 })).toEqual([]);
	});
});

describe('parseConnection', () => {
	it('reads a whole connection as PocketBase stores it', () => {
		const connection = parseConnection({
			id: 'conn00000000001',
			owner: 'useruseruser001',
			card: 'cardcardcard001',
			snapshot: {
				name: 'Ada',
				headline: 'Engineer',
				company: 'Analytical',
				canHelpWith: 'maths',
				lookingFor: 'looms',
				links: [{ kind: 'email', url: 'mailto:ada@example.org' }],
				photoUrl: '/api/tend/photos/cardcardcard001/ada.jpg',
				note: 'hi'
			},
			event: 'event0000000001',
			metAt: PB_DATE,
			channel: 'online',
			source: 'imported',
			memoryNote: 'coffee',
			howICanHelp: 'intro',
			promise: 'send paper',
			tags: ['maths', 'london'],
			cadence: 'close',
			needsNote: true,
			revoked: true,
			level: 'full',
			archived: true,
			deleted: '',
			created: PB_DATE,
			updated: '2026-05-02 10:00:00.000Z',
			collectionId: 'pbc_1',
			collectionName: 'connections'
		});
		expect(connection).toEqual({
			id: 'conn00000000001',
			owner: 'useruseruser001',
			card: 'cardcardcard001',
			snapshot: {
				name: 'Ada',
				headline: 'Engineer',
				company: 'Analytical',
				canHelpWith: 'maths',
				lookingFor: 'looms',
				links: [{ kind: 'email', url: 'mailto:ada@example.org' }],
				photoUrl: '/api/tend/photos/cardcardcard001/ada.jpg',
				note: 'hi'
			},
			event: 'event0000000001',
			metAt: ISO,
			channel: 'online',
			source: 'imported',
			memoryNote: 'coffee',
			howICanHelp: 'intro',
			promise: 'send paper',
			tags: ['maths', 'london'],
			cadence: 'close',
			needsNote: true,
			revoked: true,
			level: 'full',
			archived: true,
			deleted: '',
			created: ISO,
			updated: '2026-05-02T10:00:00.000Z'
		});
	});

	it('falls back for unknown enum values', () => {
		const c = parseConnection({ id: 'x', channel: 'pigeon', cadence: 'hourly', level: 'secret' });
		expect([c.channel, c.cadence, c.level]).toEqual(['in_person', '', '']);
	});

	it('takes metAt from created when it has none, and keeps the deletion time', () => {
		const c = parseConnection({ id: 'x', metAt: 'soon', created: PB_DATE, deleted: PB_DATE });
		expect(c.metAt).toBe(ISO);
		expect(c.deleted).toBe(ISO);
	});

	it('only true is true for flags ("true" and 1 are not)', () => {
		const c = parseConnection({ id: 'x', needsNote: 'true', revoked: 1, archived: 'yes' });
		expect([c.needsNote, c.revoked, c.archived]).toEqual([false, false, false]);
	});

	it('keeps only the non-empty strings of a tag list', () => {
		expect(parseConnection({ id: 'x', tags: ['a', '', 3, null, ['b'], 'c'] }).tags).toEqual([
			'a',
			'c'
		]);
		expect(parseConnection({ id: 'x', tags: 'a,c' }).tags).toEqual([]);
	});
});

describe('parseInteraction', () => {
	it('reads an introduction naming two people', () => {
		expect(
			parseInteraction({
				id: 'int000000000001',
				owner: 'useruseruser001',
				kind: 'introduced',
				mode: 'email',
				text: 'Ada, meet Charles',
				at: PB_DATE,
				people: ['conn00000000001', 'conn00000000002'],
				deleted: '',
				created: PB_DATE,
				updated: PB_DATE
			})
		).toEqual({
			id: 'int000000000001',
			owner: 'useruseruser001',
			kind: 'introduced',
			mode: 'email',
			text: 'Ada, meet Charles',
			at: ISO,
			people: ['conn00000000001', 'conn00000000002'],
			deleted: '',
			created: ISO,
			updated: ISO
		});
	});

	it('an unknown kind is a note, an unknown mode none, a missing time the creation time', () => {
		const i = parseInteraction({ id: 'x', kind: 'bribed', mode: 'telepathy', created: PB_DATE });
		expect([i.kind, i.mode, i.at]).toEqual(['note', '', ISO]);
	});

	it('people of the wrong shape become an empty list', () => {
		expect(parseInteraction({ id: 'x', people: 'conn00000000001' }).people).toEqual([]);
		expect(parseInteraction({ id: 'x', people: { 0: 'a' } }).people).toEqual([]);
		expect(parseInteraction({ id: 'x', people: [{ id: 'a' }, 'b'] }).people).toEqual(['b']);
	});
});

describe('parseDecision', () => {
	it('reads a snooze and falls back to done for an unknown state', () => {
		expect(
			parseDecision({ id: 'd', owner: 'u', promptId: 'p', state: 'snoozed', until: PB_DATE })
		).toMatchObject({ state: 'snoozed', until: ISO, promptId: 'p' });
		expect(parseDecision({ id: 'd', state: 'maybe' }).state).toBe('done');
	});
});

describe('parseSettings', () => {
	it('reads stored settings as they are', () => {
		expect(
			parseSettings({
				id: 'u',
				owner: 'u',
				dailyCap: 12,
				defaultCadence: 'close',
				created: PB_DATE,
				updated: PB_DATE
			})
		).toEqual({
			id: 'u',
			owner: 'u',
			dailyCap: 12,
			defaultCadence: 'close',
			created: ISO,
			updated: ISO
		});
	});

	it('defaults to 5 a day and occasional, and clamps the cap to a whole 1–20', () => {
		expect(parseSettings({ id: 'u' })).toMatchObject({ dailyCap: 5, defaultCadence: 'occasional' });
		const capOf = (dailyCap: unknown) => parseSettings({ id: 'u', dailyCap }).dailyCap;
		expect([0, -3, 21, 1e9, 2.4, 2.6, 1, 20].map(capOf)).toEqual([1, 1, 20, 20, 2, 3, 1, 20]);
		expect(['7', null, Number.NaN, Number.POSITIVE_INFINITY, true].map(capOf)).toEqual([
			5, 5, 5, 5, 5
		]);
		expect(parseSettings({ id: 'u', defaultCadence: '' }).defaultCadence).toBe('occasional');
		expect(parseSettings({ id: 'u', defaultCadence: 'hourly' }).defaultCadence).toBe('occasional');
	});
});

describe('parseDecision: the undo', () => {
	it('reads `open` (the prompt is back) as a state of its own', () => {
		expect(parseDecision({ id: 'd', promptId: 'p', state: 'open' }).state).toBe('open');
	});
});

describe('parseCardChange', () => {
	it('keeps changes that name a field, with null for a missing side', () => {
		expect(
			parseCardChange({
				id: 'c',
				owner: 'u',
				connection: 'conn00000000001',
				created: PB_DATE,
				changes: [
					{ field: 'headline', from: 'Engineer', to: 'CTO' },
					{ field: 'links', to: [{ kind: 'email', url: 'mailto:a@b.c' }] },
					{ field: '', from: 'x', to: 'y' },
					{ from: 'x', to: 'y' },
					{ field: 3, from: 'x' },
					'headline',
					null
				]
			})
		).toEqual({
			id: 'c',
			owner: 'u',
			connection: 'conn00000000001',
			created: ISO,
			changes: [
				{ field: 'headline', from: 'Engineer', to: 'CTO' },
				{ field: 'links', from: null, to: [{ kind: 'email', url: 'mailto:a@b.c' }] }
			]
		});
	});

	it('changes that are not a list become an empty list', () => {
		for (const changes of GARBAGE) {
			expect(parseCardChange({ id: 'c', changes }).changes).toEqual([]);
		}
	});
});

describe('parseEvent and parseShareBack', () => {
	it('read their fields, dates as ISO', () => {
		expect(
			parseEvent({
				id: 'e',
				name: 'Conf',
				startsAt: PB_DATE,
				endsAt: '2026-05-02 18:00:00.000Z',
				place: 'Lisbon',
				timeZone: 'Europe/Lisbon',
				joinCode: 'ABC',
				joiningClosed: true,
				organiser: 'u',
				created: PB_DATE,
				updated: PB_DATE
			})
		).toEqual({
			id: 'e',
			name: 'Conf',
			startsAt: ISO,
			endsAt: '2026-05-02T18:00:00.000Z',
			place: 'Lisbon',
			timeZone: 'Europe/Lisbon',
			joinCode: 'ABC',
			joiningClosed: true,
			organiser: 'u',
			created: ISO,
			updated: ISO
		});
		expect(
			parseShareBack({
				id: 's',
				card: 'k',
				name: 'Bo',
				email: 'bo@x.org',
				note: 'n',
				created: PB_DATE
			})
		).toEqual({ id: 's', card: 'k', name: 'Bo', email: 'bo@x.org', note: 'n', created: ISO });
	});
});

describe('parseEvent', () => {
	it('an event without a zone or a closing flag is in the device zone and open to joining', () => {
		expect(parseEvent({ id: 'e', name: 'Conf' })).toMatchObject({
			timeZone: '',
			joiningClosed: false,
			organiser: ''
		});
	});

	it('keeps a zone name of up to 64 characters and drops a longer one', () => {
		const zoneOf = (timeZone: unknown) => parseEvent({ id: 'e', timeZone }).timeZone;
		expect(zoneOf('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
		expect(zoneOf('x'.repeat(64))).toBe('x'.repeat(64));
		expect(zoneOf('x'.repeat(65))).toBe('');
		expect(zoneOf(7)).toBe('');
	});

	it('only true closes joining ("true" and 1 do not)', () => {
		const closedOf = (joiningClosed: unknown) =>
			parseEvent({ id: 'e', joiningClosed }).joiningClosed;
		expect([true, 'true', 1, null].map(closedOf)).toEqual([true, false, false, false]);
	});
});

describe('parseCard', () => {
	it('a key version is a positive integer, else 1', () => {
		expect(parseCard({ id: 'k', keyVersion: 3 }).keyVersion).toBe(3);
		for (const keyVersion of [0, -2, 1.5, '3', null, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(parseCard({ id: 'k', keyVersion }).keyVersion, String(keyVersion)).toBe(1);
		}
	});

	it('event fields fall back to the default when they are not a list', () => {
		expect(parseCard({ id: 'k', eventFields: 'headline' }).eventFields).toEqual([
			...DEFAULT_EVENT_FIELDS
		]);
		expect(parseCard({ id: 'k', eventFields: ['company', 'owner', 7] }).eventFields).toEqual([
			'company'
		]);
	});
});

describe('isTombstone', () => {
	it('is true only for a record with a non-empty deleted string', () => {
		expect(isTombstone({ id: 'x', deleted: PB_DATE })).toBe(true);
		expect(isTombstone({ id: 'x', deleted: '' })).toBe(false);
		expect(isTombstone({ id: 'x' })).toBe(false);
		expect(isTombstone({ id: 'x', deleted: true })).toBe(false);
		expect(isTombstone({ id: 'x', deleted: null })).toBe(false);
	});
});

describe('isPhotoPath', () => {
	it('accepts the server’s photo paths only', () => {
		expect(isPhotoPath('/api/tend/photos/cardcardcard001/ada_x1.jpg')).toBe(true);
		for (const value of [
			'',
			null,
			42,
			'https://evil.example/api/tend/photos/cardcardcard001/a.jpg',
			'/api/tend/photos/cardcardcard00/a.jpg',
			'/api/tend/photos/CARDCARDCARD001/a.jpg',
			'/api/tend/photos/cardcardcard001/../../secret',
			'/api/tend/photos/cardcardcard001/.hidden',
			'/api/tend/photos/cardcardcard001/a/b.jpg',
			`/api/tend/photos/cardcardcard001/${'a'.repeat(151)}`,
			'/api/tend/photos/cardcardcard001/a.jpg?x=1'
		]) {
			expect(isPhotoPath(value), String(value)).toBe(false);
		}
		expect(isPhotoPath(`/api/tend/photos/cardcardcard001/${'a'.repeat(150)}`)).toBe(true);
	});
});
