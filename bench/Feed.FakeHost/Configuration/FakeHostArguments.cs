using System.Globalization;
using System.Net;
using System.Text;

namespace Feed.FakeHost.Configuration;

/// <summary>
/// Parses <c>--kebab-name value</c> / <c>--kebab-name=value</c> into <see cref="FakeHostOptions"/>. Durations accept
/// <c>500ms</c>, <c>60s</c>, <c>2m</c>, <c>1h</c> or a TimeSpan (<c>00:01:00</c>); a bare number is seconds.
/// </summary>
internal static class FakeHostArguments
{
    private sealed record Option(string Name, Func<FakeHostOptions, string> Show, Func<FakeHostOptions, string, bool> Set);

    private static readonly Option[] Options =
    [
        new("address", o => o.Address.ToString(), (o, v) => IPAddress.TryParse(v, out var a) && Assign(() => o.Address = a)),
        new("port", o => Text(o.Port), (o, v) => TryInt(v, out var x) && Assign(() => o.Port = x)),
        new("feed-count", o => Text(o.FeedCount), (o, v) => TryInt(v, out var x) && Assign(() => o.FeedCount = x)),
        new("seed", o => Text(o.Seed), (o, v) => ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && Assign(() => o.Seed = x)),
        new("poll-interval", o => Text(o.PollInterval), (o, v) => TryDuration(v, out var x) && Assign(() => o.PollInterval = x)),
        new("change-fraction", o => Text(o.ChangeFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.ChangeFraction = x)),
        new("median-items", o => Text(o.MedianItems), (o, v) => TryInt(v, out var x) && Assign(() => o.MedianItems = x)),
        new("max-items", o => Text(o.MaxItems), (o, v) => TryInt(v, out var x) && Assign(() => o.MaxItems = x)),
        new("big-feed", o => Text(o.BigFeed), (o, v) => TryInt(v, out var x) && Assign(() => o.BigFeed = x)),
        new("big-feed-items", o => Text(o.BigFeedItems), (o, v) => TryInt(v, out var x) && Assign(() => o.BigFeedItems = x)),
        new("no-validators-fraction", o => Text(o.NoValidatorsFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.NoValidatorsFraction = x)),
        new("last-modified-only-fraction", o => Text(o.LastModifiedOnlyFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.LastModifiedOnlyFraction = x)),
        new("gzip-fraction", o => Text(o.GzipFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.GzipFraction = x)),
        new("slow-fraction", o => Text(o.SlowFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.SlowFraction = x)),
        new("slow-delay-min", o => Text(o.SlowDelayMin), (o, v) => TryDuration(v, out var x) && Assign(() => o.SlowDelayMin = x)),
        new("slow-delay-max", o => Text(o.SlowDelayMax), (o, v) => TryDuration(v, out var x) && Assign(() => o.SlowDelayMax = x)),
        new("error-fraction", o => Text(o.ErrorFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.ErrorFraction = x)),
        new("html-fraction", o => Text(o.HtmlFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.HtmlFraction = x)),
        new("malformed-fraction", o => Text(o.MalformedFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.MalformedFraction = x)),
        new("not-found-fraction", o => Text(o.NotFoundFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.NotFoundFraction = x)),
        new("gone-fraction", o => Text(o.GoneFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.GoneFraction = x)),
        new("too-many-requests-fraction", o => Text(o.TooManyRequestsFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.TooManyRequestsFraction = x)),
        new("retry-after", o => Text(o.RetryAfter), (o, v) => TryDuration(v, out var x) && Assign(() => o.RetryAfter = x)),
        new("redirect-fraction", o => Text(o.RedirectFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.RedirectFraction = x)),
        new("media-ignore-range-fraction", o => Text(o.MediaIgnoreRangeFraction), (o, v) => TryDouble(v, out var x) && Assign(() => o.MediaIgnoreRangeFraction = x)),
        new("cache-mb", o => Text(o.CacheMegabytes), (o, v) => TryInt(v, out var x) && Assign(() => o.CacheMegabytes = x)),
        new("cache-min-items", o => Text(o.CacheMinItems), (o, v) => TryInt(v, out var x) && Assign(() => o.CacheMinItems = x)),
        new("served-changes-capacity", o => Text(o.ServedChangesCapacity), (o, v) => TryInt(v, out var x) && Assign(() => o.ServedChangesCapacity = x)),
        new("self-check", o => Text(o.SelfCheck), (o, v) => TryInt(v, out var x) && Assign(() => o.SelfCheck = x)),
    ];

    /// <summary>The options, or null with <paramref name="error"/> naming the bad argument; <c>--help</c> gives null and no error.</summary>
    public static FakeHostOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new FakeHostOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                return null;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"Unexpected argument '{arg}'.";
                return null;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[2..equals] : arg[2..];
            var option = Array.Find(Options, o => o.Name == name);
            if (option is null)
            {
                error = $"Unknown option '--{name}'.";
                return null;
            }

            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                error = $"Option '--{name}' needs a value.";
                return null;
            }

            if (!option.Set(options, value))
            {
                error = $"Option '--{name}': cannot read '{value}'.";
                return null;
            }
        }

        error = FakeHostOptionsValidator.Validate(options);
        return error is null ? options : null;
    }

    /// <summary>One line per option with its default.</summary>
    public static string Usage()
    {
        var defaults = new FakeHostOptions();
        var text = new StringBuilder("Feed.FakeHost: synthetic podcast feeds on loopback for ./prefix bench updater.\nOptions (default):\n");
        foreach (var option in Options)
        {
            text.Append(CultureInfo.InvariantCulture, $"  --{option.Name,-30} {option.Show(defaults)}\n");
        }

        return text.Append("Endpoints: /feeds/{n}.xml /media/{n}/{i}.mp3 /feeds.ndjson?count=N /stats /served-changes?since=<unix ms> /healthz\n").ToString();
    }

    private static bool Assign(Action set)
    {
        set();
        return true;
    }

    private static string Text(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Text(TimeSpan value) => value.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s";

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    internal static bool TryDuration(string text, out TimeSpan value)
    {
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && TryDouble(text[..^suffix.Length], out var number))
            {
                value = TimeSpan.FromSeconds(number * seconds);
                return true;
            }
        }

        if (TryDouble(text, out var plain))
        {
            value = TimeSpan.FromSeconds(plain);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}
