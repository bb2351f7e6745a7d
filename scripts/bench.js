// `npm run bench`: every speed and size figure Tend has targets for, measured (never asserted) in
// one run of about ten minutes on loopback. Each part is its own script (it can also be run alone:
// `node scripts/bench-swaps.js`) and prints its own lines; a part that fails is reported and the
// others still run. The headline figures each part records (scripts/lib/bench-report.js) are
// printed at the end as one table and written to bench/results.json with the machine, the date
// and the versions (and as a Markdown table to bench/results.md, for the README).
// Usage: npm run bench [-- --full] [-- <part>]   (--full: also the 10-minute soak, and every
// Lighthouse throttling and layout-shift run; <part>: only the parts whose script names it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_BIN } from './lib/chromium.js';
import { pinnedVersion, ROOT } from './lib/pocketbase.js';

/**
 * Each part: its title, its script, the arguments of the ten-minute suite and of --full, and
 * whether it runs only with --full.
 * @typedef {{ title: string, file: string, quick?: string[], full?: string[], fullOnly?: boolean }} Part
 * @type {Part[]}
 */
const PARTS = [
	{
		title: 'Client weight: first-load JS and CSS, lazy chunks, bytes sent',
		file: 'bench-first-load.js'
	},
	{ title: 'Requests on each app open', file: 'bench-requests.js' },
	{ title: 'QR code size', file: 'bench-qr.js' },
	{ title: 'Scan to card latency; still-image read failures', file: 'bench-scan.js' },
	{ title: 'Swaps per second vs plain creates', file: 'bench-swaps.js' },
	{ title: "Where a swap's server time goes (CPU profile)", file: 'profile-swaps.js' },
	{ title: 'Memory under 100 MB bodies at every route', file: 'bench-bad-input.js' },
	{ title: 'Swaps with 0, 1,000 and 3,000 live streams open; notices', file: 'bench-live.js' },
	{ title: 'Joins into an empty event and one with 10,000 members', file: 'bench-events.js' },
	{ title: "Swap to the other person's notice", file: 'bench-notice.js' },
	{ title: 'Durability: kill -9 in the middle of a swap run', file: 'bench-durability.js' },
	{ title: 'Outbox drain', file: 'bench-sync.js' },
	{ title: 'Opening the installed app offline to my code', file: 'bench-offline-open.js' },
	{ title: 'People with 5,000 people and 50,000 interactions', file: 'bench-people.js' },
	{
		title: 'Follow-up plan, 10,000 contacts and 100,000 interactions',
		file: 'bench-follow-ups.js'
	},
	{ title: 'Export and import of 5,000 people; lazy chunks', file: 'bench-data.js' },
	{
		title: 'Layout shift of /swap and /me, new and returning device',
		file: 'bench-cls.js',
		quick: ['--runs', '1', '--phones', '2']
	},
	{
		title: 'Lighthouse mobile on the entry screens, new device; installability',
		file: 'bench-lighthouse.js',
		full: ['--both']
	},
	{
		title: 'A 10-minute soak at half capacity with 1,000 live streams',
		file: 'bench-soak.js',
		fullOnly: true
	}
];

const args = process.argv.slice(2);
const full = args.includes('--full');
const only = args.find((a) => !a.startsWith('--'));
const resultsDir = join(ROOT, 'bench');
const figuresFile = join(resultsDir, `.figures-${process.pid}.jsonl`);
mkdirSync(resultsDir, { recursive: true });
rmSync(figuresFile, { force: true });

/** The version of an installed package, or "?". */
function versionOf(/** @type {string} */ name) {
	try {
		return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'))
			.version;
	} catch {
		return '?';
	}
}

