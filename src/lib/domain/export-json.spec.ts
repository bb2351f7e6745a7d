import { describe, expect, it } from 'vitest';
import {
	EXPORT_LISTS,
	MAX_EXPORT_CHARS,
	buildExport,
	exportFileName,
	exportToJson,
	parseExport,
	type TendExport
} from './export-json';
import { prng } from '../testing/prng';
import { NOW, OWNER, randomNetwork } from './testing/random-network';

function anExport(seed = 1): TendExport {
	const { input, card, settings, shareBacks } = randomNetwork(seed);
	return buildExport(
		{
			account: { id: OWNER, email: 'mia@example.org', name: 'Mia', created: '' },
			card,
			settings,
			connections: input.connections,
			interactions: input.interactions,
			cardChanges: input.cardChanges,
			events: input.events,
			decisions: input.decisions,
			shareBacks
		},
		Date.parse(NOW)
	);
}

/** A valid export's JSON with some of its top-level fields replaced. */
function withFields(fields: Record<string, unknown>): string {
	return JSON.stringify({ ...JSON.parse(exportToJson(anExport())), ...fields });
}

function refusal(content: unknown) {
	const parsed = parseExport(content);
	if (parsed.ok) throw new Error('expected a refusal');
	expect(parsed.message).toMatch(/^This .+\.$/);
	return parsed.reason;
}

describe('buildExport and exportToJson', () => {
	it('writes the documented frame: format, version, when, me and every list', () => {
		const exported = anExport();
		const file = JSON.parse(exportToJson(exported)) as Record<string, unknown>;
		expect(Object.keys(file)).toEqual(['format', 'version', 'exportedAt', 'me', ...EXPORT_LISTS]);
		expect(file.format).toBe('tend-export');
		expect(file.version).toBe(1);
		expect(file.exportedAt).toBe(NOW);
		expect(Object.keys(file.me as object)).toEqual(['account', 'card', 'settings']);
		expect(exported.connections.length).toBeGreaterThan(10);
	});

	it('writes one record to a line, and a line break at the end', () => {
		const exported = anExport();
		const text = exportToJson(exported);
		const records = EXPORT_LISTS.reduce((sum, list) => sum + exported[list].length, 0);
		const lines = text.split('\n');
		expect(lines.filter((line) => line.startsWith('    {'))).toHaveLength(records);
		expect(text.endsWith('}\n')).toBe(true);
	});

	it('writes empty lists as []', () => {
		const empty = buildExport(
			{
				card: null,
				settings: null,
				connections: [],
				interactions: [],
				cardChanges: [],
				events: [],
				decisions: []
			},
			Number.NaN
		);
		const parsed = parseExport(exportToJson(empty));
		expect(parsed.ok && parsed.export).toEqual({ ...empty, exportedAt: '' });
	});

	it('copies card changes’ values as plain JSON (no cycles, no functions, no BigInt)', () => {
		const cyclic: Record<string, unknown> = { a: 1 };
		cyclic.self = cyclic;
		const exported = buildExport(
			{
				card: null,
				settings: null,
				connections: [],
				interactions: [],
				events: [],
				decisions: [],
				cardChanges: [
					{
						id: 'chg000000000001',
						owner: OWNER,
						connection: 'conn00000000001',
						created: NOW,
						changes: [
							{ field: 'headline', from: cyclic, to: 10n },
							{ field: 'links', from: [{ kind: 'email', url: 'mailto:a@b.c' }], to: () => 1 }
						]
					}
				]
			},
			Date.parse(NOW)
		);
		expect(() => exportToJson(exported)).not.toThrow();
		expect(exported.cardChanges[0]?.changes).toEqual([
			{
				field: 'headline',
				from: { a: 1, self: { a: 1, self: { a: 1, self: { a: 1, self: null } } } },
				to: null
			},
			{ field: 'links', from: [{ kind: 'email', url: 'mailto:a@b.c' }], to: null }
		]);
	});

	it('names the file by the local day', () => {
		expect(exportFileName(Date.parse(NOW), 'Europe/Berlin')).toBe('tend-export-2026-09-01.json');
	});
});

