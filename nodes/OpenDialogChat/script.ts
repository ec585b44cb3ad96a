/** A scripted turn's check: does the reply, as plain text, meet what the turn expects? Pure. */
import { InputError } from '../shared/errors/input-error';

export type Expectation = 'contains' | 'matches' | 'any';

export interface TurnVerdict {
	passed: boolean;
	/** Why it failed, in words; empty when it passed. */
	reason: string;
}

/** "/pattern/flags" or a bare pattern. */
export function parsePattern(text: string): RegExp {
	const literal = /^\/(.*)\/([a-z]*)$/s.exec(text);
	let problem = '';
	try {
		return literal ? new RegExp(literal[1], literal[2]) : new RegExp(text);
	} catch (error) {
		problem = (error as Error).message;
	}
	throw new InputError(
		`'Expected' is not a valid regular expression: ${problem}`,
		'Write it as e.g. ^Hello or /order \\d+/i, or choose Expect: Reply Contains.',
	);
}

export function checkReply(reply: string, expectation: Expectation, expected: string): TurnVerdict {
	if (expectation === 'any')
		return reply.trim() === ''
			? { passed: false, reason: 'The bot did not answer' }
			: { passed: true, reason: '' };
	if (expectation === 'matches') {
		const pattern = parsePattern(expected);
		return pattern.test(reply)
			? { passed: true, reason: '' }
			: { passed: false, reason: `The reply does not match ${String(pattern)}` };
	}
	return reply.toLowerCase().includes(expected.toLowerCase())
		? { passed: true, reason: '' }
		: { passed: false, reason: `The reply does not contain "${expected}"` };
}

export function readExpectation(value: unknown): Expectation {
	return value === 'matches' || value === 'any' ? value : 'contains';
}
