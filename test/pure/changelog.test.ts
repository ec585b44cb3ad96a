import { releaseChangelog } from '../../scripts/changelog';

const HEADER = '# Changelog\n\nIntro.\n\n';

describe('releaseChangelog', () => {
	test('moves the Unreleased entries under the new version, dated, and empties Unreleased', () => {
		const before = `${HEADER}## [Unreleased]\n\n### Fixed\n\n- A fix.\n\n## [0.1.0] - 2026-12-01\n\n- First.\n`;
		expect(releaseChangelog(before, '0.1.1', '2026-12-24')).toBe(
			`${HEADER}## [Unreleased]\n\n## [0.1.1] - 2026-12-24\n\n### Fixed\n\n- A fix.\n\n## [0.1.0] - 2026-12-01\n\n- First.\n`,
		);
	});

	test('leaves a version that already has its entry and nothing unreleased as it is', () => {
		const changelog = `${HEADER}## [Unreleased]\n\n## [0.1.0] - 2026-12-01\n\n- First.\n`;
		expect(releaseChangelog(changelog, '0.1.0', '2026-12-24')).toBe(changelog);
	});

	test('refuses a release with nothing listed under Unreleased', () => {
		const changelog = `${HEADER}## [Unreleased]\n\n## [0.1.0] - 2026-12-01\n\n- First.\n`;
		expect(() => releaseChangelog(changelog, '0.1.1', '2026-12-24')).toThrow(
			/Nothing to release: list the changes under "## \[Unreleased\]"/,
		);
	});

	test('refuses to describe a version twice', () => {
		const changelog = `${HEADER}## [Unreleased]\n\n- New.\n\n## [0.1.0] - 2026-12-01\n\n- First.\n`;
		expect(() => releaseChangelog(changelog, '0.1.0', '2026-12-24')).toThrow(
			/already has an entry/,
		);
	});

	test('refuses a changelog without an Unreleased section', () => {
		expect(() => releaseChangelog(HEADER, '0.1.1', '2026-12-24')).toThrow(/no "## \[Unreleased\]"/);
	});
});
