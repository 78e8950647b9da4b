using System.Globalization;
using System.Text;

namespace Prefix.Pipeline.Tests.Support;

/// <summary>One request of the load: everything that varies per marker.</summary>
internal sealed record PlannedRequest(string Method, string Target, string UserAgent, string ForwardedFor, string? Range = null)
{
    public byte[] ToBytes()
    {
        var text = new StringBuilder(256)
            .Append(CultureInfo.InvariantCulture, $"{Method} {Target} HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"User-Agent: {UserAgent}\r\nX-Forwarded-For: {ForwardedFor}\r\n");
        if (Range is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Range: {Range}\r\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }
}
