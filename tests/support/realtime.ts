// PocketBase realtime over raw HTTP, as any client (or attacker) could speak it: one SSE
// connection, a POST naming the topics (with their `options` JSON exactly as given), and the
// events each topic receives.
import { pbUrl } from './pb-harness';

export interface RealtimeClient {
	/** Subscribes the connection to these topic strings (sent verbatim). */
	subscribe(topics: string[], authToken: string): Promise<number>;
	/** The topics that received at least one event so far. */
	heard(): Set<string>;
	close(): void;
}

/** Opens a realtime connection and waits for PocketBase's PB_CONNECT. */
export async function openRealtime(): Promise<RealtimeClient> {
	const abort = new AbortController();
	const res = await fetch(`${pbUrl()}/api/realtime`, { signal: abort.signal });
	if (!res.body) throw new Error('realtime: no body');
	const reader = res.body.getReader();
	const decoder = new TextDecoder();
	const heard = new Set<string>();
	let buffer = '';
	let resolveId: (id: string) => void = () => {};
	const clientId = new Promise<string>((resolve) => (resolveId = resolve));

	void (async () => {
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return;
				buffer += decoder.decode(value, { stream: true });
				let end = buffer.indexOf('\n\n');
				while (end >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const event = /^event:(.*)$/m.exec(block)?.[1]?.trim() ?? '';
					const id = /^id:(.*)$/m.exec(block)?.[1]?.trim() ?? '';
					if (event === 'PB_CONNECT') resolveId(id);
					else if (event) heard.add(event);
					end = buffer.indexOf('\n\n');
				}
			}
		} catch {
			// closed
		}
	})();

	const id = await clientId;
	return {
		async subscribe(topics, authToken) {
			const reply = await fetch(`${pbUrl()}/api/realtime`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: authToken },
				body: JSON.stringify({ clientId: id, subscriptions: topics })
			});
			return reply.status;
		},
		heard: () => heard,
		close: () => abort.abort()
	};
}
