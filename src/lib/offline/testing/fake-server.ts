// An in-process fake of the PocketBase subset the sync engine uses, plugged in at the network
// edge (the real SDK's fetch), so tests run the real client code. It fails on demand the ways a
// conference network and server do: 500s, timeouts, 401s (the session is refused, and like the
// real server it then answers record requests as a guest), rate limits, the connection cut after
// the server committed, and a hang that never answers (the tab was closed mid-request).
// Batches are transactional: one failing sub-request rolls the whole batch back and the error
// names its index, exactly in PocketBase's shape (apis/batch.go).
import PocketBase from 'pocketbase';

export type Fault =
	'ok' | '500' | '429' | 'timeout' | 'cut-after-commit' | 'hang-before' | 'hang-after';

interface Rec {
	id: string;
	updated: string;
	[field: string]: unknown;
}

type Tables = Map<string, Map<string, Rec>>;
type Json = Record<string, unknown>;

class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly data: Json = {}
	) {
		super(message);
	}
}

const USER_ID = 'useruseruser001';
/** pocketbase/pull.go pullPageSize */
const PULL_PAGE = 200;

/** An unsigned JWT the SDK reads as valid until far in the future. */
export function fakeToken(): string {
	const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
	return `${part({ alg: 'HS256' })}.${part({ id: USER_ID, type: 'auth', exp: 4102444800 })}.sig`;
}

export class FakeServer {
	tables: Tables = new Map();
	/** Every committed write per `<collection>/<id>`: the `v` of each applied body, in order. */
	history = new Map<string, unknown[]>();
	isSessionValid = true;
	/** Decides the fate of each request; default: all fine. */
	fault: (method: string, path: string) => Fault = () => 'ok';
	requests: string[] = [];
	/** The collections each `POST /api/tend/pull` named, in order. */
	pulls: string[][] = [];
	#clock = Date.parse('2030-01-01T00:00:00.000Z');
	#hangs = new Set<() => void>();
	readonly #swaps = new Map<string, Json>();

	/** A signed-in SDK client whose requests all reach this fake. */
	client(): PocketBase {
		const pb = new PocketBase('http://fake.test');
		pb.authStore.save(fakeToken(), { id: USER_ID, collectionName: 'users', collectionId: 'users' });
		pb.beforeSend = (url, options) => ({ url, options: { ...options, fetch: this.fetch } });
		return pb;
	}

	/** Resolves the next time a request hangs (the test then abandons that client). */
	whenHung(): Promise<void> {
		return new Promise((resolve) => this.#hangs.add(resolve));
	}

	/** The records of a collection on the server. */
	records(collection: string): Rec[] {
		return [...(this.tables.get(collection)?.values() ?? [])];
	}

	/** Puts a record straight into the server (as if another device wrote it). */
	seed(collection: string, fields: Json & { id: string }, updated?: string): Rec {
		const rec: Rec = { owner: USER_ID, ...fields, updated: updated ?? this.#now() };
		this.#table(this.tables, collection).set(rec.id, rec);
		return rec;
	}

	readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const url = new URL(String(input));
		const method = init?.method ?? 'GET';
		this.requests.push(`${method} ${url.pathname}`);
		const fault = this.fault(method, url.pathname);
		if (fault === 'timeout') throw new DOMException('The operation timed out.', 'AbortError');
		if (fault === 'hang-before') return this.#hang();
		if (fault === '500')
			return json(500, { status: 500, message: 'Something went wrong.', data: {} });
		if (fault === '429') return json(429, { status: 429, message: 'Too Many Requests.', data: {} });
		let response: Response;
		try {
			response = json(200, await this.#route(method, url, init?.body));
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			response = json(error.status, {
				status: error.status,
				message: error.message,
				data: error.data
			});
		}
		if (fault === 'cut-after-commit') throw new TypeError('fetch failed');
		if (fault === 'hang-after') return this.#hang();
		return response;
	};

	#hang(): Promise<Response> {
		for (const resolve of this.#hangs) resolve();
		this.#hangs.clear();
		return new Promise<Response>(() => undefined);
	}

	#now(): string {
		// Two writes in a row sometimes share a millisecond, as on the real server.
		this.#clock += this.requests.length % 3 === 0 ? 0 : 1;
		return new Date(this.#clock).toISOString().replace('T', ' ');
	}

	#table(tables: Tables, name: string): Map<string, Rec> {
		let table = tables.get(name);
		if (!table) tables.set(name, (table = new Map()));
		return table;
	}

	async #route(method: string, url: URL, body: unknown): Promise<unknown> {
		const path = url.pathname;
		if (path === '/api/collections/users/auth-refresh') {
			if (!this.isSessionValid)
				throw new HttpError(401, 'The request requires valid record authorization token.');
			return { token: fakeToken(), record: { id: USER_ID, collectionName: 'users' } };
		}
		if (path === '/api/batch' && method === 'POST') return this.#batch(body);
		if (path === '/api/tend/swaps' && method === 'POST') return this.#swap(parseBody(body));
		if (path === '/api/tend/events/join' && method === 'POST') return this.#join(parseBody(body));
		if (path === '/api/tend/events/leave' && method === 'POST') {
			return this.#leave(parseBody(body));
		}
		if (path === '/api/tend/pull' && method === 'POST') return this.#pull(parseBody(body));
		const list = /^\/api\/collections\/([^/]+)\/records$/.exec(path);
		if (list?.[1] && method === 'GET') return this.#list(list[1], url.searchParams);
		const one = /^\/api\/collections\/([^/]+)\/records\/([^/]+)$/.exec(path);
		if (one?.[1] && one[2] && method === 'GET') {
			const rec = this.#visible(this.tables.get(one[1])?.get(one[2]));
			if (!rec) throw new HttpError(404, "The requested resource wasn't found.");
			return rec;
		}
		throw new HttpError(404, 'Not found.');
	}

