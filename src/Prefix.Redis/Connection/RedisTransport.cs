using System.IO.Pipelines;
using System.Net.Sockets;
using Prefix.Redis.Protocol;

namespace Prefix.Redis.Connection;

/// <summary>
/// One TCP socket with pipe adapters on top. It is never reused: a failure disposes it and the
/// multiplexer connects a new one. Disposing closes the socket, which ends both loops using it.
/// </summary>
internal sealed class RedisTransport : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RedisTransport(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>Connects and runs the handshake; any failure is a <see cref="RedisConnectionException"/>.</summary>
    public static async Task<RedisTransport> ConnectAsync(
        EndPointAddress endPoint,
        TimeSpan connectTimeout,
        IReadOnlyList<HandshakeCommand> handshake,
        Func<RedisResult, bool>? pushHandler,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        RedisTransport? transport = null;
        try
        {
            await socket.ConnectAsync(endPoint.Host, endPoint.Port, timeout.Token).ConfigureAwait(false);
            transport = new RedisTransport(socket);
            await transport.HandshakeAsync(endPoint, handshake, pushHandler, timeout.Token).ConfigureAwait(false);
            return transport;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Dispose(transport, socket);
            throw new RedisConnectionException(
                $"connecting to {endPoint} timed out after {connectTimeout.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            Dispose(transport, socket);
            throw new RedisConnectionException($"could not connect to {endPoint}: {e.Message}", e);
        }
        catch
        {
            Dispose(transport, socket);
            throw;
        }
    }

    public void Dispose()
    {
        // Only the socket: each loop completes its own pipe end when its pending call fails.
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already disconnected.
        }
        catch (ObjectDisposedException)
        {
            // Already disposed.
        }

        _socket.Dispose();
        _stream.Dispose();
    }

    private static void Dispose(RedisTransport? transport, Socket socket)
    {
        if (transport is not null)
        {
            transport.Dispose();
        }
        else
        {
            socket.Dispose();
        }
    }

    private async Task HandshakeAsync(
        EndPointAddress endPoint,
        IReadOnlyList<HandshakeCommand> handshake,
        Func<RedisResult, bool>? pushHandler,
        CancellationToken cancellationToken)
    {
        if (handshake.Count == 0)
        {
            return;
        }

        foreach (var command in handshake)
        {
            RespWriter.WriteCommand(Output, command.Name, command.Args);
        }

        await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var answered = 0;
        while (answered < handshake.Count)
        {
            var read = await Input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var error = ParseHandshakeReplies(buffer, pushHandler, ref answered, handshake.Count, out var consumed);
            Input.AdvanceTo(consumed, buffer.End);
            if (error is not null)
            {
                var failed = handshake[answered - 1].Name;
                throw new RedisConnectionException(
                    $"{failed} on {endPoint} failed: {error}", new RedisServerException(error, failed));
            }

            if (read.IsCompleted && answered < handshake.Count)
            {
                throw new RedisConnectionException($"{endPoint} closed the connection during the handshake");
            }
        }
    }

    private static string? ParseHandshakeReplies(
        in System.Buffers.ReadOnlySequence<byte> buffer,
        Func<RedisResult, bool>? pushHandler,
        ref int answered,
        int expected,
        out SequencePosition consumed)
    {
        var reader = new System.Buffers.SequenceReader<byte>(buffer);
        string? error = null;
        while (answered < expected && error is null && RespParser.TryRead(ref reader, out var reply))
        {
            if (pushHandler is not null && pushHandler(reply))
            {
                continue;
            }

            answered++;
            if (reply.Type == RedisResultType.Error)
            {
                error = reply.AsString();
            }
        }

        consumed = reader.Position;
        return error;
    }
}
