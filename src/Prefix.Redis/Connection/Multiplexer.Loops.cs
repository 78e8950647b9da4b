using System.Buffers;
using Prefix.Redis.Protocol;

namespace Prefix.Redis.Connection;

/// <summary>The writer and reader loops of one socket.</summary>
internal sealed partial class Multiplexer
{
    private async Task WriteLoopAsync(RedisTransport transport)
    {
        var output = transport.Output;
        var batch = new List<IPendingCommand>();
        try
        {
            while (true)
            {
                Task? idle = null;
                lock (_lock)
                {
                    if (_transport != transport)
                    {
                        return;
                    }

                    if (_unsent.Count == 0)
                    {
                        _writerWake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        idle = _writerWake.Task;
                    }
                    else
                    {
                        // In-flight order is decided here, under the lock, so it always equals write order.
                        while (_unsent.TryDequeue(out var command))
                        {
                            if (!command.IsCompleted)
                            {
                                _inFlight.Enqueue(command);
                                batch.Add(command);
                            }
                        }
                    }
                }

                if (idle is not null)
                {
                    await idle.ConfigureAwait(false);
                    continue;
                }

                foreach (var command in batch)
                {
                    RespWriter.WriteCommand(output, command.Name, command.Args);
                    if (output.UnflushedBytes >= FlushThreshold)
                    {
                        await FlushAsync(output).ConfigureAwait(false);
                    }
                }

                batch.Clear();
                await FlushAsync(output).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Any write failure means this socket is unusable; the reason goes to the failed commands.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(transport, $"write failed: {e.Message}");
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async ValueTask FlushAsync(System.IO.Pipelines.PipeWriter output)
    {
        var result = await output.FlushAsync().ConfigureAwait(false);
        if (result.IsCompleted || result.IsCanceled)
        {
            throw new IOException("the socket is closed");
        }
    }

    private async Task ReadLoopAsync(RedisTransport transport)
    {
        var input = transport.Input;
        var replies = new List<RedisResult>();
        var commands = new List<IPendingCommand>();
        var scanner = new RespFrameScanner();
        var reason = "server closed the connection";
        try
        {
            while (true)
            {
                var read = await input.ReadAsync().ConfigureAwait(false);
                var buffer = read.Buffer;
                var consumed = ParseReplies(buffer, replies, scanner);
                input.AdvanceTo(consumed, buffer.End);
                if (replies.Count > 0 && !Dispatch(transport, replies, commands))
                {
                    return;
                }

                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
#pragma warning disable CA1031 // Any read failure means this socket is unusable; the reason goes to the failed commands.
        catch (Exception e)
#pragma warning restore CA1031
        {
            reason = e is RedisProtocolException ? $"protocol error: {e.Message}" : $"read failed: {e.Message}";
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
        }

        Fail(transport, reason);
    }

    private SequencePosition ParseReplies(in ReadOnlySequence<byte> buffer, List<RedisResult> replies, RespFrameScanner scanner)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (!reader.End)
        {
            // Find the end of the next reply first (cheap, resumable); parse it only once it is all here.
            if (!scanner.Scan(buffer.Slice(reader.Position)))
            {
                break;
            }

            scanner.Reset();
            if (!RespParser.TryRead(ref reader, out var reply))
            {
                throw new RedisProtocolException("A reply the scanner found complete did not parse.");
            }

            if (_pushHandler is null || !_pushHandler(reply))
            {
                replies.Add(reply);
            }
        }

        return reader.Position;
    }

    /// <returns>False if this transport has been replaced; its replies then belong to nobody.</returns>
    private bool Dispatch(RedisTransport transport, List<RedisResult> replies, List<IPendingCommand> commands)
    {
        lock (_lock)
        {
            if (_transport != transport)
            {
                return false;
            }

            foreach (var _ in replies)
            {
                if (!_inFlight.TryDequeue(out var command))
                {
                    throw new RedisProtocolException("the server sent a reply no command was waiting for");
                }

                commands.Add(command);
            }
        }

        for (var i = 0; i < commands.Count; i++)
        {
            commands[i].Complete(replies[i]);
        }

        replies.Clear();
        commands.Clear();
        return true;
    }
}
