// `npm run bench`: every speed and size figure Tend has targets for, printed (never asserted).
// Each part is its own script so it can also be run alone; a part that fails is reported and the
// others still run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/pocketbase.js';

/** @type {[string, string][]} */
const PARTS = [
	['First-load JavaScript of the app shell', 'bench-first-load.js'],
	['QR code size', 'bench-qr.js'],
	['Scan to card latency', 'bench-scan.js'],
	['Swaps per second', 'bench-swaps.js'],
	["Where a swap's server time goes (CPU profile)", 'profile-swaps.js'],
	['Memory under 100 MB bodies at every route', 'bench-bad-input.js'],
	['Swaps with 0, 1,000 and 3,000 live streams open; notices; a restart', 'bench-live.js'],
	['A 10-minute soak at half capacity with 1,000 live streams', 'bench-soak.js'],
	['Joins per second into an empty event and one with 10,000 members', 'bench-events.js'],
	["Swap to the other person's notice", 'bench-notice.js'],
	['Outbox drain', 'bench-sync.js'],
	['Opening the installed app offline to my code', 'bench-offline-open.js'],
	['People with 5,000 people and 50,000 interactions', 'bench-people.js'],
	['Follow-up engine with 10,000 contacts and 100,000 interactions', 'bench-follow-ups.js'],
	['Exporting and importing 5,000 people, and the formats’ lazy chunks', 'bench-data.js'],
	['Layout shift of /swap and /me, signed in, new and returning device', 'bench-cls.js'],
	['Lighthouse mobile on /me, new device', 'bench-lighthouse.js']
];

const only = process.argv[2];
let failures = 0;
for (const [title, file] of PARTS) {
	if (only && !file.includes(only)) continue;
	const path = join(ROOT, 'scripts', file);
	if (!existsSync(path)) continue;
	console.log(`\n== ${title} (${file})`);
	const run = spawnSync(process.execPath, [path], { cwd: ROOT, stdio: 'inherit' });
	if (run.status !== 0) {
		failures++;
		console.log(`   (${file} failed with exit code ${run.status})`);
	}
}
process.exit(failures ? 1 : 0);
