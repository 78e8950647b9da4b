using Microsoft.Extensions.Options;

namespace Feed.Updater.Polling;

/// <summary>How a poll turns a fetch into state and events (config section <c>Updater:Polling</c>).</summary>
internal sealed class PollingOptions
{
    public const string Section = "Updater:Polling";

    /// <summary>Fetch without validators when the last unconditional fetch is older than this (servers with broken validators exist). Default 24 h.</summary>
    public TimeSpan UnconditionalEvery { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Consecutive failed polls after which an active feed is "erroring" (and a status event goes out). Default 3.</summary>
    public int ErroringAfter { get; set; } = 3;

    /// <summary>Identical permanent redirects (or itunes:new-feed-url values) seen in a row before the feed's URL moves. Default 3.</summary>
    public int MoveConfirmations { get; set; } = 3;

    /// <summary>Polls of an item's absence before it counts as removed (FEEDS.md "Change detection"). Default 3.</summary>
    public int RemovalConfirmations { get; set; } = 3;

    /// <summary>Probe the enclosures of new episodes for their ID3 size (Range: bytes=0-9). Default true.</summary>
    public bool ProbeEnclosures { get; set; } = true;
}

internal sealed class PollingOptionsValidator : IValidateOptions<PollingOptions>
{
    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.UnconditionalEvery < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{PollingOptions.Section}:UnconditionalEvery = '{options.UnconditionalEvery}' is invalid: use at least 00:01:00.");
        }

        if (options.ErroringAfter < 1)
        {
            failures.Add($"{PollingOptions.Section}:ErroringAfter = '{options.ErroringAfter}' is invalid: use 1 or more.");
        }

        if (options.MoveConfirmations < 1)
        {
            failures.Add($"{PollingOptions.Section}:MoveConfirmations = '{options.MoveConfirmations}' is invalid: use 1 or more.");
        }

        if (options.RemovalConfirmations < 1)
        {
            failures.Add($"{PollingOptions.Section}:RemovalConfirmations = '{options.RemovalConfirmations}' is invalid: use 1 or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
