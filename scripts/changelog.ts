/**
 * The changelog step of a release: what is listed under `## [Unreleased]` becomes the entry
 * of the new version, dated, and Unreleased starts empty again.
 *   ts-node scripts/changelog.ts <version>   (rewrites CHANGELOG.md)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const UNRELEASED = '## [Unreleased]';

export function releaseChangelog(changelog: string, version: string, date: string): string {
	const start = changelog.indexOf(UNRELEASED);
	if (start < 0) throw new Error(`CHANGELOG.md has no "${UNRELEASED}" section`);
	const bodyStart = start + UNRELEASED.length;
	const next = changelog.indexOf('\n## ', bodyStart);
	const bodyEnd = next < 0 ? changelog.length : next;
	const entries = changelog.slice(bodyStart, bodyEnd).trim();
	const released = changelog.includes(`\n## [${version}]`);
	// The first release of a version already described (0.1.0) only needs its tag.
	if (released && !entries) return changelog;
	if (released) throw new Error(`CHANGELOG.md already has an entry for ${version}`);
	if (!entries) {
		throw new Error(`Nothing to release: list the changes under "${UNRELEASED}" in CHANGELOG.md`);
	}
	return (
		`${changelog.slice(0, bodyStart)}\n\n## [${version}] - ${date}\n\n${entries}\n` +
		changelog.slice(bodyEnd)
	);
}

if (require.main === module) {
	const version = process.argv[2];
	if (!version) throw new Error('Usage: ts-node scripts/changelog.ts <version>');
	const file = path.resolve(__dirname, '..', 'CHANGELOG.md');
	const today = new Date().toISOString().slice(0, 10);
	writeFileSync(file, releaseChangelog(readFileSync(file, 'utf8'), version, today));
}
