using System.Diagnostics;

namespace Prefix.Redis.Connection;

/// <summary>The watchdog that times commands out and detects an unresponsive server.</summary>
internal sealed partial class Multiplexer
{
    private void CheckTimeouts()
    {
        if (Interlocked.Exchange(ref _watchdogBusy, 1) == 1)
        {
            return;
        }

        try
        {
            var now = Stopwatch.GetTimestamp();
            List<(IPendingCommand Command, bool Sent)>? expired = null;
            IPendingCommand? hungHead = null;
            RedisTransport? hung = null;
            string lastFailure;
            bool connected;
            lock (_lock)
            {
                connected = _transport is not null;
                lastFailure = _lastFailure;
                var prune = false;
                foreach (var command in _unsent)
                {
                    if (command.IsCompleted)
                    {
                        prune = true;
                    }
                    else if (command.Deadline <= now)
                    {
                        (expired ??= []).Add((command, false));
                    }
                }

                if (prune)
                {
                    // Timed-out or cancelled commands that were never sent are dropped from the queue.
                    _unsent = new Queue<IPendingCommand>(_unsent.Where(c => !c.IsCompleted));
                }

                foreach (var command in _inFlight)
                {
                    if (!command.IsCompleted && command.Deadline <= now)
                    {
                        (expired ??= []).Add((command, true));
                    }
                }

                // A reply overdue by a whole extra command timeout means the server or the network is gone
                // without a FIN/RST; only a new socket helps then.
                if (_transport is not null && _inFlight.TryPeek(out var head) && head.Deadline != long.MaxValue
                    && now - head.Deadline > _hungGraceTicks)
                {
                    hung = _transport;
                    hungHead = head;
                }
            }

            foreach (var (command, sent) in expired ?? [])
            {
                command.Fail(TimeoutError(command, sent, connected, lastFailure));
            }

            if (hung is not null)
            {
                Fail(hung, $"no reply to {hungHead!.Name} for {(hungHead.Timeout + _options.CommandTimeout).TotalMilliseconds:0} ms");
            }
        }
        finally
        {
            Volatile.Write(ref _watchdogBusy, 0);
        }
    }

    private RedisTimeoutException TimeoutError(IPendingCommand command, bool sent, bool connected, string lastFailure)
    {
        var ms = command.Timeout.TotalMilliseconds;
        var message = sent
            ? $"command {command.Name} timed out after {ms:0} ms: sent to {_endPoint} but not answered (it may or may not have executed)"
            : connected
                ? $"command {command.Name} timed out after {ms:0} ms before it could be sent to {_endPoint}"
                : $"command {command.Name} timed out after {ms:0} ms and was not sent: connection to {_endPoint} is down ({lastFailure}); reconnecting";
        return new RedisTimeoutException(message, command.Name, command.Timeout, sent);
    }
}
