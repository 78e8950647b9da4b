using System.Net;
using System.Net.Sockets;

namespace Feed.Updater.Fetching;

/// <summary>
/// Refuses connections to loopback, private, link-local and metadata addresses at connect time, after DNS,
/// so a hostname that resolves (or re-resolves, DNS rebinding) to such an address is refused too. Used by the
/// feed fetcher, the enclosure probe and webhook delivery.
/// </summary>
/// <remarks>
/// <para>
/// The check runs inside <see cref="SocketsHttpHandler.ConnectCallback"/> on the very address the socket connects
/// to, so there is no window between "checked" and "connected" (a URL check before the request would be fooled by
/// a second DNS answer). The handler must not use a proxy: the callback would then check the proxy, not the feed.
/// </para>
/// <para>Refused ranges (IANA special-purpose registries, RFC 6890):</para>
/// <list type="bullet">
/// <item>Always: 0.0.0.0/8 and <c>::</c> (this host), 169.254.0.0/16 and fe80::/10 (link-local, which includes the
/// cloud metadata service 169.254.169.254), the metadata addresses 100.100.100.200 (Alibaba) and fd00:ec2::254
/// (AWS IPv6), multicast 224.0.0.0/4 and ff00::/8, 240.0.0.0/4 (reserved, includes broadcast 255.255.255.255).
/// No setting opens these: no feed is legitimately served from a link-local address, and the metadata service
/// hands out the machine's cloud credentials to whoever asks.</item>
/// <item>Unless <see cref="AddressPolicy.AllowLoopback"/>: 127.0.0.0/8 and ::1.</item>
/// <item>Unless <see cref="AddressPolicy.AllowPrivateNetworks"/>: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16
/// (RFC 1918), 100.64.0.0/10 (carrier-grade NAT, RFC 6598), fc00::/7 (unique local, RFC 4193) and fec0::/10
/// (deprecated site-local).</item>
/// </list>
/// <para>
/// IPv6 forms that carry an IPv4 address are judged by that IPv4 address: IPv4-mapped ::ffff:a.b.c.d and
/// IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5), 6to4 2002:aabb:ccdd::/48 (RFC 3056) and the well-known NAT64 prefix
/// 64:ff9b::/96 (RFC 6052). Teredo (2001::/32) obfuscates its embedded address and reaches it only through a relay,
/// so it is treated as a public address.
/// </para>
/// </remarks>
internal static class SsrfGuard
{
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>True when a connection to the address is allowed under the policy.</summary>
    public static bool IsAllowed(IPAddress address, AddressPolicy policy) => RefusalReason(address, policy) is null;

