using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Prefix.Pipeline.Tests.Support;

/// <summary>
/// HTTP/1.1 over a plain socket: the request line goes out byte for byte (HttpClient would re-encode the
/// target) and a failed request is never retried behind the test's back, so a marker is sent exactly once.
/// Keeps the connection alive between requests unless the server closes it.
/// </summary>
internal sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawHttpConnection(Socket socket) => _socket = socket;

    public bool IsClosed { get; private set; }

    public static async Task<RawHttpConnection> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return new RawHttpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>One request and its complete response; <paramref name="request"/> is sent as is.</summary>
    public async Task<RawHttpResponse> SendAsync(byte[] request, bool isHead, CancellationToken cancellationToken)
    {
        await _socket.SendAsync(request, SocketFlags.None, cancellationToken);
        var headerEnd = await FillUntilAsync(() => IndexOf("\r\n\r\n"u8), cancellationToken);
        if (headerEnd < 0)
        {
            throw new IOException("The connection closed before a complete response head.");
        }

        var head = Encoding.Latin1.GetString(_buffer, _start, headerEnd - _start);
        _start = headerEnd + 4;
        var lines = head.Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        var status = int.Parse(statusLine[1], CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        var response = new RawHttpResponse(status, statusLine.Length > 2 ? statusLine[2] : string.Empty, headers, []);
        byte[] body;
        if (isHead || status is 204 or 304 || (status >= 100 && status < 200))
        {
            body = [];
        }
        else if (response.Header("Content-Length") is { } length)
        {
            body = await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken);
        }
        else if (string.Equals(response.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(cancellationToken);
        }
        else
        {
            body = await ReadToEndAsync(cancellationToken);
        }

        if (string.Equals(response.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase))
        {
            IsClosed = true;
        }

        return response with { Body = body };
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private int IndexOf(ReadOnlySpan<byte> value)
    {
        var index = _buffer.AsSpan(_start, _end - _start).IndexOf(value);
        return index < 0 ? -1 : _start + index;
    }

    /// <summary>Reads until <paramref name="find"/> answers a position; -1 when the peer closed first.</summary>
    private async Task<int> FillUntilAsync(Func<int> find, CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = find();
            if (found >= 0)
            {
                return found;
            }

            if (!await FillAsync(cancellationToken))
            {
                return -1;
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new IOException("Response head larger than the buffer.");
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (read == 0)
        {
            IsClosed = true;
            return false;
        }

        _end += read;
        return true;
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var body = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (_end == _start && !await FillAsync(cancellationToken))
            {
                throw new IOException("The connection closed in the middle of a body.");
            }

            var n = Math.Min(count - copied, _end - _start);
            Buffer.BlockCopy(_buffer, _start, body, copied, n);
            _start += n;
            copied += n;
        }

        return body;
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var lineEnd = await FillUntilAsync(() => IndexOf("\r\n"u8), cancellationToken);
            if (lineEnd < 0)
            {
                throw new IOException("The connection closed in the middle of a chunked body.");
            }

            var sizeText = Encoding.ASCII.GetString(_buffer, _start, lineEnd - _start).Split(';')[0];
            _start = lineEnd + 2;
            var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                // No trailers from Kestrel here: just the final CRLF.
                await ReadExactlyAsync(2, cancellationToken);
                return body.ToArray();
            }

            body.Write(await ReadExactlyAsync(size, cancellationToken));
            await ReadExactlyAsync(2, cancellationToken);
        }
    }

    private async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        do
        {
            body.Write(_buffer, _start, _end - _start);
            _start = _end;
        }
        while (await FillAsync(cancellationToken));

        return body.ToArray();
    }
}
