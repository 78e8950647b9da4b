using Prefix.Counting;

namespace Attribution.Api.Downloads;

/// <summary>
/// Counts downloads on the fly from the raw hits (COUNTING.md through <see cref="CountingEngine"/>), so a hit is
/// in the numbers seconds after ingest and a rule or mapping change applies to every past period at once.
/// </summary>
internal sealed class DownloadCounter(HitReader hits, EpisodeCatalog catalog)
{
    public async Task<(CountingResult Result, HitBatch Batch)> CountAsync(IReadOnlyCollection<string> episodeKeys, DownloadQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var batch = await hits.ReadAsync(episodeKeys, query.Start, query.End, cancellationToken).ConfigureAwait(false);
        var facts = await catalog.FactsAsync(episodeKeys, cancellationToken).ConfigureAwait(false);
        var rules = new CountingRules { Window = query.Window, Mode = query.Mode };
        var result = CountingEngine.CountSorted(batch.Hits, key => facts.GetValueOrDefault(key), rules);
        return (result, batch);
    }
}