const began = Date.now();
/** @type {{ file: string, title: string, seconds: number, exitCode: number | null }[]} */
const ran = [];
for (const part of PARTS) {
	if (only ? !part.file.includes(only) : part.fullOnly && !full) continue;
	const path = join(ROOT, 'scripts', part.file);
	if (!existsSync(path)) continue;
	const partArgs = (full ? part.full : part.quick) ?? [];
	console.log(`\n== ${part.title} (${[part.file, ...partArgs].join(' ')})`);
	const start = Date.now();
	const run = spawnSync(process.execPath, [path, ...partArgs], {
		cwd: ROOT,
		stdio: 'inherit',
		// one build for the whole run: the first part that needs it makes it
		env: {
			...process.env,
			BENCH_REBUILD: ran.length ? '0' : (process.env.BENCH_REBUILD ?? '1'),
			TEND_BENCH_RESULTS: figuresFile,
			TEND_BENCH_PART: part.file
		}
	});
	const seconds = Math.round((Date.now() - start) / 100) / 10;
	ran.push({ file: part.file, title: part.title, seconds, exitCode: run.status });
	if (run.status !== 0) console.log(`   (${part.file} failed with exit code ${run.status})`);
}

/** @type {import('./lib/bench-report.js').Figure[]} */
const figures = existsSync(figuresFile)
	? readFileSync(figuresFile, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line))
	: [];
rmSync(figuresFile, { force: true });

const chromiumVersion =
	spawnSync(CHROMIUM_BIN, ['--version'], { encoding: 'utf8' }).stdout?.trim() || '?';
const machine = {
	cpu: cpus()[0]?.model ?? '?',
	cores: cpus().length,
	memoryGB: Math.round(totalmem() / 2 ** 30),
	os: `${process.platform} ${release()}`,
	loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100)
};
const results = {
	date: new Date().toISOString(),
	minutes: Math.round((Date.now() - began) / 6000) / 10,
	suite: only ? `only ${only}` : full ? 'full' : 'default',
	machine,
	versions: {
		node: process.version,
		chromium: chromiumVersion,
		pocketbase: pinnedVersion(),
		lighthouse: versionOf('lighthouse'),
		svelte: versionOf('svelte'),
		'@sveltejs/kit': versionOf('@sveltejs/kit'),
		'pocketbase (SDK)': versionOf('pocketbase')
	},
	parts: ran,
	figures
};
writeFileSync(join(resultsDir, 'results.json'), JSON.stringify(results, null, '\t') + '\n');

/** A figure's value as a person reads it. */
function shown(/** @type {import('./lib/bench-report.js').Figure} */ f) {
	if (f.value === null || !Number.isFinite(f.value)) return 'n/a';
	const abs = Math.abs(f.value);
	const digits = abs >= 100 || Number.isInteger(f.value) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
	const text = f.value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
	return f.unit ? `${text} ${f.unit}` : text;
}
const verdict = (/** @type {import('./lib/bench-report.js').Figure} */ f) =>
	f.target ? (f.met ? 'met' : 'MISSED') : '';

const rows = figures.map((f) => [
	f.part.replace(/\.js$/, ''),
	f.name,
	shown(f),
	f.target ?? '',
	verdict(f)
]);
const header = ['part', 'figure', 'value', 'target', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (/** @type {string[]} */ cells) =>
	cells.map((c, i) => (i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
console.log(`\n== Bench table (${results.suite} suite, ${results.minutes} min)`);
console.log(line(header));
for (const row of rows) console.log(line(row));
const failed = ran.filter((r) => r.exitCode !== 0);
console.log(
	`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB; ${results.versions.chromium};` +
		` Node ${process.version}; PocketBase ${results.versions.pocketbase}.` +
		(failed.length ? ` Parts that failed: ${failed.map((r) => r.file).join(', ')}.` : '')
);
console.log(`Written to bench/results.json and bench/results.md.`);

const md = [
	`| Part | Figure | Value | Target | |`,
	`| --- | --- | ---: | --- | --- |`,
	...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
	'',
	`${results.date.slice(0, 10)}, ${results.suite} suite in ${results.minutes} min on ${machine.cpu}` +
		` (${machine.cores} cores, ${machine.memoryGB} GB), ${results.versions.chromium}, Node ${process.version},` +
		` PocketBase ${results.versions.pocketbase}.`
].join('\n');
writeFileSync(join(resultsDir, 'results.md'), md + '\n');
process.exit(failed.length ? 1 : 0);
