// The JSON export of all my data ("tend-export", version 1; docs/export-format.md describes it
// field by field), and the reader of such a file, for restoring it (export-restore.ts).
// Invariants:
// - the file holds typed records only (what records.ts's parsers return), ids kept, tombstones
//   included (the server holds them too); never a token, a key or the outbox;
// - `parseExport` never throws and never trusts the file: a file too large, not JSON, not an
//   export, of another version or with a list that is not a list is refused with a reason and a
//   sentence; inside a good file, each record goes through its records.ts parser (a malformed field
//   becomes its empty value) and one without an id, or repeating an id, is skipped and counted;
// - card changes' old and new values (the only free-form values) are copied as plain JSON, at most
//   a few levels deep, without `__proto__`, `constructor` or `prototype` keys.
import {
	date,
	fieldsOf,
	parseCard,
	parseCardChange,
	parseConnection,
	parseDecision,
	parseEvent,
	parseInteraction,
	parseSettings,
	parseShareBack,
	text,
	type CardChange,
	type CardRecord,
	type Connection,
	type Decision,
	type EventRecord,
	type Interaction,
	type RawRecord,
	type Settings,
	type ShareBack
} from './records';
import { datedFileName } from './export-file-names';

export const EXPORT_FORMAT = 'tend-export';
export const EXPORT_VERSION = 1;
/** The MIME type of the export. */
export const JSON_MIME = 'application/json';

/** The account the export is of, as far as the device knows it. */
export interface ExportAccount {
	id: string;
	email: string;
	name: string;
	created: string;
}

/** A "tend-export" file, version 1. */
export interface TendExport {
	format: typeof EXPORT_FORMAT;
	version: typeof EXPORT_VERSION;
	/** When it was made (ISO 8601, UTC). */
	exportedAt: string;
	me: { account: ExportAccount | null; card: CardRecord | null; settings: Settings | null };
	connections: Connection[];
	interactions: Interaction[];
	cardChanges: CardChange[];
	events: EventRecord[];
	decisions: Decision[];
	/** Details people without the app sent me from my public card, not yet accepted. */
	shareBacks: ShareBack[];
}

/** The lists of an export, in the order the file writes them. */
export const EXPORT_LISTS = [
	'connections',
	'interactions',
	'cardChanges',
	'events',
	'decisions',
	'shareBacks'
] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

/** What an export is made of: the device's records, already typed. */
export interface ExportInput {
	account?: ExportAccount | null;
	card: CardRecord | null;
	settings: Settings | null;
	connections: Iterable<Connection>;
	interactions: Iterable<Interaction>;
	cardChanges: Iterable<CardChange>;
	events: Iterable<EventRecord>;
	decisions: Iterable<Decision>;
	shareBacks?: Iterable<ShareBack>;
}

/**
 * Files larger than this many characters are refused unread: 5,000 people with 15,000
 * interactions take 8 million, so a network many times the largest we plan for still fits.
 */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

/** How deep a card change's old or new value may nest (a list of links is 2). */
const MAX_VALUE_DEPTH = 4;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A copy of a value as plain JSON: finite numbers, strings, booleans, null, lists and objects. */
function plainJson(value: unknown, depth = 0): unknown {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'object' || depth >= MAX_VALUE_DEPTH) return null;
	if (Array.isArray(value)) return value.map((item) => plainJson(item, depth + 1));
	const copy: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) {
		if (!UNSAFE_KEYS.has(key)) copy[key] = plainJson(item, depth + 1);
	}
	return copy;
}

function plainChange(change: CardChange): CardChange {
	return {
		...change,
		changes: change.changes.map((c) => ({
			field: c.field,
			from: plainJson(c.from),
			to: plainJson(c.to)
		}))
	};
}

/** The ISO time of Unix milliseconds, or '' for a time that is not one. */
function isoOf(ms: number): string {
	return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : '';
}

/** The export of everything the device holds about me, made at `now` (Unix ms). */
export function buildExport(input: ExportInput, now: number): TendExport {
	return {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		exportedAt: isoOf(now),
		me: { account: input.account ?? null, card: input.card, settings: input.settings },
		connections: [...input.connections],
		interactions: [...input.interactions],
		cardChanges: Array.from(input.cardChanges, plainChange),
		events: [...input.events],
		decisions: [...input.decisions],
		shareBacks: [...(input.shareBacks ?? [])]
	};
}

/**
 * The file's text: JSON, one record to a line (readable, and diffable between two exports),
 * ending with a line break.
 */
