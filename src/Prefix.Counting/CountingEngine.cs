namespace Prefix.Counting;

/// <summary>
/// Turns recorded hits into downloads by the rules of COUNTING.md (IAB Podcast Measurement Technical
/// Guidelines v2.2/2.3). Pure: no I/O, no clock, no hashing; the same hits, facts and rules always give
/// the same result, so every number can be recounted later.
/// </summary>
/// <remarks>
/// <para><b>Input.</b> <see cref="Count"/> takes hits in any order: it copies them and sorts by (episode
/// key, listener key) ordinal, then time, then hit id (skipped when already in that order).
/// <see cref="CountSorted"/> streams hits that are already grouped by (episode key, listener key) and
/// time-ordered within each group (e.g. ClickHouse <c>ORDER BY episode_key, listener_key, ts</c>) and
/// holds one group and one window at a time (plus the downloads found and the keys of finished groups,
/// which catch ungrouped input); a group that comes back or a hit that goes back in time is an
/// <see cref="ArgumentException"/>. Within a group a hit repeating the previous hit id is skipped
/// (<see cref="CountingResult.DuplicateHits"/>): <c>ReplacingMergeTree</c> may return a row twice.
/// <c>facts</c> is asked once per episode key; null means size, duration and ID3 size are unknown.</para>
/// <para><b>1. Eligibility</b> (<see cref="Eligibility.Check"/>; first failing check names the reason,
/// tallied in <see cref="CountingResult.Rejections"/>):</para>
/// <list type="number">
/// <item>Method other than GET (case-insensitive) → <c>non_get</c>.</item>
/// <item>Known status other than 200/206 (304 included) → <c>status</c>; 0 = unknown (edge hits) is eligible.</item>
/// <item>Missing/blank User-Agent → <c>no_ua</c> (also when the classifier stored <c>no_ua</c>).</item>
/// <item>Classifier's <c>bot_lib</c> → <c>bot_lib</c>; <c>bot_ua</c>, or <c>IsBot</c> with no reason →
/// <c>bot_ua</c>. Both are summed into <see cref="CountingResult.Bots"/>, never into downloads.</item>
/// <item><c>IsAppleWatch</c>, or an agent starting <c>atc/</c> or <c>(null)/(null)</c> and containing
/// <c>watchOS</c> → <c>apple_watch</c>.</item>
/// <item><c>IsDatacenter</c> (the caller's ASN tables and 90-day safe list) with a browser-like agent
/// (contains <c>Mozilla/</c>) → <c>dc_ip</c>; apps on hosting networks (VPNs) still count.</item>
/// <item>Range (RFC 9110 §14.1.2, inclusive ends; <c>a-b</c>, <c>a-</c>, <c>-n</c>, comma lists, OWS
/// tolerated, unit case-insensitive): unparseable, another unit, last &lt; first, or no satisfiable
/// range (first ≥ S, suffix length 0) → <c>bad_range</c>; unsatisfiable members of a list with a
/// satisfiable one are ignored. A lone <c>0-1</c> is a probe: dropped in strict mode (tallied as
/// <c>probe</c>), kept aside in prefix mode. Every satisfiable range ≤ 2 bytes → <c>tiny_range</c>.</item>
/// </list>
/// <para><b>2. Threshold per (episode key, listener key, window).</b></para>
/// <list type="number">
/// <item>Windows open at eligible hits (probes included in prefix mode). <c>calendar</c>: the UTC day,
/// [00:00:00.000, next 00:00:00.000). <c>rolling-first</c>: [first hit, +24 h); a hit at exactly +24 h
/// opens a new window. <c>rolling-last</c>: a hit less than 24 h after the window's previous hit extends
/// it; exactly 24 h or more opens a new one. Window starts are UTC midnight (calendar) or the opening
/// hit's time.</item>
/// <item>Requested ranges are merged into one union (overlapping and adjacent intervals merge; never
/// summed). A GET without Range requests [0, S), or [0, end) when S is unknown. Ranges are clamped to S.
/// A probe adds nothing.</item>
/// <item><c>T = H + ceil(60·(S−H)/D)</c> (<see cref="Threshold.Bytes"/>); T = S when D ≤ 60 s, D is
/// unknown, or H ≥ S. H is the ID3 size from the updater's probe, else 0.</item>
/// <item><c>prefix</c> mode: the window qualifies when the union's length ≥ T (the prefix sees requests,
/// not bytes served: requested ranges stand for fetched bytes). With S unknown any eligible non-probe GET
/// qualifies. <c>strict</c> mode: the union covers [0, T−1] with no gap; with S unknown only a request
/// reaching the end of the file from byte 0 (no Range, <c>bytes=0-</c>, or ranges merging into that)
/// qualifies, since nothing less can be shown to hold the first minute.</item>
/// </list>
/// <para><b>3. Dedupe, probes, excessive IPs.</b></para>
/// <list type="number">
/// <item>At most one <see cref="Download"/> per (episode key, listener key, window). Its time
/// (<see cref="Download.QualifiedAt"/>) is the hit that first made the union reach the threshold;
/// <see cref="Download.FirstHitAt"/> is the window's first eligible hit; <see cref="Download.Bytes"/> is
/// the union length of the whole window.</item>
/// <item>Prefix mode only: a window that never qualified but held a probe yields one download tagged
/// <see cref="Download.Probe"/>, timed at its first probe.</item>
/// <item>Different User-Agents behind one IP are different listener keys, hence different listeners.
/// Equal listener keys are one listener: IPv6 /64 merging happens upstream in the hasher.</item>
/// <item>Excessive-IP guard: per household key (IP*) and window of the same mode over download times
/// (the UTC day for calendar), more than <see cref="CountingRules.ExcessiveIpCeiling"/> downloads (default
/// 50) → all of them move to <see cref="CountingResult.SuspectDownloads"/>, unless the household is in
/// <see cref="CountingRules.SafeHouseholds"/>. Empty household keys are not guarded.</item>
/// <item>Metrics (<see cref="Metrics"/>): downloads in a period are non-suspect downloads whose
/// <see cref="Download.QualifiedAt"/> falls in [start, end); listeners are distinct listener keys among
/// them, recounted for each period, never a sum of daily listeners.</item>
/// <item>Every result carries <see cref="CountingRules.RulesetVersion"/>, the window and the mode.</item>
/// </list>
/// </remarks>
public static class CountingEngine
{
    /// <summary>Counts <paramref name="hits"/> in any order (copied and sorted internally).</summary>
    /// <param name="hits">Recorded hits, any order.</param>
    /// <param name="facts">Episode facts by episode key; null when unknown. Called once per episode key.</param>
    /// <param name="rules">Window, mode and guard settings.</param>
    public static CountingResult Count(IEnumerable<CountingHit> hits, Func<string, EpisodeFacts?> facts, CountingRules rules)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        var sorted = HitSorter.Sort(hits);
        var run = new CountingRun(facts, rules, verifyGrouping: false);
        foreach (var hit in sorted)
        {
            run.Add(hit);
        }

        return run.Finish();
    }

    /// <summary>
    /// Counts hits already grouped by (episode key, listener key) and time-ordered within each group,
    /// streaming: memory holds one window's ranges, the downloads found and the finished group keys.
    /// </summary>
    /// <exception cref="ArgumentException">A group comes back after another one, or time goes backwards within a group.</exception>
    public static CountingResult CountSorted(IEnumerable<CountingHit> groupedHits, Func<string, EpisodeFacts?> facts, CountingRules rules)
    {
        ArgumentNullException.ThrowIfNull(groupedHits);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        var run = new CountingRun(facts, rules, verifyGrouping: true);
        foreach (var hit in groupedHits)
        {
            run.Add(hit);
        }

        return run.Finish();
    }
}
