import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A workflow from examples/, exactly as the README offers it for import. */
export function exampleWorkflow(file: string): { id: string } {
	return JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'examples', file), 'utf8'));
}
