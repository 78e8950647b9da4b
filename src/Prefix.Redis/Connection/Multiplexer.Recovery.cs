namespace Prefix.Redis.Connection;

/// <summary>Failing a socket and reconnecting.</summary>
internal sealed partial class Multiplexer
{
    private void Fail(RedisTransport transport, string reason)
    {
        IPendingCommand[] lost;
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (_transport != transport)
            {
                return;
            }

            _transport = null;
            _lastFailure = reason;
            lost = [.. _inFlight];
            _inFlight.Clear();
            wake = _writerWake;
            _writerWake = null;
        }

        transport.Dispose();
        wake?.TrySetResult();
        foreach (var command in lost)
        {
            command.Fail(new RedisConnectionException(
                $"connection to {_endPoint} lost ({reason}); command {command.Name} was sent but not answered (it may or may not have executed)",
                command.Name,
                wasSent: true));
        }

        StartReconnect();
        Raise(() => ConnectionFailed?.Invoke(reason));
    }

    private void StartReconnect()
    {
        lock (_lock)
        {
            if (_reconnecting || _disposed)
            {
                return;
            }

            _reconnecting = true;
        }

        _ = ReconnectLoopAsync();
    }

    private async Task ReconnectLoopAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Task.Delay(Backoff.Delay(attempt, _options.ReconnectMinBackoff, _options.ReconnectMaxBackoff), _disposingToken)
                    .ConfigureAwait(false);
                var transport = await RedisTransport.ConnectAsync(_endPoint, _options.ConnectTimeout, _handshake(), _pushHandler, _disposingToken)
                    .ConfigureAwait(false);
                lock (_lock)
                {
                    if (_disposed)
                    {
                        transport.Dispose();
                        return;
                    }

                    _reconnecting = false;
                }

                Attach(transport);
                Raise(() => ConnectionRestored?.Invoke());
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RedisConnectionException e)
            {
                lock (_lock)
                {
                    _lastFailure = e.Message;
                }
            }
        }
    }

    private static void Raise(Action raise)
    {
        try
        {
            raise();
        }
#pragma warning disable CA1031 // A throwing event handler must not stop the reader loop or the reconnect.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