export function exportToJson(exported: TendExport): string {
	const head = [
		`"format": ${JSON.stringify(exported.format)}`,
		`"version": ${JSON.stringify(exported.version)}`,
		`"exportedAt": ${JSON.stringify(exported.exportedAt)}`,
		`"me": ${JSON.stringify(exported.me)}`
	];
	const lists = EXPORT_LISTS.map((list) => {
		const records: readonly unknown[] = exported[list];
		if (records.length === 0) return `"${list}": []`;
		return `"${list}": [\n${records.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
	});
	return `{\n${[...head, ...lists].map((line) => `  ${line}`).join(',\n')}\n}\n`;
}

/** The file name of the export: `tend-export-YYYY-MM-DD.json` (the local day). */
export function exportFileName(now: number, timeZone = 'UTC'): string {
	return datedFileName('tend-export', 'json', now, timeZone);
}

// ——— Reading a file ———

export type ExportProblem =
	| 'too-large'
	| 'empty'
	| 'not-json'
	| 'not-an-export'
	| 'newer-version'
	| 'unknown-version'
	| 'damaged';

export type ParsedExport =
	| {
			ok: true;
			export: TendExport;
			/** Records left out because they had no id or repeated one, by list. */
			skipped: Record<ExportList, number>;
	  }
	| { ok: false; reason: ExportProblem; message: string };

export interface ParseExportOptions {
	/** The largest file read, in characters (MAX_EXPORT_CHARS unless told). */
	maxChars?: number;
}

const MESSAGES: Record<Exclude<ExportProblem, 'damaged'>, string> = {
	'too-large': 'This file is too large to be a Tend export.',
	empty: 'This file is empty.',
	'not-json': 'This file is not a Tend export: it is not JSON.',
	'not-an-export': 'This file is not a Tend export.',
	'newer-version':
		'This export was made by a newer version of Tend. Update the app, then try again.',
	'unknown-version': 'This export has a version Tend does not know.'
};

const refuse = (reason: Exclude<ExportProblem, 'damaged'>): ParsedExport => ({
	ok: false,
	reason,
	message: MESSAGES[reason]
});

const PARSERS = {
	connections: parseConnection,
	interactions: parseInteraction,
	cardChanges: (record: RawRecord) => plainChange(parseCardChange(record)),
	events: parseEvent,
	decisions: parseDecision,
	shareBacks: parseShareBack
} satisfies Record<ExportList, (record: RawRecord) => unknown>;

/** The longest record id read (PocketBase's are 15 characters). */
const MAX_ID = 64;

function isRecord(value: unknown): value is RawRecord {
	const id = fieldsOf(value).id;
	return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID;
}

/** Each record of a list through its parser; records without an id, or repeating one, skipped. */
function parseList<T extends { id: string }>(
	values: readonly unknown[],
	parse: (record: RawRecord) => T
): { records: T[]; skipped: number } {
	const records: T[] = [];
	const ids = new Set<string>();
	for (const value of values) {
		if (!isRecord(value) || ids.has(value.id)) continue;
		ids.add(value.id);
		records.push(parse(value));
	}
	return { records, skipped: values.length - records.length };
}

function parseAccount(value: unknown): ExportAccount | null {
	const a = fieldsOf(value);
	if (typeof a.id !== 'string' || !a.id) return null;
	return { id: a.id, email: text(a.email), name: text(a.name), created: date(a.created) };
}

/** Reads an export file's text: the typed export, or why it cannot be one. Never throws. */
export function parseExport(content: unknown, options: ParseExportOptions = {}): ParsedExport {
	if (typeof content !== 'string') return refuse('not-json');
	if (content.length > (options.maxChars ?? MAX_EXPORT_CHARS)) return refuse('too-large');
	const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
	if (!body.trim()) return refuse('empty');
	let raw: unknown;
	try {
		raw = JSON.parse(body);
	} catch {
		return refuse('not-json');
	}
	const file = fieldsOf(raw);
	if (file.format !== EXPORT_FORMAT) return refuse('not-an-export');
	if (typeof file.version !== 'number' || !Number.isInteger(file.version)) {
		return refuse('unknown-version');
	}
	if (file.version > EXPORT_VERSION) return refuse('newer-version');
	if (file.version !== EXPORT_VERSION) return refuse('unknown-version');
	for (const list of EXPORT_LISTS) {
		if (!Array.isArray(file[list])) {
			return {
				ok: false,
				reason: 'damaged',
				message: `This export is damaged: its “${list}” is not a list.`
			};
		}
	}
	const lists = (list: ExportList) => file[list] as unknown[];
	const connections = parseList(lists('connections'), PARSERS.connections);
	const interactions = parseList(lists('interactions'), PARSERS.interactions);
	const cardChanges = parseList(lists('cardChanges'), PARSERS.cardChanges);
	const events = parseList(lists('events'), PARSERS.events);
	const decisions = parseList(lists('decisions'), PARSERS.decisions);
	const shareBacks = parseList(lists('shareBacks'), PARSERS.shareBacks);
	const me = fieldsOf(file.me);
	return {
		ok: true,
		export: {
			format: EXPORT_FORMAT,
			version: EXPORT_VERSION,
			exportedAt: date(file.exportedAt),
			me: {
				account: parseAccount(me.account),
				card: isRecord(me.card) ? parseCard(me.card) : null,
				settings: isRecord(me.settings) ? parseSettings(me.settings) : null
			},
			connections: connections.records,
			interactions: interactions.records,
			cardChanges: cardChanges.records,
			events: events.records,
			decisions: decisions.records,
			shareBacks: shareBacks.records
		},
		skipped: {
			connections: connections.skipped,
			interactions: interactions.skipped,
			cardChanges: cardChanges.skipped,
			events: events.skipped,
			decisions: decisions.skipped,
			shareBacks: shareBacks.skipped
		}
	};
}
