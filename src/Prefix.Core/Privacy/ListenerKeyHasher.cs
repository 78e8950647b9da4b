using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Prefix.Core.Privacy;

/// <summary>
/// Turns a raw IP (and User-Agent) into the listener and household keys that leave the edge instead
/// of the IP (ARCHITECTURE.md "Identities", COUNTING.md "Terms"). Keys are HMAC-SHA256 with a secret
/// that only the edge and the hit import hold, truncated to 128 bits, and carry the id of the secret
/// so a rotation never silently merges or splits listeners.
/// </summary>
public sealed class ListenerKeyHasher
{
    private readonly byte[] _secret;

    // One keyed HMAC per thread and hasher: the one-shot HMACSHA256.HashData sets the key up again on every
    // call, which was most of the edge's per-request hashing cost.
    [ThreadStatic]
    private static HMACSHA256? t_hmac;

    [ThreadStatic]
    private static ListenerKeyHasher? t_hmacOwner;

    public ListenerKeyHasher(ushort keyId, ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 16)
        {
            throw new ArgumentException("The identity secret must be at least 16 bytes.", nameof(secret));
        }

        KeyId = keyId;
        _secret = secret.ToArray();
    }

    /// <summary>Which secret produced the keys; stored with every row.</summary>
    public ushort KeyId { get; }

    /// <summary>Keyed hash of (IP*, User-Agent as sent, trimmed): one listener (device) key.</summary>
    public string ListenerKey(IPAddress address, string? userAgent)
    {
        Span<byte> ip = stackalloc byte[16];
        var ipLength = WriteIpStar(address, ip);
        var agent = (userAgent ?? string.Empty).AsSpan().Trim();
        var agentLength = Encoding.UTF8.GetByteCount(agent);
        var input = agentLength <= 1024 ? stackalloc byte[1 + ipLength + 1 + agentLength] : new byte[1 + ipLength + 1 + agentLength];

        // A domain byte keeps listener and household keys from ever colliding for the same IP.
        input[0] = (byte)'L';
        ip[..ipLength].CopyTo(input[1..]);
        input[1 + ipLength] = 0;
        Encoding.UTF8.GetBytes(agent, input[(2 + ipLength)..]);
        return Hash(input);
    }

    /// <summary>Keyed hash of IP* alone: one household key.</summary>
    public string HouseholdKey(IPAddress address)
    {
        Span<byte> input = stackalloc byte[17];
        input[0] = (byte)'H';
        var ipLength = WriteIpStar(address, input[1..]);
        return Hash(input[..(1 + ipLength)]);
    }

    /// <summary>
    /// IP*: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 cut to its first 64 bits (one home or
    /// phone network usually has a /64, and privacy extensions rotate the rest).
    /// </summary>
    public static IPAddress IpStar(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = WriteIpStar(address, bytes);
        return length == 4 ? new IPAddress(bytes[..4]) : new IPAddress(bytes);
    }

    private static int WriteIpStar(IPAddress address, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(destination, out _);
            return 4;
        }

        address.TryWriteBytes(destination, out _);
        destination[8..16].Clear();
        return 16;
    }

    private string Hash(ReadOnlySpan<byte> input)
    {
        var hmac = t_hmac;
        if (hmac is null || !ReferenceEquals(t_hmacOwner, this))
        {
            hmac?.Dispose();
            hmac = new HMACSHA256(_secret);
            t_hmac = hmac;
            t_hmacOwner = this;
        }

        Span<byte> mac = stackalloc byte[32];
        hmac.TryComputeHash(input, mac, out _);
        return Convert.ToHexStringLower(mac[..16]);
    }
}
