// Generates pocketbase/pb_hooks/lib/common-passwords.json: the passwords attackers try first, from
// the common-passwords dictionary of zxcvbn-ts (@zxcvbn-ts/language-common, MIT, a devDependency),
// kept only where a Tend password could be one: 10 to 71 characters, lowercased, deduplicated, most
// common first. The server's hook and the sign-up page both read this one file. `npm run passwords`
// rewrites it; a unit test fails when it no longer matches the dictionary installed.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lib/pocketbase.js';

export const COMMON_PASSWORDS_FILE = join(ROOT, 'pocketbase/pb_hooks/lib/common-passwords.json');

/** The same bounds as the users collection's password field (see the first migration). */
const MIN = 10;
const MAX = 71;

/** The dictionary as published: most common first. */
function sourceList() {
	const require = createRequire(import.meta.url);
	const manifest = require.resolve('@zxcvbn-ts/language-common/package.json');
	const file = join(manifest, '..', 'src', 'passwords.json');
	return /** @type {string[]} */ (JSON.parse(readFileSync(file, 'utf8')));
}

/** The file's text: a JSON array of lowercased passwords of 10 to 71 characters. */
export function renderCommonPasswords() {
	/** @type {Set<string>} */
	const seen = new Set();
	for (const entry of sourceList()) {
		const lower = entry.toLowerCase();
		const length = [...lower].length; // PocketBase counts characters, not UTF-16 units
		if (length >= MIN && length <= MAX) seen.add(lower);
	}
	return JSON.stringify([...seen], null, '\t') + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const text = renderCommonPasswords();
	writeFileSync(COMMON_PASSWORDS_FILE, text);
	console.log(`${COMMON_PASSWORDS_FILE}: ${JSON.parse(text).length} passwords`);
}
