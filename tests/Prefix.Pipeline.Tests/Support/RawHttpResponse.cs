using System.Text;

namespace Prefix.Pipeline.Tests.Support;

/// <summary>A response as read off the socket: status, headers in order, body bytes.</summary>
internal sealed record RawHttpResponse(int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>The first header of that name (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>A one-line request with <c>Host</c> and <c>Connection: close</c>, the target bytes exactly as given.</summary>
    public static byte[] Request(string method, byte[] target, params string[] headers)
    {
        var text = new List<byte>();
        text.AddRange(Encoding.ASCII.GetBytes(method + " "));
        text.AddRange(target);
        text.AddRange(Encoding.ASCII.GetBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        foreach (var header in headers)
        {
            text.AddRange(Encoding.ASCII.GetBytes(header + "\r\n"));
        }

        text.AddRange("Connection: close\r\n\r\n"u8.ToArray());
        return [.. text];
    }

    /// <summary>Sends one request on a new connection and reads the whole response.</summary>
    public static async Task<RawHttpResponse> SendOnceAsync(int port, byte[] request, bool isHead = false)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var connection = await RawHttpConnection.ConnectAsync(port, timeout.Token);
        return await connection.SendAsync(request, isHead, timeout.Token);
    }
}
