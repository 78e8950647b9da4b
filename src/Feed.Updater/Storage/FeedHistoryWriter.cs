using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Prefix.ClickHouse;

namespace Feed.Updater.Storage;

/// <summary>
/// Group commit into ClickHouse for episodes, feed versions and enclosure probes. A poll awaits its rows'
/// insert before it commits to Redis, so an event is never published for rows ClickHouse does not have; many
/// polls share one insert (ClickHouse wants few large inserts, not one per poll).
/// </summary>
internal sealed class FeedHistoryWriter : IAsyncDisposable
{
    private readonly ClickHouseClient _clickHouse;
    private readonly StorageOptions _options;
    private readonly Channel<PendingRows> _pending = Channel.CreateUnbounded<PendingRows>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public FeedHistoryWriter(ClickHouseClient clickHouse, IOptions<StorageOptions> options)
    {
        _clickHouse = clickHouse;
        _options = options.Value;
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Queues rows and completes once they are inserted (or throws the insert's error).</summary>
    public Task WriteAsync(FeedHistoryRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var pending = new PendingRows(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite(pending), this);

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<PendingRows>();
        while (await _pending.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Gather: whatever is queued now, then a short wait for more unless the batch is already large.
            var rows = Drain(batch);
            if (rows < _options.HistoryMaxBatchRows)
            {
                try
                {
                    await Task.Delay(_options.HistoryFlushDelay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: flush what we have.
                }

                Drain(batch);
            }

            await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private int Drain(List<PendingRows> batch)
    {
        while (_pending.Reader.TryRead(out var next))
        {
            batch.Add(next);
        }

        return batch.Sum(static p => p.Rows.Count);
    }

    private async Task FlushAsync(List<PendingRows> batch, CancellationToken cancellationToken)
    {
        try
        {
            await InsertAsync(FeedHistoryRows.EpisodesTable, FeedHistoryRows.EpisodeColumns, batch.SelectMany(static p => p.Rows.Episodes), cancellationToken).ConfigureAwait(false);
            await InsertAsync(FeedHistoryRows.VersionsTable, FeedHistoryRows.VersionColumns, batch.SelectMany(static p => p.Rows.Versions), cancellationToken).ConfigureAwait(false);
            await InsertAsync(FeedHistoryRows.ProbesTable, FeedHistoryRows.ProbeColumns, batch.SelectMany(static p => p.Rows.Probes), cancellationToken).ConfigureAwait(false);
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
        }
#pragma warning disable CA1031 // Any insert failure goes to every waiting poll, which then retries later.
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    private async Task InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var list = rows.ToList();
        if (list.Count > 0)
        {
            await _clickHouse.InsertAsync(table, columns, list, new QueryOptions { InsertBatchSize = Math.Max(list.Count, 1) }, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record PendingRows(FeedHistoryRows Rows, TaskCompletionSource Done);
}
