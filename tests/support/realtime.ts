// The live change notices (GET /api/tend/live) over raw HTTP, as any client (or attacker) could
// speak them: one server-sent event stream opened with a token (or none), and every event it
// received. PocketBase's own /api/realtime is refused (see pocketbase/live.go).
import { pbUrl } from './pb-harness';

export interface LiveNotice {
	event: string;
	data: string;
}

export interface LiveClient {
	/** The HTTP status of the connect. */
	status: number;
	/** Every event received so far (hello first). */
	events(): LiveNotice[];
	/** The collections named by the change notices so far, each once, sorted. */
	changed(): string[];
	/** Resolves when the server ends the stream. */
	ended: Promise<void>;
	close(): void;
}

/**
 * Opens a live stream with this token (or none) and, when it is accepted, waits for its hello. On
 * the shared test server unless another is named.
 */
export async function openLive(token: string | null, baseUrl = pbUrl()): Promise<LiveClient> {
	const abort = new AbortController();
	const headers: Record<string, string> = token ? { authorization: token } : {};
	const res = await fetch(`${baseUrl}/api/tend/live`, { headers, signal: abort.signal });
	const events: LiveNotice[] = [];
	let ended: Promise<void> = Promise.resolve();
	if (res.status === 200 && res.body) {
		const reader = res.body.getReader();
		const decoder = new TextDecoder();
		let resolveHello: () => void = () => {};
		const hello = new Promise<void>((resolve) => (resolveHello = resolve));
		ended = (async () => {
			let buffer = '';
			try {
				for (;;) {
					const { value, done } = await reader.read();
					if (done) return;
					buffer += decoder.decode(value, { stream: true });
					let end = buffer.indexOf('\n\n');
					while (end >= 0) {
						const block = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
						const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
						if (event) events.push({ event, data });
						if (event === 'hello') resolveHello();
						end = buffer.indexOf('\n\n');
					}
				}
			} catch {
				// closed by us
			} finally {
				resolveHello();
			}
		})();
		await hello;
	} else {
		await res.body?.cancel();
	}
	return {
		status: res.status,
		events: () => events,
		changed: () =>
			[
				...new Set(
					events
						.filter((e) => e.event === 'change')
						.flatMap((e) => (JSON.parse(e.data) as { collections: string[] }).collections)
				)
			].sort(),
		ended,
		close: () => abort.abort()
	};
}
