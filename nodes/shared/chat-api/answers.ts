/**
 * Turns OpenDialog's answer to a message into the bot's messages, and those into plain text
 * for channels without HTML or buttons (SMS, WhatsApp, e-mail). Pure.
 */
import type { BotMessage, ChatButton } from './types';

function isMessage(value: unknown): value is BotMessage {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		typeof (value as BotMessage).type === 'string'
	);
}

/**
 * One message comes as a bare object, anything else as a list in which an empty message is
 * `false`; a click on a link is answered with an empty body. All become a list of messages.
 */
export function answerMessages(body: unknown): BotMessage[] {
	const list = Array.isArray(body) ? body : body ? [body] : [];
	return list.filter(isMessage).map((message) => ({
		...message,
		data:
			typeof message.data === 'object' && message.data !== null && !Array.isArray(message.data)
				? message.data
				: {},
	}));
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
};

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
		if (code[0] === '#') {
			const point =
				code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
			return Number.isFinite(point) && point > 0 && point < 0x110000
				? String.fromCodePoint(point)
				: whole;
		}
		return ENTITIES[code.toLowerCase()] ?? whole;
	});
}

/** HTML to plain text: line breaks kept, links as "label (url)", tags dropped. */
export function htmlToText(html: string): string {
	const text = html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
		.replace(
			/<a\s[^>]*href\s*=\s*(["'])(.*?)\1[^>]*>(.*?)<\/a>/gis,
			(_m, _q, href: string, label: string) => {
				const inner = label.replace(/<[^>]*>/g, '').trim();
				return inner && inner !== href ? `${inner} (${href})` : href;
			},
		)
		.replace(/<[^>]*>/g, '');
	return decodeEntities(text)
		.split('\n')
		.map((line) => line.replace(/[ \t]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

function textOf(value: unknown): string {
	return typeof value === 'string' ? htmlToText(value) : '';
}

function rawButtons(message: BotMessage): Array<Record<string, unknown>> {
	const { buttons } = message.data;
	return Array.isArray(buttons)
		? buttons.filter(
				(button) => typeof button === 'object' && button !== null && button.display !== false,
			)
		: [];
}

/** The buttons of every message, in order, as data a workflow can map to another channel. */
export function answerButtons(messages: BotMessage[]): ChatButton[] {
	const buttons: ChatButton[] = [];
	messages.forEach((message, messageIndex) => {
		for (const button of rawButtons(message)) {
			buttons.push({
				label: textOf(button.text),
				...(typeof button.callback_id === 'string' ? { callbackId: button.callback_id } : {}),
				...('value' in button
					? { value: button.value === null ? null : String(button.value) }
					: {}),
				...(typeof button.link === 'string' ? { link: button.link } : {}),
				...(typeof button.phone_number === 'string' ? { phoneNumber: button.phone_number } : {}),
				messageIndex,
			});
		}
	});
	return buttons;
}

function buttonLine(button: ChatButton): string {
	if (button.link) return `- ${button.label}: ${button.link}`;
	if (button.phoneNumber) return `- ${button.label}: ${button.phoneNumber}`;
	return `- ${button.label}`;
}

/** One message as plain text: its text, title or image, then its buttons one per line. */
export function messageText(message: BotMessage): string {
	const { data } = message;
	const parts = [textOf(data.title), textOf(data.subtitle), textOf(data.text)];
	if (typeof data.img_src === 'string') parts.push(data.img_src);
	if (Array.isArray(data.items)) {
		for (const item of data.items) {
			if (typeof item === 'object' && item !== null)
				parts.push(messageText({ type: 'item', data: item as Record<string, unknown> }));
		}
	}
	parts.push(...answerButtons([message]).map(buttonLine));
	return parts.filter((part) => part !== '').join('\n');
}

/** The whole answer as one text, messages separated by a blank line. */
export function answerText(messages: BotMessage[]): string {
	return messages
		.map(messageText)
		.filter((text) => text !== '')
		.join('\n\n');
}
