import { ROOT, scanPackage } from './clean-copy';

// The source half of n8n's verification scan: the scanner lints the commit the npm
// provenance statement names (package.json, nodes/, credentials/).
test("the source passes n8n's scanner with no errors and no warnings", () => {
	const scan = scanPackage('source', ROOT);
	expect(scan.files).toBeGreaterThan(0);
	expect(scan.report).toBe('');
	expect(scan).toMatchObject({ passed: true, errors: 0, warnings: 0 });
}, 120_000);
