/**
 * Rate limits as the API states them on every answer (https://docs.claude.com/en/api/rate-limits):
 * token buckets per minute that refill continuously, reported as
 * `anthropic-ratelimit-{requests,input-tokens,output-tokens,tokens}-{limit,remaining,reset}`, where
 * `tokens-*` sums input and output (a recorded 429 shows 450000 + 90000 = 540000,
 * tests/fixtures/recorded/error-429-01.json), token `remaining` is rounded down to the thousand and
 * `reset` is an RFC 3339 time. A request the buckets cannot pay for gets the API's 429
 * `rate_limit_error` with `retry-after` (seconds).
 */
export interface RateLimitOptions {
  requestsPerMinute?: number;
  inputTokensPerMinute?: number;
  outputTokensPerMinute?: number;
}

/** Generous defaults (a high usage tier): a client never meets them unless told to. */
const DEFAULT_LIMITS: Required<RateLimitOptions> = {
  requestsPerMinute: 4000,
  inputTokensPerMinute: 2_000_000,
  outputTokensPerMinute: 400_000,
};

class Bucket {
  private level: number;
  private at: number;
  constructor(
    readonly limit: number,
    now: number,
  ) {
    this.level = limit;
    this.at = now;
  }
  private refill(now: number) {
    this.level = Math.min(this.limit, this.level + ((now - this.at) / 60_000) * this.limit);
    this.at = now;
  }
  remaining(now: number): number {
    this.refill(now);
    return Math.max(0, Math.floor(this.level));
  }
  /** Milliseconds until `amount` is available (0 if it is now). */
  waitFor(amount: number, now: number): number {
    this.refill(now);
    return this.level >= amount ? 0 : Math.ceil(((amount - this.level) / this.limit) * 60_000);
  }
  take(amount: number, now: number) {
    this.refill(now);
    this.level -= amount;
  }
  /** When the bucket is full again. */
  resetAt(now: number): string {
    this.refill(now);
    return new Date(now + Math.max(0, ((this.limit - this.level) / this.limit) * 60_000))
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
  }
}

export interface Admission {
  /** Why the request is refused (the 429 message), or undefined when admitted. */
  refused?: string;
  retryAfterSeconds?: number;
}

export class RateLimiter {
  private readonly requests: Bucket;
  private readonly input: Bucket;
  private readonly output: Bucket;
  constructor(
    options: RateLimitOptions = {},
    private readonly clock: () => number = Date.now,
  ) {
    const o = { ...DEFAULT_LIMITS, ...options };
    const now = clock();
    this.requests = new Bucket(o.requestsPerMinute, now);
    this.input = new Bucket(o.inputTokensPerMinute, now);
    this.output = new Bucket(o.outputTokensPerMinute, now);
  }

  /**
   * Takes one request, its input tokens and its `max_tokens` (the API estimates output from
   * max_tokens up front), or says which limit it would exceed.
   */
  admit(inputTokens: number, maxTokens: number, model: string): Admission {
    const now = this.clock();
    const checks: Array<[Bucket, number, string]> = [
      [this.requests, 1, 'requests'],
      [this.input, inputTokens, 'input tokens'],
      [this.output, maxTokens, 'output tokens'],
    ];
    for (const [bucket, amount, what] of checks) {
      const wait = bucket.waitFor(Math.min(amount, bucket.limit), now);
      if (wait > 0)
        return {
          refused: `This request would exceed your organization's rate limit of ${bucket.limit.toLocaleString('en-US')} ${what} per minute (model: ${model}). For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.`,
          retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)),
        };
    }
    for (const [bucket, amount] of checks) bucket.take(amount, now);
    return {};
  }

  /** Counts a request against the buckets without refusing it (limits reported, not enforced). */
  record(inputTokens: number, maxTokens: number): void {
    const now = this.clock();
    this.requests.take(1, now);
    this.input.take(inputTokens, now);
    this.output.take(maxTokens, now);
  }

  /** The `anthropic-ratelimit-*` headers as they stand now. */
  headers(): Record<string, string> {
    const now = this.clock();
    const thousand = (n: number) => String(Math.floor(n / 1000) * 1000);
    const h: Record<string, string> = {
      'anthropic-ratelimit-requests-limit': String(this.requests.limit),
      'anthropic-ratelimit-requests-remaining': String(this.requests.remaining(now)),
      'anthropic-ratelimit-requests-reset': this.requests.resetAt(now),
      'anthropic-ratelimit-input-tokens-limit': String(this.input.limit),
      'anthropic-ratelimit-input-tokens-remaining': thousand(this.input.remaining(now)),
      'anthropic-ratelimit-input-tokens-reset': this.input.resetAt(now),
      'anthropic-ratelimit-output-tokens-limit': String(this.output.limit),
      'anthropic-ratelimit-output-tokens-remaining': thousand(this.output.remaining(now)),
      'anthropic-ratelimit-output-tokens-reset': this.output.resetAt(now),
      'anthropic-ratelimit-tokens-limit': String(this.input.limit + this.output.limit),
      'anthropic-ratelimit-tokens-remaining': thousand(this.input.remaining(now) + this.output.remaining(now)),
    };
    // The most restrictive of the two token buckets says when tokens are back.
    const [a, b] = [this.input.resetAt(now), this.output.resetAt(now)];
    h['anthropic-ratelimit-tokens-reset'] = a > b ? a : b;
    return h;
  }
}
