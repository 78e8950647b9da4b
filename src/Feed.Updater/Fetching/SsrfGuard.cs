using System.Net;

namespace Feed.Updater.Fetching;

/// <summary>
/// CONTRACT STUB (the fetch helper implements it): refuses connections to loopback, private, link-local
/// and metadata addresses at connect time, after DNS, so a hostname that resolves (or re-resolves) to such
/// an address is refused too. Used by the feed fetcher, the enclosure probe and webhook delivery.
/// </summary>
internal static class SsrfGuard
{
    /// <summary>True when a connection to the address is allowed under the policy.</summary>
    public static bool IsAllowed(IPAddress address, AddressPolicy policy) => throw new NotImplementedException();

    /// <summary>A SocketsHttpHandler.ConnectCallback that resolves the host, checks every address and connects to an allowed one.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> CreateConnectCallback(AddressPolicy policy, TimeSpan connectTimeout) =>
        throw new NotImplementedException();
}

/// <summary>Which otherwise-refused address ranges are allowed (the local stack and tests allow loopback).</summary>
internal sealed record AddressPolicy(bool AllowLoopback, bool AllowPrivateNetworks);
