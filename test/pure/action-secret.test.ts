import {
	readActionSecret,
	secretMatches,
	secretSetupProblem,
} from '../../nodes/OpenDialogActionTrigger/secret';

const SECRET = 'a-long-shared-secret-1234';

describe('secretMatches', () => {
	test('accepts exactly the secret', () => {
		expect(secretMatches(SECRET, SECRET)).toBe(true);
	});

	test('refuses a wrong, shorter, longer, differently cased or missing value', () => {
		expect(secretMatches(SECRET, 'a-long-shared-secret-1235')).toBe(false);
		expect(secretMatches(SECRET, SECRET.slice(0, -1))).toBe(false);
		expect(secretMatches(SECRET, `${SECRET} `)).toBe(false);
		expect(secretMatches(SECRET, SECRET.toUpperCase())).toBe(false);
		expect(secretMatches(SECRET, undefined)).toBe(false);
		expect(secretMatches(SECRET, '')).toBe(false);
	});

	test('refuses a header sent twice', () => {
		expect(secretMatches(SECRET, [SECRET, SECRET])).toBe(false);
	});

	test('never accepts anything when no secret is set', () => {
		expect(secretMatches('', '')).toBe(false);
	});
});

describe('secretSetupProblem', () => {
	test('accepts a header name and a long secret', () => {
		expect(
			secretSetupProblem({ headerName: 'X-OpenDialog-Secret', secret: SECRET }),
		).toBeUndefined();
	});

	test('refuses a header name HTTP cannot carry', () => {
		expect(secretSetupProblem({ headerName: 'X OpenDialog: Secret', secret: SECRET })).toMatch(
			/cannot be an HTTP header name/,
		);
		expect(secretSetupProblem({ headerName: '', secret: SECRET })).toMatch(
			/cannot be an HTTP header name/,
		);
	});

	test('refuses a secret shorter than 16 characters', () => {
		expect(secretSetupProblem({ headerName: 'X-OpenDialog-Secret', secret: 'short' })).toBe(
			'The secret is too short: use at least 16 random characters',
		);
	});
});

describe('readActionSecret', () => {
	test('drops spaces pasted around the header name and the secret, as Node drops them from a received header', () => {
		expect(
			readActionSecret({ headerName: ' X-OpenDialog-Secret\t', secret: ` ${SECRET} \n` }),
		).toEqual({
			headerName: 'X-OpenDialog-Secret',
			secret: SECRET,
		});
	});

	test('a secret that is only long with its spaces is too short', () => {
		const padded = readActionSecret({
			headerName: 'X-OpenDialog-Secret',
			secret: `  short  ${' '.repeat(16)}`,
		});
		expect(secretSetupProblem(padded)).toMatch(/too short/);
	});

	test('reads a credential with missing fields as empty, which the checks then refuse', () => {
		expect(secretSetupProblem(readActionSecret(undefined))).toMatch(
			/cannot be an HTTP header name/,
		);
	});
});
