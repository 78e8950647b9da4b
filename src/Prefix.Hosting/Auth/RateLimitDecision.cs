namespace Prefix.Hosting.Auth;

/// <summary>
/// The rate limiter's answer for one request: allowed (with what is left) or refused with how long to wait.
/// <see cref="LimitPerMinute"/> is 0 when rate limiting is off.
/// </summary>
public readonly record struct RateLimitDecision(bool Allowed, int LimitPerMinute, int Remaining, int RetryAfterSeconds);
