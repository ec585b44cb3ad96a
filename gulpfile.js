const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', copyIcons);

/** tsc does not copy icons; n8n reads them from next to the compiled files. */
function copyIcons() {
	const nodeIcons = src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false });
	nodeIcons.pipe(dest(path.resolve('dist', 'nodes')));
	const credentialIcons = src(path.resolve('credentials', '**', '*.{png,svg}'), {
		encoding: false,
	});
	return credentialIcons.pipe(dest(path.resolve('dist', 'credentials')));
}
