using System.Globalization;
using Prefix.Pipeline.Tests.Support;

namespace Prefix.Pipeline.Tests.Faults;

/// <summary>The paced load the fault tests run while they break things, and the checks they share.</summary>
internal static class FaultLoad
{
    public static PlannedRequest Plan(int i) => new(
        "GET",
        string.Create(CultureInfo.InvariantCulture, $"/e/cdn.example.com/show/ep{i % 5}.mp3?n={i}"),
        "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)",
        "8.8.8.8");

    /// <summary>
    /// Every redirected request has exactly one distinct hit; nothing that was never sent is there; the total
    /// of distinct hit ids is the redirected requests plus those in-flight ones that made it.
    /// </summary>
    public static async Task<string> AssertExactlyOnceAsync(HitStore store, HitLoadResult load)
    {
        var markers = await store.MarkersAsync();
        var redirected = load.Markers(RequestKind.Redirected);
        var inFlight = load.Markers(RequestKind.InFlight).ToHashSet();
        var missing = redirected.Where(n => !markers.ContainsKey(n)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} redirected hits missing, e.g. n={string.Join(", ", missing.Take(10))}");
        var twice = markers.Where(m => m.Value.Distinct != 1).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} markers with more than one distinct hit id, e.g. n={string.Join(", ", twice.Take(10).Select(m => m.Key))}");
        var unexpected = markers.Keys.Where(n => load.Outcomes.Length <= n || (load.Outcomes[n].Kind != RequestKind.Redirected && !inFlight.Contains(n))).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} hits of requests that were never answered nor in flight, e.g. n={string.Join(", ", unexpected.Take(10))}");

        var inFlightStored = inFlight.Count(markers.ContainsKey);
        var distinct = await store.ScalarAsync("SELECT uniqExact(hit_id) FROM hits");
        Assert.Equal(redirected.Count + inFlightStored, distinct);
        var rows = await store.ScalarAsync("SELECT count() FROM hits");
        var final = await store.ScalarAsync("SELECT count() FROM hits FINAL");
        Assert.Equal(distinct, final);
        return string.Create(CultureInfo.InvariantCulture,
            $"distinct hit ids {distinct} = {redirected.Count} redirected + {inFlightStored} of {inFlight.Count} in flight; physical rows {rows} ({rows - distinct} duplicate rows before merge), FINAL {final}");
    }
}
