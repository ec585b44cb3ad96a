/**
 * The time one node run may spend waiting between retries, shared by all its requests. With
 * many items or windows, five retries per request could otherwise add up to hours.
 */
export class RetryBudget {
	private waitedMs = 0;

	constructor(readonly limitMs: number) {}

	/** Takes `delayMs` from the budget; false (and nothing taken) when it would overrun. */
	take(delayMs: number): boolean {
		if (this.waitedMs + delayMs > this.limitMs) return false;
		this.waitedMs += delayMs;
		return true;
	}

	get spentMs(): number {
		return this.waitedMs;
	}
}

/** Retry waits of one run add up to at most this many times the request timeout. */
export const RETRY_BUDGET_TIMEOUTS = 5;
