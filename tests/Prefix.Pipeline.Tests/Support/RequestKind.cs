namespace Prefix.Pipeline.Tests.Support;

/// <summary>What happened to one request of the load.</summary>
internal enum RequestKind
{
    /// <summary>Never sent (the load ended first); the default, so an untouched slot is never mistaken for a redirect.</summary>
    NotSent,
    Redirected,
    OtherStatus,
    InFlight,
    Refused,
}
