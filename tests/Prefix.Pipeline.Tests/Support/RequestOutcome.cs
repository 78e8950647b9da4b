namespace Prefix.Pipeline.Tests.Support;

/// <summary>One request's fate and when (since the load started) it was sent.</summary>
internal readonly record struct RequestOutcome(RequestKind Kind, int Status, TimeSpan At);
