using System.Net;
using Microsoft.Extensions.Options;
using Prefix.Edge.Configuration;

namespace Prefix.Edge.Listeners;

/// <summary>
/// The listener's IP: the TCP peer, unless the peer is a trusted proxy, in which case the nearest
/// untrusted address in <c>X-Forwarded-For</c> (or RFC 7239 <c>Forwarded: for=</c>). Reading from the
/// right stops a client from planting a fake address at the left of the header.
/// </summary>
internal sealed class ClientAddressResolver
{
    private readonly IPNetwork[] _trusted;

    public ClientAddressResolver(IOptions<EdgeOptions> options) =>
        _trusted = options.Value.TrustedProxies.Select(p => IPNetwork.Parse(p)).ToArray();

    public IPAddress Resolve(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress ?? IPAddress.IPv6None;
        if (peer.IsIPv4MappedToIPv6)
        {
            peer = peer.MapToIPv4();
        }

        if (!IsTrusted(peer))
        {
            return peer;
        }

        var headers = context.Request.Headers;
        var chain = headers["X-Forwarded-For"].Count > 0 ? ForwardedFor(headers["X-Forwarded-For"]) : ForwardedElements(headers["Forwarded"]);
        var client = peer;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            client = chain[i];
            if (!IsTrusted(client))
            {
                break;
            }
        }

        return client;
    }

    private bool IsTrusted(IPAddress address)
    {
        foreach (var network in _trusted)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static List<IPAddress> ForwardedFor(Microsoft.Extensions.Primitives.StringValues values)
    {
        var addresses = new List<IPAddress>();
        foreach (var value in values)
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (TryParseNode(part, out var address))
                {
                    addresses.Add(address);
                }
            }
        }

        return addresses;
    }

    private static List<IPAddress> ForwardedElements(Microsoft.Extensions.Primitives.StringValues values)
    {
        var addresses = new List<IPAddress>();
        foreach (var value in values)
        {
            foreach (var element in (value ?? string.Empty).Split(','))
            {
                foreach (var pair in element.Split(';', StringSplitOptions.TrimEntries))
                {
                    if (pair.StartsWith("for=", StringComparison.OrdinalIgnoreCase) && TryParseNode(pair[4..].Trim('"'), out var address))
                    {
                        addresses.Add(address);
                    }
                }
            }
        }

        return addresses;
    }

    /// <summary>"1.2.3.4", "1.2.3.4:5678", "[2001:db8::1]:4711", "2001:db8::1".</summary>
    private static bool TryParseNode(string node, out IPAddress address)
    {
        if (node.StartsWith('['))
        {
            var close = node.IndexOf(']', StringComparison.Ordinal);
            node = close > 0 ? node[1..close] : node;
        }
        else if (node.Count(c => c == ':') == 1)
        {
            node = node[..node.IndexOf(':', StringComparison.Ordinal)];
        }

        if (IPAddress.TryParse(node, out var parsed))
        {
            address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
