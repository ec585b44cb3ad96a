import { createHash, timingSafeEqual } from 'crypto';

export const MIN_SECRET_LENGTH = 16;

// HTTP's token grammar (RFC 9110): what a header name may contain.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface ActionSecret {
	headerName: string;
	secret: string;
}

/**
 * The credential as the Test button and every call read it. Spaces pasted around a value are
 * dropped: Node strips them from a received header, so an untrimmed secret could never match.
 */
export function readActionSecret(data: unknown): ActionSecret {
	const { headerName, secret } = (data ?? {}) as Partial<Record<keyof ActionSecret, unknown>>;
	return {
		headerName: String(headerName ?? '').trim(),
		secret: String(secret ?? '').trim(),
	};
}

/**
 * Whether the received header value is the secret, in constant time: both sides are hashed
 * first, so the comparison takes as long whatever the received value's length or prefix.
 */
export function secretMatches(secret: string, received: string | string[] | undefined): boolean {
	if (secret === '' || typeof received !== 'string') return false;
	return timingSafeEqual(digest(secret), digest(received));
}

/** What is wrong with the credential's header name or secret, if anything. */
export function secretSetupProblem({ headerName, secret }: ActionSecret): string | undefined {
	if (!HEADER_NAME.test(headerName)) {
		return `"${headerName}" cannot be an HTTP header name: use letters, digits and dashes, e.g. X-OpenDialog-Secret`;
	}
	if (secret.length < MIN_SECRET_LENGTH) {
		return `The secret is too short: use at least ${MIN_SECRET_LENGTH} random characters`;
	}
	return undefined;
}

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}
