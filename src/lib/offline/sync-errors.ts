// Turning what the server (or the network) answered into an error value with a reason: the
// reasons are the screens' (reasonFor in pocketbase/errors.ts), kept with the outbox entry.
import { ClientResponseError } from 'pocketbase';
import { reasonFor } from '../pocketbase/errors';
import type { SyncError } from './schema';

/** The `{status, message, data}` PocketBase sends with an error. */
export interface ErrorBody {
	status?: number;
	message?: string;
	data?: Record<string, unknown>;
}

/** Classifies an HTTP status and PocketBase error body. */
export function errorFromResponse(status: number, body: ErrorBody): SyncError {
	const data = body.data ?? {};
	const message = body.message ?? `HTTP ${status}`;
	const code = typeof data.reason === 'string' ? data.reason : undefined;
	const fields = fieldErrors(data);
	const reason = reasonFor(status, code, Object.values(fields));
	return {
		reason,
		message,
		status,
		...(code ? { code } : {}),
		...(Object.keys(fields).length > 0 ? { fields } : {})
	};
}

/** Field name → error code from a PocketBase validation error body. */
function fieldErrors(data: Record<string, unknown>): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [name, value] of Object.entries(data)) {
		if (value && typeof value === 'object' && 'code' in value && typeof value.code === 'string') {
			fields[name] = value.code;
		}
	}
	return fields;
}

/** Classifies anything a PocketBase SDK call threw (network failures have status 0). */
export function errorFromThrown(thrown: unknown): SyncError {
	if (thrown instanceof ClientResponseError) {
		if (thrown.status === 0) {
			return {
				reason: 'network',
				message: thrown.isAbort ? 'Request timed out or was cancelled.' : 'Network unavailable.',
				status: 0
			};
		}
		return errorFromResponse(thrown.status, thrown.response as ErrorBody);
	}
	const message = thrown instanceof Error ? thrown.message : String(thrown);
	return { reason: 'network', message, status: 0 };
}

/** Errors after which the whole run stops and the queue waits for a later retry. */
export function isTransient(error: SyncError): boolean {
	return error.reason === 'network' || error.reason === 'server' || error.reason === 'rate_limited';
}

/** The sub-request a failed batch names, as PocketBase reports it (`data.requests[i].response`). */
export function failedBatchItem(thrown: unknown): { index: number; error: SyncError } | undefined {
	if (!(thrown instanceof ClientResponseError) || thrown.status !== 400) return undefined;
	const requests = (thrown.response as ErrorBody).data?.requests;
	if (!requests || typeof requests !== 'object') return undefined;
	for (const [key, item] of Object.entries(requests as Record<string, unknown>)) {
		const index = Number(key);
		if (!Number.isInteger(index) || !item || typeof item !== 'object') continue;
		const response = ('response' in item ? item.response : undefined) as ErrorBody | undefined;
		const status = typeof response?.status === 'number' ? response.status : 400;
		return { index, error: errorFromResponse(status, response ?? {}) };
	}
	return undefined;
}