describe('parseExport', () => {
	it.each([1, 2, 3])('reads back exactly what was exported (seed %i)', (seed) => {
		const exported = anExport(seed);
		const parsed = parseExport(exportToJson(exported));
		if (!parsed.ok) throw new Error(parsed.message);
		expect(parsed.export).toEqual(exported);
		expect(Object.values(parsed.skipped)).toEqual([0, 0, 0, 0, 0, 0]);
	});

	it('reads a file with a byte order mark, or written on one line', () => {
		const exported = anExport();
		expect(parseExport(`\uFEFF${exportToJson(exported)}`).ok).toBe(true);
		const parsed = parseExport(JSON.stringify(exported));
		expect(parsed.ok && parsed.export).toEqual(exported);
	});

	it.each([
		['not text', 42, 'not-json'],
		['nothing', '', 'empty'],
		['blanks', ' \n\t ', 'empty'],
		['a BOM alone', '\uFEFF', 'empty'],
		['not JSON', 'BEGIN:VCARD\r\nEND:VCARD', 'not-json'],
		['cut short', exportToJson(anExport()).slice(0, 500), 'not-json'],
		['a list', '[1,2,3]', 'not-an-export'],
		['null', 'null', 'not-an-export'],
		['a string', '"tend-export"', 'not-an-export'],
		['another format', withFields({ format: 'other-app' }), 'not-an-export'],
		['no format', withFields({ format: undefined }), 'not-an-export'],
		['a newer version', withFields({ version: 2 }), 'newer-version'],
		['version 0', withFields({ version: 0 }), 'unknown-version'],
		['version "1"', withFields({ version: '1' }), 'unknown-version'],
		['version 1.5', withFields({ version: 1.5 }), 'unknown-version'],
		['no version', withFields({ version: undefined }), 'unknown-version'],
		['connections not a list', withFields({ connections: { a: 1 } }), 'damaged'],
		['no interactions', withFields({ interactions: undefined }), 'damaged'],
		['share-backs a string', withFields({ shareBacks: 'x' }), 'damaged']
	])('refuses %s with a reason and a sentence', (_, content, reason) => {
		expect(refusal(content)).toBe(reason);
	});

	it('names the list that is not a list', () => {
		const parsed = parseExport(withFields({ decisions: 3 }));
		expect(!parsed.ok && parsed.message).toBe(
			'This export is damaged: its “decisions” is not a list.'
		);
	});

	it('refuses a file over the limit unread, and reads one just under it', () => {
		expect(refusal(' '.repeat(MAX_EXPORT_CHARS + 1))).toBe('too-large');
		const text = exportToJson(anExport());
		expect(parseExport(text, { maxChars: text.length }).ok).toBe(true);
		expect(parseExport(text, { maxChars: text.length - 1 }).ok).toBe(false);
	});

	const tenMb = 10 * 1024 * 1024;
	const random = prng(13);
	const binaryMb = Array.from({ length: 1024 * 1024 }, () =>
		String.fromCharCode(Math.floor(random() * 256))
	).join('');
	it.each([
		['binary', () => binaryMb.repeat(10), 'not-json'],
		['nested lists', () => '['.repeat(tenMb), 'not-json'],
		['nested objects', () => '{"a":'.repeat(tenMb / 5), 'not-json'],
		['a huge list', () => `[${'1,'.repeat(tenMb / 2)}1]`, 'not-an-export']
	])('refuses 10 MB of %s without throwing', (_, make, reason) => {
		const content = make();
		expect(content.length).toBeGreaterThanOrEqual(tenMb);
		expect(refusal(content)).toBe(reason);
	});

	it('reads a 10 MB export with one huge note (the restore cuts it to the server’s limit)', () => {
		const note = 'x'.repeat(10 * 1024 * 1024);
		const parsed = parseExport(
			withFields({ connections: [{ id: 'conn00000000001', memoryNote: note }] })
		);
		expect(parsed.ok && parsed.export.connections[0]?.memoryNote.length).toBe(note.length);
	});

	it('reads each record leniently: odd fields become their empty values', () => {
		const parsed = parseExport(
			withFields({
				connections: [
					{
						id: 'conn00000000001',
						snapshot: 'not a card',
						tags: 'not a list',
						channel: 'telepathy',
						memoryNote: 42,
						metAt: 'yesterday'
					}
				],
				interactions: [{ id: 'int000000000001', kind: 'hug', people: ['a', 1, null] }]
			})
		);
		if (!parsed.ok) throw new Error(parsed.message);
		expect(parsed.export.connections[0]).toMatchObject({
			snapshot: { name: '', links: [] },
			tags: [],
			channel: 'in_person',
			memoryNote: '',
			metAt: ''
		});
		expect(parsed.export.interactions[0]).toMatchObject({ kind: 'note', people: ['a'] });
	});

	it('skips and counts records without an id, or repeating one', () => {
		const parsed = parseExport(
			withFields({
				connections: [
					{ id: 'conn00000000001', memoryNote: 'first' },
					{ id: 'conn00000000001', memoryNote: 'second' },
					{ memoryNote: 'no id' },
					{ id: 7 },
					{ id: '' },
					{ id: 'x'.repeat(65) },
					null,
					'conn00000000002',
					[{ id: 'conn00000000003' }]
				],
				events: [{ id: 'evt1', name: 'DevConf' }, 12]
			})
		);
		if (!parsed.ok) throw new Error(parsed.message);
		expect(parsed.export.connections.map((c) => c.memoryNote)).toEqual(['first']);
		expect(parsed.skipped).toMatchObject({ connections: 8, events: 1, interactions: 0 });
	});

	it('reads `me` leniently: what is not a record is null', () => {
		const parsed = parseExport(withFields({ me: { account: 'x', card: [], settings: 5 } }));
		expect(parsed.ok && parsed.export.me).toEqual({ account: null, card: null, settings: null });
		const none = parseExport(withFields({ me: undefined }));
		expect(none.ok && none.export.me).toEqual({ account: null, card: null, settings: null });
	});

	it('is not polluted by __proto__, constructor or prototype keys', () => {
		const text = `{
			"__proto__": { "polluted": "file" },
			"constructor": { "prototype": { "polluted": "file" } },
			"format": "tend-export", "version": 1, "exportedAt": "${NOW}",
			"me": { "__proto__": { "card": { "id": "evil" } }, "card": null, "settings": null },
			"connections": [
				{ "id": "conn00000000001", "__proto__": { "memoryNote": "evil", "polluted": "record" },
				  "snapshot": { "__proto__": { "name": "evil" } },
				  "constructor": { "prototype": { "polluted": "record" } } }
			],
			"interactions": [], "events": [], "decisions": [], "shareBacks": [],
			"cardChanges": [
				{ "id": "chg000000000001", "changes": [
					{ "field": "headline", "from": { "__proto__": { "polluted": "value" }, "a": 1 },
					  "to": { "constructor": { "prototype": { "polluted": "value" } }, "b": [2] } }
				] }
			]
		}`;
		const parsed = parseExport(text);
		if (!parsed.ok) throw new Error(parsed.message);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.prototype).not.toHaveProperty('polluted');
		expect(parsed.export.me.card).toBeNull();
		const [connection] = parsed.export.connections;
		expect(connection?.memoryNote).toBe('');
		expect(connection?.snapshot.name).toBe('');
		expect(connection).not.toHaveProperty('polluted');
		const [change] = parsed.export.cardChanges[0]?.changes ?? [];
		expect(change).toEqual({ field: 'headline', from: { a: 1 }, to: { b: [2] } });
		expect(Object.getPrototypeOf(change?.from)).toBe(Object.prototype);
		expect(Object.keys(change?.from as object)).toEqual(['a']);
	});
});
