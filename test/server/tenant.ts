/**
 * The test server's data: a deterministic generated tenant of any size plus explicitly added
 * messages. Generated users are never materialised: a user's interactions are recomputed
 * from the seed on each request, so a 50,000-user tenant costs no memory.
 */

export interface TenantSpec {
	users: number;
	interactionsPerUser: number;
	/** Epoch seconds, inclusive: generated interactions fall in this range. */
	from: number;
	to: number;
	seed: number;
}

export interface StoredMessage {
	userId: string;
	type: string;
	/** Epoch seconds: OpenDialog stores whole seconds. */
	date: number;
	text: string;
	data: Record<string, unknown> | null;
}

export type UserData = Record<string, unknown>;

export interface UserInRange {
	userId: string;
	userData: UserData;
	messages: StoredMessage[];
}

export const SCENARIOS = [
	{ id: 'scn-welcome', alias: 'welcome' },
	{ id: 'scn-claims', alias: 'claims' },
	{ id: 'scn-renewal', alias: 'renewal' },
];

const FIRST_NAMES = ['Ann', 'Ben', 'Chloe', 'Dev', 'Ella', 'Femi', 'Grace', 'Hugo', 'Ines', 'Jon'];
const LAST_NAMES = ['Smith', 'Jones', 'Patel', 'Brown', 'Okafor', 'Garcia', 'Nguyen', 'Khan'];
const COUNTRIES = ['GB', 'IE', 'US', 'DE', 'FR', 'NG', 'IN'];
const BROWSERS = ['Chrome', 'Firefox', 'Safari', 'Edge'];
const OSES = ['Windows', 'macOS', 'iOS', 'Android', 'Linux'];
const TYPES = [
	'chat_open',
	'text',
	'button_response',
	'text',
	'url_click',
	'form_response',
	'longtext_response',
];
const TEXTS = [
	'I need help with my policy',
	'How do I make a claim?',
	'Can I change my address?',
	'What does my cover include?',
	'Thanks, that helps',
];

/** A 32-bit integer hash (Murmur3's finaliser) of a few integers: cheap and deterministic. */
function hash(...values: number[]): number {
	let h = 0x9e3779b9;
	for (const value of values) {
		h = Math.imul(h ^ (value | 0), 0x85ebca6b);
		h ^= h >>> 13;
		h = Math.imul(h, 0xc2b2ae35);
		h ^= h >>> 16;
	}
	return h >>> 0;
}

function pick<T>(list: T[], n: number): T {
	return list[n % list.length];
}

export function generatedUserId(index: number): string {
	return `user-${String(index).padStart(6, '0')}`;
}

export function generatedUserData(spec: TenantSpec, index: number): UserData {
	const h = hash(spec.seed, index, 7);
	const firstName = pick(FIRST_NAMES, h);
	return {
		first_name: firstName,
		last_name: pick(LAST_NAMES, h >>> 4),
		email: `${firstName.toLowerCase()}.${index}@example.com`,
		country: pick(COUNTRIES, h >>> 8),
		browser: pick(BROWSERS, h >>> 12),
		browser_language: 'en-GB',
		os: pick(OSES, h >>> 16),
		timezone: 'Europe/London',
		platform: 'webchat',
		ip_address: `203.0.113.${index % 250}`,
		custom: { selected_scenario: pick(SCENARIOS, index).id },
	};
}

/** The k-th interaction of a generated user, before storage order is applied. */
export function generatedMessage(spec: TenantSpec, index: number, k: number): StoredMessage {
	const h = hash(spec.seed, index, k);
	const span = spec.to - spec.from + 1;
	const type = pick(TYPES, h >>> 3);
	const isButton = type === 'button_response';
	return {
		userId: generatedUserId(index),
		type,
		date: spec.from + (h % span),
		text: type === 'text' || type === 'longtext_response' ? pick(TEXTS, h >>> 7) : '',
		data: isButton ? { value: h % 2 === 0 ? 'yes' : 'no', callback_id: 'intent.confirm' } : null,
	};
}

/**
 * Storage order is insertion order, which is date order except for messages stored late: one
 * user in ten here has its two latest interactions stored the wrong way round.
 */
function storageOrder(messages: StoredMessage[], index: number): StoredMessage[] {
	messages.sort((a, b) => a.date - b.date);
	if (index % 10 === 3 && messages.length > 1) {
		const last = messages.length - 1;
		[messages[last - 1], messages[last]] = [messages[last], messages[last - 1]];
	}
	return messages;
}

export class TenantStore {
	private readonly explicitUsers = new Map<string, UserData>();

	private readonly explicitMessages = new Map<string, StoredMessage[]>();

	constructor(private spec: TenantSpec | undefined) {}

	setSpec(spec: TenantSpec | undefined): void {
		this.spec = spec;
	}

	clearMessages(): void {
		this.explicitUsers.clear();
		this.explicitMessages.clear();
	}

	addMessage(message: StoredMessage, userData?: UserData): void {
		if (userData || !this.explicitUsers.has(message.userId)) {
			this.explicitUsers.set(
				message.userId,
				userData ?? this.explicitUsers.get(message.userId) ?? {},
			);
		}
		const list = this.explicitMessages.get(message.userId) ?? [];
		list.push(message);
		this.explicitMessages.set(message.userId, list);
	}

	/** Users with at least one message in [from, to] (inclusive, seconds), in storage order. */
	*usersInRange(from: number, to: number): Generator<UserInRange> {
		const spec = this.spec;
		if (spec && spec.users > 0 && from <= spec.to && to >= spec.from) {
			for (let index = 0; index < spec.users; index++) {
				const messages = storageOrder(
					Array.from({ length: spec.interactionsPerUser }, (_, k) =>
						generatedMessage(spec, index, k),
					),
					index,
				).filter((message) => message.date >= from && message.date <= to);
				if (messages.length > 0) {
					yield {
						userId: generatedUserId(index),
						userData: generatedUserData(spec, index),
						messages,
					};
				}
			}
		}
		for (const [userId, all] of this.explicitMessages) {
			const messages = all.filter((message) => message.date >= from && message.date <= to);
			if (messages.length > 0) {
				yield { userId, userData: this.explicitUsers.get(userId) ?? {}, messages };
			}
		}
	}
}
