/** How a Laravel app answers: JSON for clients that ask for it, redirects for the rest. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function wantsJson(req: IncomingMessage): boolean {
	return /\/json|\+json/i.test(String(req.headers.accept ?? ''));
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export function sendHtml(
	res: ServerResponse,
	status: number,
	html: string,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, { 'Content-Type': 'text/html; charset=UTF-8', ...headers });
	res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
	res.writeHead(302, { Location: location, 'Content-Type': 'text/html; charset=UTF-8' });
	res.end(
		`<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0;url='${location}'" /></head><body>Redirecting to ${location}</body></html>`,
	);
}

export function unauthenticated(req: IncomingMessage, res: ServerResponse, baseUrl: string): void {
	if (wantsJson(req)) sendJson(res, 401, { message: 'Unauthenticated.' });
	else redirect(res, `${baseUrl}/login`);
}

/** Laravel's 422: `{"message": first error (and N more), "errors": {field: [messages]}}`. */
export function validationFailed(
	req: IncomingMessage,
	res: ServerResponse,
	errors: Record<string, string[]>,
	baseUrl: string,
): void {
	if (!wantsJson(req)) {
		redirect(res, String(req.headers.referer ?? `${baseUrl}/`));
		return;
	}
	const fields = Object.keys(errors);
	const first = errors[fields[0]][0];
	const more = fields.length - 1;
	const message = more > 0 ? `${first} (and ${more} more error${more > 1 ? 's' : ''})` : first;
	sendJson(res, 422, { message, errors });
}

export function notFound(req: IncomingMessage, res: ServerResponse, message = 'Not Found'): void {
	if (wantsJson(req)) sendJson(res, 404, { message });
	else sendHtml(res, 404, '<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>');
}
