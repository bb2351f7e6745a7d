// Errors as values: every failure from the server or the network becomes an AppError with a
// reason the UI maps to a message. Nothing here throws.
import { ClientResponseError } from 'pocketbase';

export type ErrorReason =
	| 'network'
	| 'unauthorized'
	| 'forbidden'
	| 'invalid'
	| 'not_found'
	| 'conflict'
	| 'rate_limited'
	| 'server';

export interface AppError {
	reason: ErrorReason;
	/** A sentence a person can read. */
	message: string;
	/** Per-field messages from the server's validation, keyed by field name. */
	fields: Record<string, string>;
	/** The server's own machine-readable reason (e.g. "token_expired"), when it gave one. */
	code?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

const MESSAGES: Record<ErrorReason, string> = {
	network: 'The server could not be reached. Check your connection and try again.',
	unauthorized: 'Your session has ended. Please sign in again.',
	forbidden: 'You are not allowed to do that.',
	invalid: 'Some details need fixing.',
	not_found: 'That was not found.',
	conflict: 'That already exists.',
	rate_limited: 'Too many attempts. Please wait a minute and try again.',
	server: 'The server had a problem. Please try again shortly.'
};

/**
 * The one classification of a server answer, for the screens (toAppError) and the sync engine
 * (offline/sync-errors.ts) alike: the HTTP status, the server's own reason (`data.reason`), and the
 * codes of the fields it refused. 408 (the request took too long) is the network's fault; a value
 * that must be unique and is not is a conflict, whatever status carried it.
 */
export function reasonFor(
	status: number,
	code?: string,
	fieldCodes: readonly string[] = []
): ErrorReason {
	if (status === 0 || status === 408) return 'network';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not_found';
	if (status === 409) return 'conflict';
	if (status === 429 || code === 'rate_limited') return 'rate_limited';
	if (status >= 500) return 'server';
	if (fieldCodes.includes('validation_not_unique')) return 'conflict';
	return 'invalid';
}

/** Turns anything thrown by the SDK (or fetch) into an AppError. */
export function toAppError(error: unknown): AppError {
	if (error instanceof ClientResponseError) {
		const data: unknown = error.response?.data;
		const fields: Record<string, string> = {};
		const fieldCodes: string[] = [];
		let code: string | undefined;
		if (data && typeof data === 'object') {
			for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
				if (key === 'reason' && typeof value === 'string') code = value;
				else if (value && typeof value === 'object' && 'message' in value) {
					fields[key] = String((value as { message: unknown }).message);
					if ('code' in value && typeof value.code === 'string') fieldCodes.push(value.code);
				}
			}
		}
		const reason = error.isAbort ? 'network' : reasonFor(error.status, code, fieldCodes);
		const serverMessage = typeof error.response?.message === 'string' ? error.response.message : '';
		const message =
			reason === 'network' || reason === 'server' || !serverMessage
				? MESSAGES[reason]
				: serverMessage;
		return { reason, message, fields, code };
	}
	return { reason: 'network', message: MESSAGES.network, fields: {} };
}

/** Runs a promise and returns its value or the AppError it failed with. */
export async function attempt<T>(run: () => Promise<T>): Promise<Result<T>> {
	try {
		return { ok: true, value: await run() };
	} catch (error) {
		return { ok: false, error: toAppError(error) };
	}
}