    /// <summary>
    /// Why a connection to the address is refused under the policy (the range and the setting that would allow
    /// it, if any); null when it is allowed.
    /// </summary>
    public static string? RefusalReason(IPAddress address, AddressPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(policy);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusalReasonV4(address, policy, via: null),
            AddressFamily.InterNetworkV6 => RefusalReasonV6(address, policy),
            _ => "not an IP address",
        };
    }

    /// <summary>A SocketsHttpHandler.ConnectCallback that resolves the host, checks every address and connects to an allowed one.</summary>
    /// <remarks>
    /// Throws <see cref="SsrfBlockedException"/> when every address is refused and <see cref="TimeoutException"/>
    /// when DNS plus connecting take longer than <paramref name="connectTimeout"/>; the handler wraps both in an
    /// <see cref="HttpRequestException"/>.
    /// </remarks>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> CreateConnectCallback(AddressPolicy policy, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(connectTimeout, TimeSpan.Zero);
        return (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, policy, connectTimeout, cancellationToken);
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, AddressPolicy policy, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        var host = endPoint.Host.Trim('[', ']');
        try
        {
            // An IP literal skips DNS; a name is resolved here, once, and the socket connects to the checked address.
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, timeout.Token).ConfigureAwait(false);

            var allowed = new List<IPAddress>(addresses.Length);
            var refused = new List<string>();
            foreach (var address in addresses)
            {
                var reason = RefusalReason(address, policy);
                if (reason is null)
                {
                    allowed.Add(address);
                }
                else
                {
                    refused.Add($"{address} ({reason})");
                }
            }

            if (allowed.Count == 0)
            {
                throw new SsrfBlockedException(
                    refused.Count == 0
                        ? $"{host} resolved to no address"
                        : $"refused to connect to {host}: {string.Join("; ", refused)}");
            }

            SocketException? last = null;
            foreach (var address in allowed)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), timeout.Token).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException ex)
                {
                    // Try the next address (a dual-stack name whose IPv6 route is down, say).
                    socket.Dispose();
                    last = ex;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            throw last!;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"connecting to {host}:{endPoint.Port} took longer than {connectTimeout.TotalSeconds:0.###} s (Updater:Fetching:ConnectTimeout)");
        }
    }

    private static string? RefusalReasonV6(IPAddress address, AddressPolicy policy)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return RefusalReasonV4(address.MapToIPv4(), policy, "IPv4-mapped");
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            // :: and ::1 share the all-zero prefix with the deprecated IPv4-compatible form ::a.b.c.d.
            if (address.Equals(IPAddress.IPv6Any))
            {
                return "the unspecified address ::";
            }

            if (address.Equals(IPAddress.IPv6Loopback))
            {
                return policy.AllowLoopback ? null : "loopback ::1; set Updater:Fetching:AllowLoopback to allow it";
            }

            return RefusalReasonV4(new IPAddress(b[12..]), policy, "IPv4-compatible");
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return RefusalReasonV4(new IPAddress(b.Slice(2, 4)), policy, "6to4");
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return RefusalReasonV4(new IPAddress(b[12..]), policy, "NAT64");
        }

        if (b[0] == 0xff)
        {
            return "multicast ff00::/8";
        }

        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        {
            return "link-local fe80::/10 (never allowed)";
        }

        if (address.Equals(AwsMetadataV6))
        {
            return "the cloud metadata address fd00:ec2::254 (never allowed)";
        }

        if ((b[0] & 0xfe) == 0xfc)
        {
            return Private(policy, "unique local fc00::/7");
        }

        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
        {
            return Private(policy, "site-local fec0::/10");
        }

        return null;
    }

    private static string? RefusalReasonV4(IPAddress address, AddressPolicy policy, string? via)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        var reason = (b[0], b[1]) switch
        {
            (0, _) => "this-network 0.0.0.0/8",
            (127, _) => policy.AllowLoopback ? null : "loopback 127.0.0.0/8; set Updater:Fetching:AllowLoopback to allow it",
            (10, _) => Private(policy, "private 10.0.0.0/8"),
            (172, >= 16 and <= 31) => Private(policy, "private 172.16.0.0/12"),
            (192, 168) => Private(policy, "private 192.168.0.0/16"),
            (169, 254) => "link-local 169.254.0.0/16, home of the cloud metadata service (never allowed)",
            (100, 100) when b[2] == 100 && b[3] == 200 => "the cloud metadata address 100.100.100.200 (never allowed)",
            (100, >= 64 and <= 127) => Private(policy, "carrier-grade NAT 100.64.0.0/10"),
            ( >= 224 and <= 239, _) => "multicast 224.0.0.0/4",
            ( >= 240, _) => "reserved 240.0.0.0/4 (includes broadcast 255.255.255.255)",
            _ => null,
        };
        return reason is null || via is null ? reason : $"{via} form of {address}: {reason}";
    }

    private static string? Private(AddressPolicy policy, string range) =>
        policy.AllowPrivateNetworks ? null : $"{range}; set Updater:Fetching:AllowPrivateNetworks to allow it";
}

/// <summary>Which otherwise-refused address ranges are allowed (the local stack and tests allow loopback).</summary>
internal sealed record AddressPolicy(bool AllowLoopback, bool AllowPrivateNetworks);
