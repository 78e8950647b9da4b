using System.Globalization;

namespace Prefix.Redis.Connection;

/// <summary>A parsed "host:port" (port 6379 when omitted; IPv6 as "[::1]:6379").</summary>
internal sealed record EndPointAddress(string Host, int Port)
{
    public static EndPointAddress Parse(string endPoint)
    {
        var text = endPoint.Trim();
        var colon = text.LastIndexOf(':');
        if (colon < 0 || (text.StartsWith('[') && !text[..colon].EndsWith(']')))
        {
            return new EndPointAddress(text.Trim('[', ']'), 6379);
        }

        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"Invalid Redis endpoint '{endPoint}': expected host:port.");
        }

        return new EndPointAddress(text[..colon].Trim('[', ']'), port);
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
