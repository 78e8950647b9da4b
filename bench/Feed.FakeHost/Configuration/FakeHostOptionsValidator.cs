using System.Globalization;

namespace Feed.FakeHost.Configuration;

/// <summary>Start-up checks; each message names the option and the bad value.</summary>
internal static class FakeHostOptionsValidator
{
    public static string? Validate(FakeHostOptions o)
    {
        if (o.Port is < 1 or > 65535)
        {
            return Bad("port", o.Port, "must be 1–65535 (it is written into every URL, so 0 cannot work)");
        }

        if (o.FeedCount < 1)
        {
            return Bad("feed-count", o.FeedCount, "must be at least 1");
        }

        if (o.PollInterval <= TimeSpan.Zero)
        {
            return Bad("poll-interval", o.PollInterval, "must be positive");
        }

        if (o.ChangeFraction is <= 0 or > 1)
        {
            return Bad("change-fraction", o.ChangeFraction, "must be in (0, 1]");
        }

        if (o.MedianItems < 1 || o.MaxItems < o.MedianItems)
        {
            return Bad("median-items", o.MedianItems, $"must be ≥ 1 and ≤ --max-items ({o.MaxItems})");
        }

        if (o.BigFeedItems < 1)
        {
            return Bad("big-feed-items", o.BigFeedItems, "must be at least 1");
        }

        (string Name, double Value)[] fractions =
        [
            ("no-validators-fraction", o.NoValidatorsFraction), ("last-modified-only-fraction", o.LastModifiedOnlyFraction),
            ("gzip-fraction", o.GzipFraction), ("slow-fraction", o.SlowFraction), ("error-fraction", o.ErrorFraction),
            ("html-fraction", o.HtmlFraction), ("malformed-fraction", o.MalformedFraction), ("not-found-fraction", o.NotFoundFraction),
            ("gone-fraction", o.GoneFraction), ("too-many-requests-fraction", o.TooManyRequestsFraction),
            ("redirect-fraction", o.RedirectFraction), ("media-ignore-range-fraction", o.MediaIgnoreRangeFraction),
        ];
        foreach (var (name, value) in fractions)
        {
            if (value is < 0 or > 1)
            {
                return Bad(name, value, "must be in [0, 1]");
            }
        }

        var faults = o.SlowFraction + o.ErrorFraction + o.HtmlFraction + o.MalformedFraction + o.NotFoundFraction
            + o.GoneFraction + o.TooManyRequestsFraction + o.RedirectFraction;
        if (faults > 1)
        {
            return Bad("*-fraction", faults, "the fault fractions (slow … redirect) are disjoint bands and must add up to ≤ 1");
        }

        if (o.NoValidatorsFraction + o.LastModifiedOnlyFraction > 1)
        {
            return Bad("no-validators-fraction", o.NoValidatorsFraction, "plus --last-modified-only-fraction must be ≤ 1");
        }

        if (o.SlowDelayMin < TimeSpan.Zero || o.SlowDelayMax < o.SlowDelayMin)
        {
            return Bad("slow-delay-max", o.SlowDelayMax, $"must be ≥ --slow-delay-min ({o.SlowDelayMin}) ≥ 0");
        }

        if (o.CacheMegabytes < 0)
        {
            return Bad("cache-mb", o.CacheMegabytes, "must be ≥ 0");
        }

        return o.ServedChangesCapacity < 1 ? Bad("served-changes-capacity", o.ServedChangesCapacity, "must be at least 1") : null;
    }

    private static string Bad(string name, object value, string rule) =>
        string.Create(CultureInfo.InvariantCulture, $"Option '--{name}' = {value}: {rule}.");
}
