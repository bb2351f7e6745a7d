// Loads a library of the server's hooks (pocketbase/pb_hooks/lib/*.js) into Node for unit tests,
// the way PocketBase's JS runtime does: CommonJS, `require(`${__hooks}/lib/…`)` resolved inside the
// hooks folder (.js run, .json parsed), and whatever PocketBase globals the test provides.
// Only pure libraries belong here; anything touching the database is tested against the server.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';

export const HOOKS_DIR = resolve(
	dirname(fileURLToPath(import.meta.url)),
	'../../pocketbase/pb_hooks'
);

/** Runs `lib/<name>` in a fresh context and returns its module.exports, typed by the caller. */
export function loadHookLib<T>(name: string, globals: Record<string, unknown> = {}): T {
	const cache = new Map<string, unknown>();
	const load = (path: string): unknown => {
		if (!path.startsWith(HOOKS_DIR + '/')) throw new Error(`outside the hooks folder: ${path}`);
		if (cache.has(path)) return cache.get(path);
		const text = readFileSync(path, 'utf8');
		if (path.endsWith('.json')) {
			cache.set(path, JSON.parse(text));
			return cache.get(path);
		}
		const module = { exports: {} as unknown };
		cache.set(path, module.exports);
		const sandbox = {
			...globals,
			module,
			exports: module.exports,
			__hooks: HOOKS_DIR,
			require: (target: string) => load(resolve(target))
		};
		runInNewContext(text, sandbox, { filename: path });
		cache.set(path, module.exports);
		return module.exports;
	};
	return load(join(HOOKS_DIR, 'lib', name)) as T;
}
