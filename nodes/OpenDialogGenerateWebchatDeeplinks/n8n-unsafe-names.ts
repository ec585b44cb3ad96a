/**
 * A copy of n8n's own list, kept in this one file: `unsafeObjectProperties` of n8n-workflow
 * (`packages/workflow/src/utils.ts`), the property names n8n's expression sandbox refuses or
 * that reach into the prototype chain. Checked identical in n8n-workflow 1.120.31 (n8n
 * 1.123.81) and 2.38.1 (n8n 2.38.7 and 2.40.7). Field reads of these names go through n8n so
 * its own error or result stands; compare the list again when the pinned n8n lines move.
 */
export const N8N_UNSAFE_PROPERTY_NAMES: ReadonlySet<string> = new Set([
	'__proto__',
	'prototype',
	'constructor',
	'getPrototypeOf',
	'setPrototypeOf',
	'getOwnPropertyDescriptor',
	'getOwnPropertyDescriptors',
	'defineProperty',
	'defineProperties',
	'mainModule',
	'binding',
	'_linkedBinding',
	'_load',
	'prepareStackTrace',
	'__lookupGetter__',
	'__lookupSetter__',
	'__defineGetter__',
	'__defineSetter__',
	'caller',
	'callee',
	'arguments',
	'getBuiltinModule',
	'dlopen',
	'execve',
	'loadEnvFile',
]);
