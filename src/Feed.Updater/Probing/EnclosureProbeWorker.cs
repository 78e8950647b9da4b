using Feed.Updater.Fetching;
using Feed.Updater.Polling;
using Feed.Updater.Scheduling;
using Feed.Updater.Storage;
using Microsoft.Extensions.Options;
using Prefix.Core.Episodes;

namespace Feed.Updater.Probing;

/// <summary>
/// Reads the first bytes of new episodes' enclosures (Range: bytes=0-9) to learn the ID3v2 tag size, so counting
/// can compute its byte threshold (COUNTING.md), and writes what it found to ClickHouse <c>enclosure_probes</c>.
/// Host budgets apply: media hosts are as concentrated as feed hosts.
/// </summary>
internal sealed class EnclosureProbeWorker(
    EnclosureProbeQueue queue,
    EnclosureProbe probe,
    HostBudget budget,
    FeedHistoryWriter history,
    EpisodeKeyNormalizer normalizer,
    TimeProvider time,
    IOptions<ProbingOptions> options,
    ILogger<EnclosureProbeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var urls = await queue.TakeAsync(options.Value.BatchSize, stoppingToken).ConfigureAwait(false);
                if (urls.Count == 0)
                {
                    await Task.Delay(options.Value.IdleDelay, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var rows = new FeedHistoryRows();
                await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = stoppingToken },
                    async (url, ct) =>
                    {
                        var result = await ProbeOneAsync(url, ct).ConfigureAwait(false);
                        lock (rows)
                        {
                            rows.AddProbe(normalizer.Normalize(url), url, result.Id3Size ?? -1, result.ContentLength ?? -1, result.StatusCode, result.Error ?? string.Empty, time.GetUtcNow());
                        }
                    }).ConfigureAwait(false);
                await history.WriteAsync(rows, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Redis or ClickHouse away: log, wait, go on; probes are best effort.
            catch (Exception e)
#pragma warning restore CA1031
            {
                PollLog.ProbeLoopFailed(logger, e.Message);
                await Task.Delay(options.Value.IdleDelay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<EnclosureProbeResult> ProbeOneAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new EnclosureProbeResult(false, null, null, 0, "the enclosure URL is not an absolute URL");
        }

        using var slot = await budget.TryAcquireAsync(uri.Host, options.Value.HostWait, cancellationToken).ConfigureAwait(false);
        if (slot is null)
        {
            return new EnclosureProbeResult(false, null, null, 0, "the media host's budget was exhausted; not probed");
        }

        return await probe.ProbeAsync(uri, cancellationToken).ConfigureAwait(false);
    }
}
