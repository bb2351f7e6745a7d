// My data, out and in, at 5,000 people: each export format (contacts .vcf, spreadsheet .csv,
// follow-ups calendar .ics, all my data .json) written from a seeded network, and each import
// (.vcf, LinkedIn's Connections.csv, the JSON export read back and planned as a restore) read,
// in Node, through the app's own domain modules bundled with vite's builder. Median of the
// timed runs after a warm-up. Then the gzipped size of each lazily loaded chunk of the formats
// in the built app (`build/`, from `vite build`), none of which may be in the first load.
// Prints figures; asserts nothing. Usage: node scripts/bench-data.js [--people 5000] [--runs 7]
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { median } from './lib/bench-app.js';
import { figure } from './lib/bench-report.js';
import { ROOT } from './lib/pocketbase.js';

const arg = (/** @type {string} */ name, /** @type {number} */ fallback) => {
	const i = process.argv.indexOf(name);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PEOPLE = arg('--people', 5000);
const RUNS = arg('--runs', 7);
const WARM_UP = 2;

/** Bundles the formats and the record parsers as one ES module for Node. */
async function bundle() {
	const dir = mkdtempSync(join(tmpdir(), 'tend-bench-data-'));
	const entry = join(dir, 'entry.ts');
	const domain = join(ROOT, 'src/lib/domain');
	writeFileSync(
		entry,
		[
			`export { connectionsToVCards } from '${domain}/export-vcard';`,
			`export { peopleToCsv } from '${domain}/export-csv';`,
			`export { followUpsToIcs } from '${domain}/export-ics';`,
			`export { buildExport, exportToJson, parseExport } from '${domain}/export-json';`,
			`export { restorePlan } from '${domain}/export-restore';`,
			`export { readVCardText } from '${domain}/import-vcard';`,
			`export { readLinkedInText } from '${domain}/import-linkedin';`,
			`export { previewImport } from '${domain}/import-dedupe';`,
			`export { plan } from '${domain}/follow-ups/plan';`,
			`export { parseConnection, parseInteraction, parseEvent } from '${domain}/records';`
		].join('\n')
	);
	try {
		const output = await build({
			configFile: false,
			logLevel: 'silent',
			root: dir,
			build: { write: false, minify: true, lib: { entry, formats: ['es'], fileName: 'data' } }
		});
		const outputs = Array.isArray(output) ? output : [output];
		for (const out of outputs) {
			if (!('output' in out)) continue;
			for (const chunk of out.output) if (chunk.type === 'chunk') return chunk.code;
		}
		throw new Error('no bundle');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * A seeded network of PEOPLE people with three interactions each and a few events.
 * @param {any} m the bundle's exports: untyped, since it is imported from a data: URL built at run time
 */
function network(m) {
	let a = 0x5eed;
	const random = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const now = Date.parse('2026-06-01T10:00:00.000Z');
	const day = 86_400_000;
	const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
	const id = (/** @type {string} */ p, /** @type {number} */ n) =>
		p + n.toString(36).padStart(15 - p.length, '0');
	const events = Array.from({ length: 10 }, (_, i) =>
		m.parseEvent({ id: id('e', i), name: `Conf ${i}, "Berlin"`, startsAt: iso(now - i * 30 * day) })
	);
	const connections = Array.from({ length: PEOPLE }, (_, i) =>
		m.parseConnection({
			id: id('p', i),
			snapshot: {
				name: `Ann ${i} Müller-Łukasz`,
				headline: i % 7 === 0 ? '=HYPERLINK("http://x")' : 'Engineer; "lead"',
				company: `Acme, Inc. ${i % 50}`,
				links: [
					{ kind: 'email', url: `mailto:ann${i}@example.org` },
					{ kind: 'phone', url: `tel:+4930${String(1000000 + i)}` },
					{ kind: 'linkedin', url: `https://www.linkedin.com/in/ann-${i}` }
				]
			},
			event: random() < 0.6 ? events[Math.floor(random() * events.length)]?.id : '',
			metAt: iso(now - random() * 700 * day),
			memoryNote: `Talked about looms, "punched cards" and commas, ${'x'.repeat(i % 200)}`,
			tags: ['conference', 'maths'],
			cadence: ['', 'close', 'regular', 'occasional'][i % 4]
		})
	);
	const kinds = ['gave', 'asked', 'conversation', 'followed_up', 'note'];
	const interactions = Array.from({ length: PEOPLE * 3 }, (_, i) =>
		m.parseInteraction({
			id: id('i', i),
			kind: kinds[i % kinds.length],
			text: 'Sent the article; they said thanks',
			at: iso(now - random() * 600 * day),
			people: [id('p', Math.floor(random() * PEOPLE))]
		})
	);
	return { connections, interactions, events, now };
}

/** @param {() => unknown} run */
function timed(run) {
	/** @type {number[]} */
	const times = [];
	let result;
	for (let i = 0; i < WARM_UP + RUNS; i++) {
		const start = performance.now();
		result = run();
		if (i >= WARM_UP) times.push(performance.now() - start);
	}
	return { ms: median(times.sort((x, y) => x - y)), result };
}

const code = await bundle();
const m = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const { connections, interactions, events, now } = network(m);
const zone = 'Europe/Berlin';
const input = {
	me: { name: 'Me', canHelpWith: 'looms', lookingFor: 'cards' },
	connections,
	interactions,
	cardChanges: [],
	events,
	decisions: [],
	settings: { dailyCap: 5, defaultCadence: 'occasional' },
	now,
	timeZone: zone
};
const prompts = m.plan(input).all;

const people = PEOPLE.toLocaleString('en-US');
// each: its label, what it runs, and the name of its figure (none: printed only)
/** @type {[string, () => unknown, string?][]} */
const exports = [
	[
		'contacts .vcf',
		() => m.connectionsToVCards(connections, { includeNotes: true }),
		`export .vcf, ${people} people`
	],
	[
		'spreadsheet .csv',
		() => m.peopleToCsv({ connections, interactions, events }, { timeZone: zone }),
		`export .csv, ${people} people`
	],
	[
		`calendar .ics (${prompts.length} follow-ups)`,
		() =>
			m.followUpsToIcs(prompts, {
				titleOf: (/** @type {{ kind: string }} */ p) => p.kind,
				now,
				timeZone: zone
			})
	],
	[
		'all my data .json',
		() =>
			m.exportToJson(
				m.buildExport(
					{
						card: null,
						settings: null,
						connections,
						interactions,
						cardChanges: [],
						events,
						decisions: []
					},
					now
				)
			),
		`export all my data .json, ${people} people`
	]
];
console.log(
	`${PEOPLE} people, ${interactions.length} interactions, Node ${process.version}, median of ${RUNS}`
);
/** @type {Record<string, string>} */
const files = {};
for (const [label, run, name] of exports) {
	const { ms, result } = timed(run);
	files[label] = String(result);
	const mb = String(result).length / 1024 / 1024;
	console.log(`export ${label}: ${ms.toFixed(0)} ms, ${mb.toFixed(1)} MB`);
	if (name) figure(name, ms, 'ms', { note: `median of ${RUNS}, ${mb.toFixed(1)} MB` });
}

const vcf = files['contacts .vcf'] ?? '';
const json = files['all my data .json'] ?? '';
const linkedin = [
	'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
	...connections.map(
		(/** @type {unknown} */ _c, /** @type {number} */ i) =>
			`Ann,"${i} Müller, Jr.",https://www.linkedin.com/in/ann-${i},ann${i}@example.org,"Acme, Inc.",Engineer,12 Mar 2024`
	)
].join('\r\n');
/** @type {[string, () => unknown, string][]} */
const imports = [
	[
		'contacts .vcf (read and preview against 5,000 people)',
		() => m.previewImport(m.readVCardText(vcf).contacts, connections),
		`import .vcf and preview, ${people} people`
	],
	[
		'LinkedIn Connections.csv (read and preview)',
		() => m.previewImport(m.readLinkedInText(linkedin).contacts, connections),
		`import LinkedIn .csv and preview, ${people} people`
	],
	[
		'all my data .json (read and plan a restore into a new account)',
		() => {
			const parsed = m.parseExport(json);
			if (!parsed.ok) throw new Error(parsed.message);
			return m.restorePlan(parsed.export, 'newowner0000001');
		},
		`restore from the .json export, ${people} people`
	]
];
for (const [label, run, name] of imports) {
	const { ms } = timed(run);
	console.log(`import ${label}: ${ms.toFixed(0)} ms`);
	figure(name, ms, 'ms', { note: `median of ${RUNS}` });
}

// The lazily loaded chunks of the formats in the built app.
const chunks = join(ROOT, 'build/_app/immutable/chunks');
if (!existsSync(chunks)) {
	console.log('chunk sizes: no build/ (run `vite build` first)');
	figure('lazy chunks of the formats, gzipped', NaN, 'KB', { note: 'no build/' });
} else {
	const markers = {
		'contacts .vcf writer': 'tend-contacts',
		'spreadsheet .csv writer': 'Last interaction kind',
		'calendar .ics writer': 'BEGIN:VCALENDAR',
		'JSON export and reader': 'tend-export',
		'restore planner': 'alreadyRestored',
		'contacts file reader (.vcf, Connections.csv)': 'Connected On',
		'import preview': 'same phone number',
		'other apps’ codes (vCard, MECARD)': 'MECARD'
	};
	/** @type {Map<string, number>} gzipped bytes by chunk file */
	const lazy = new Map();
	/** @type {string[]} */
	const missing = [];
	for (const [label, marker] of Object.entries(markers)) {
		const found = readdirSync(chunks).filter((f) =>
			readFileSync(join(chunks, f), 'utf8').includes(marker)
		);
		const sizes = found.map(
			(f) => `${(gzipSync(readFileSync(join(chunks, f))).length / 1024).toFixed(1)} KB`
		);
		console.log(`lazy chunk, ${label}: ${sizes.join(' + ') || 'not found'} gzipped`);
		for (const f of found) lazy.set(f, gzipSync(readFileSync(join(chunks, f))).length);
		if (!found.length) missing.push(label);
	}
	// each chunk once, though one may hold more than one format
	const total = [...lazy.values()].reduce((sum, bytes) => sum + bytes, 0) / 1024;
	figure('lazy chunks of the formats, gzipped', total, 'KB', {
		note:
			`${lazy.size} chunks, each counted once` +
			(missing.length ? `; not found: ${missing.join(', ')}` : '')
	});
}
