using System.Diagnostics;
using System.Net.Sockets;

namespace Prefix.Pipeline.Tests.Support;

/// <summary>
/// Sends planned requests to the edge from a few keep-alive connections over raw sockets, optionally paced
/// to a rate, bounded in count and in time, and records what happened to each: redirected, failed after
/// it was sent (in flight when something died), or refused before it could be sent.
/// </summary>
internal static class HitLoad
{
    public static async Task<HitLoadResult> RunAsync(int port, Func<int, PlannedRequest> plan, HitLoadOptions options, CancellationToken cancellationToken = default)
    {
        var outcomes = new RequestOutcome[options.MaxRequests];
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            RawHttpConnection? connection = null;
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= options.MaxRequests || clock.Elapsed >= options.Duration)
                    {
                        return;
                    }

                    if (options.RatePerSecond > 0)
                    {
                        var due = TimeSpan.FromSeconds(index / (double)options.RatePerSecond) - clock.Elapsed;
                        if (due > TimeSpan.Zero)
                        {
                            await Task.Delay(due, cancellationToken);
                        }
                    }

                    (outcomes[index], connection) = await SendAsync(port, connection, plan(index), options.RequestTimeout, clock.Elapsed, cancellationToken);
                }
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        var sent = Math.Min(next, options.MaxRequests);
        return new HitLoadResult(outcomes.AsSpan(0, sent).ToArray(), clock.Elapsed);
    }

    private static async Task<(RequestOutcome, RawHttpConnection?)> SendAsync(
        int port, RawHttpConnection? connection, PlannedRequest request, TimeSpan timeout, TimeSpan at, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            connection ??= await RawHttpConnection.ConnectAsync(port, deadline.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return (new RequestOutcome(RequestKind.Refused, 0, at), null);
        }

        try
        {
            var response = await connection.SendAsync(request.ToBytes(), request.Method == "HEAD", deadline.Token);
            var kind = response.Status == 302 ? RequestKind.Redirected : RequestKind.OtherStatus;
            if (connection.IsClosed)
            {
                await connection.DisposeAsync();
                connection = null;
            }

            return (new RequestOutcome(kind, response.Status, at), connection);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            // Sent (or partly sent) and no answer: the edge may or may not have recorded it.
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            return (new RequestOutcome(RequestKind.InFlight, 0, at), null);
        }
    }
}
