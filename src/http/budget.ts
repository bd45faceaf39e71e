/**
 * The whole run's request and output-token budget. Real deployments cost money and rate-limit, so
 * every live request is counted here before it is sent. A contract area reserves what it plans to
 * send before it starts (suite/run-cases.ts; it is skipped whole when the budget cannot cover it);
 * retries draw on the same budget and are refused, never sent, past it. One budget serves a whole
 * run (suite/run.ts).
 */
export class BudgetExhausted extends Error {
  override name = 'BudgetExhausted';
}

export class Budget {
  requests = 0;
  outputTokens = 0;
  constructor(
    readonly maxRequests: number,
    readonly maxOutputTokens: number,
  ) {}

  /** Can `requests` more requests asking for `tokens` output tokens in all still be sent? */
  canCover(requests: number, tokens = 0): boolean {
    return (
      (this.maxRequests === 0 || this.requests + requests <= this.maxRequests) &&
      (this.maxOutputTokens === 0 || this.outputTokens + tokens <= this.maxOutputTokens)
    );
  }

  /** Counts one request; throws instead of exceeding the budget. */
  take(tokens = 0): void {
    if (!this.canCover(1, tokens)) {
      throw new BudgetExhausted(
        `request budget spent: ${this.requests}/${this.maxRequests || '∞'} requests, ${this.outputTokens}/${this.maxOutputTokens || '∞'} output tokens (CONTRACT_MAX_REQUESTS / CONTRACT_MAX_OUTPUT_TOKENS)`,
      );
    }
    this.requests += 1;
    this.outputTokens += tokens;
  }
}
