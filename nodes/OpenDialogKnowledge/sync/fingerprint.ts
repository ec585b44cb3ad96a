/**
 * OpenDialog never gives a file source's content back, only its file name. So the file name
 * Sync uploads carries a hash of the content (`policy.sha256-1a2b3c4d5e6f7a8b.pdf`): the next
 * run reads it back from the topic and knows whether the file changed. Pure.
 */
import { createHash } from 'node:crypto';

const MARK = /\.sha256-([0-9a-f]{16})(?=\.[^.]*$|$)/;

/** The first 16 hex digits of the content's SHA-256: 64 bits, ample to tell versions apart. */
export function contentHash(content: Buffer): string {
	return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** `policy.pdf` → `policy.sha256-<hash>.pdf`; a mark already in the name is replaced. */
export function fileNameWithHash(fileName: string, hash: string): string {
	const bare = fileName.replace(MARK, '');
	const dot = bare.lastIndexOf('.');
	return dot > 0
		? `${bare.slice(0, dot)}.sha256-${hash}${bare.slice(dot)}`
		: `${bare}.sha256-${hash}`;
}

/** The hash a stored file name carries, if Sync uploaded it. */
export function hashInFileName(fileName: unknown): string | undefined {
	return typeof fileName === 'string' ? MARK.exec(fileName)?.[1] : undefined;
}
