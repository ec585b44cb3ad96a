/** A file as OpenDialog takes it. Pure. */
import type { SourceFile } from './types';

export const DEFAULT_MIME_TYPE = 'application/octet-stream';

/** `data:<mime>;base64,<content>`, the form OpenDialog reads a file source's content in. */
export function toDataUri(content: Buffer, mimeType: string): string {
	return `data:${bareMimeType(mimeType)};base64,${content.toString('base64')}`;
}

/** "text/plain; charset=utf-8" → "text/plain": parameters do not belong in a base64 data URI. */
export function bareMimeType(mimeType: string | undefined): string {
	const bare = (mimeType ?? '').split(';')[0].trim();
	return bare === '' ? DEFAULT_MIME_TYPE : bare;
}

export function sourceFile(content: Buffer, fileName: string, mimeType: string): SourceFile {
	const type = bareMimeType(mimeType);
	return { file: toDataUri(content, type), file_name: fileName, type };
}