	/** Like the owner rules: a guest sees nothing, a user only their own records. */
	#visible(rec: Rec | undefined): Rec | undefined {
		return this.isSessionValid && rec?.owner === USER_ID ? rec : undefined;
	}

	#batch(body: unknown): unknown {
		const payload = body instanceof FormData ? body.get('@jsonPayload') : null;
		const { requests } = JSON.parse(String(payload)) as {
			requests: { method: string; url: string; body: Json }[];
		};
		const draft: Tables = new Map([...this.tables].map(([name, t]) => [name, new Map(t)]));
		const applied: [string, unknown][] = [];
		const results: unknown[] = [];
		for (const [i, req] of requests.entries()) {
			try {
				results.push({ status: 200, body: this.#apply(draft, req, applied) });
			} catch (error) {
				if (!(error instanceof HttpError)) throw error;
				const response = { status: error.status, message: error.message, data: error.data };
				throw new HttpError(400, 'Batch transaction failed.', {
					requests: {
						[i]: { code: 'batch_request_failed', message: 'Batch request failed.', response }
					}
				});
			}
		}
		this.tables = draft; // commit
		for (const [key, v] of applied) this.history.set(key, [...(this.history.get(key) ?? []), v]);
		return results;
	}

	#apply(
		tables: Tables,
		req: { method: string; url: string; body: Json },
		applied: [string, unknown][]
	): unknown {
		const match = /^\/api\/collections\/([^/]+)\/records(?:\/([^/?]+))?/.exec(req.url);
		const collection = match?.[1] ?? '';
		const table = this.#table(tables, collection);
		const id = match?.[2] ?? String(req.body.id ?? '');
		const existing = this.#visible(table.get(id));
		if (req.method === 'POST') {
			if (!this.isSessionValid) throw new HttpError(400, 'Failed to create record.');
			if (req.body.text === '') throw invalid('text', 'validation_required');
			if (table.has(id)) throw invalid('id', 'validation_not_unique');
			const rec: Rec = { ...req.body, id, owner: USER_ID, updated: this.#now() };
			table.set(id, rec);
			applied.push([`${collection}/${id}`, req.body.v]);
			return rec;
		}
		if (!existing) throw new HttpError(404, "The requested resource wasn't found.");
		if (req.method === 'DELETE') {
			table.delete(id);
			applied.push([`${collection}/${id}`, 'deleted']);
			return null;
		}
		if (req.body.text === '') throw invalid('text', 'validation_required');
		const rec: Rec = { ...existing, ...req.body, id, updated: this.#now() };
		table.set(id, rec);
		applied.push([`${collection}/${id}`, req.body.v]);
		return rec;
	}

	/** Like pocketbase/pull.go: a page per collection after its cursor, for a signed-in user only. */
	#pull(body: Json): unknown {
		if (!this.isSessionValid) throw new HttpError(401, 'Sign in again to sync.');
		const wanted = (body.collections ?? {}) as Record<string, { updated: string; id: string }>;
		this.pulls.push(Object.keys(wanted));
		const collections: Json = {};
		for (const [collection, from] of Object.entries(wanted)) {
			const rows = this.#after(collection, from.updated, from.id);
			collections[collection] = { items: rows.slice(0, PULL_PAGE), more: rows.length > PULL_PAGE };
		}
		return { collections };
	}

	/** A user's records of a collection after (updated, id), in that order. */
	#after(collection: string, updated: string, id: string, ids: string[] = []): Rec[] {
		return this.records(collection)
			.filter((r) => this.#visible(r))
			.filter((r) => ids.length === 0 || ids.includes(r.id))
			.filter((r) => !updated || r.updated > updated || (r.updated === updated && r.id > id))
			.sort((a, b) =>
				a.updated === b.updated ? (a.id < b.id ? -1 : 1) : a.updated < b.updated ? -1 : 1
			);
	}

	#list(collection: string, params: URLSearchParams): unknown {
		const filter = params.get('filter') ?? '';
		const perPage = Number(params.get('perPage') ?? 30);
		const m =
			/updated > ["']([^"']*)["'] \|\| \(updated = ["']([^"']*)["'] && id > ["']([^"']*)["']\)/.exec(
				filter
			);
		// `id = "…" || id = "…"`: the records asked for by id (a replay checks what the server has).
		const ids = [...filter.matchAll(/\bid = ["']([^"']*)["']/g)].map((x) => x[1] ?? '');
		const rows = this.#after(collection, m?.[1] ?? '', m?.[3] ?? '', ids);
		return { page: 1, perPage, items: rows.slice(0, perPage), totalItems: -1, totalPages: -1 };
	}

	/** Events by join code, and the ones this user is a member of (the join and leave routes). */
	readonly memberOf = new Set<string>();

	#join(body: Json): unknown {
		if (!this.isSessionValid)
			throw new HttpError(401, 'The request requires valid record authorization token.');
		const code = String(body.code ?? '')
			.toUpperCase()
			.replace(/[\s-]/g, '');
		const event = this.records('events').find((e) => e.joinCode === code);
		if (!event) throw new HttpError(404, 'No event has that code.', { reason: 'not_found' });
		if (event.joiningClosed) {
			throw new HttpError(409, 'Joining this event is closed.', { reason: 'closed' });
		}
		const isNew = !this.memberOf.has(event.id);
		this.memberOf.add(event.id);
		return { event, isNew };
	}

	#leave(body: Json): unknown {
		if (!this.isSessionValid)
			throw new HttpError(401, 'The request requires valid record authorization token.');
		const id = String(body.event ?? '');
		if (!this.memberOf.delete(id)) {
			throw new HttpError(404, 'You are not a member of that event.', { reason: 'not_found' });
		}
		return { left: true };
	}

	#swap(body: Json): unknown {
		if (!this.isSessionValid)
			throw new HttpError(401, 'The request requires valid record authorization token.');
		const id = String(body.id);
		const replay = this.#swaps.get(id);
		if (replay) return replay;
		if (body.token === 'forged')
			throw new HttpError(400, 'Invalid code.', { reason: 'token_forged' });
		const card = String(body.token);
		const connections = this.#table(this.tables, 'connections');
		const existing = [...connections.values()].find((c) => c.card === card);
		const connection = existing ?? {
			id: String(body.connectionId),
			card,
			owner: USER_ID,
			updated: this.#now()
		};
		connections.set(connection.id, connection);
		const result = { swap: { id }, connection, isNew: !existing };
		this.#swaps.set(id, result);
		return result;
	}
}

function invalid(field: string, code: string): HttpError {
	return new HttpError(400, 'Failed to create record.', {
		[field]: { code, message: 'Invalid value.' }
	});
}

function parseBody(body: unknown): Json {
	return typeof body === 'string' ? (JSON.parse(body) as Json) : {};
}

function json(status: number, data: unknown): Response {
	return new Response(JSON.stringify(data), {
		status,
		headers: { 'content-type': 'application/json' }
	});
}
