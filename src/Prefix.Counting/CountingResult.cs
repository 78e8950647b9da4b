namespace Prefix.Counting;

/// <summary>Outcome of one counting run. Bots and suspects are reported apart from downloads (COUNTING.md stage 3).</summary>
public sealed record CountingResult
{
    /// <summary>Counted downloads (none suspect), ordered by episode key, listener key, window.</summary>
    public required IReadOnlyList<Download> Downloads { get; init; }

    /// <summary>Downloads the excessive-IP guard excluded (<see cref="Download.Suspect"/> set).</summary>
    public required IReadOnlyList<Download> SuspectDownloads { get; init; }

    /// <summary>Dropped hits per reason code (<see cref="RejectionReasons"/>); bots included under their codes.</summary>
    public required IReadOnlyDictionary<string, long> Rejections { get; init; }

    /// <summary>Hits dropped as <c>bot_ua</c> or <c>bot_lib</c>.</summary>
    public long Bots { get; init; }

    /// <summary>Number of <see cref="SuspectDownloads"/>.</summary>
    public int Suspect => SuspectDownloads.Count;

    /// <summary>All hits read.</summary>
    public long Hits { get; init; }

    /// <summary>Hits that passed stage 1 (probes included, except in strict mode).</summary>
    public long EligibleHits { get; init; }

    /// <summary>Hits skipped because they repeated the previous hit id of their group (a row read twice).</summary>
    public long DuplicateHits { get; init; }

    /// <summary>(episode, listener, window) groups with eligible hits that never reached the threshold.</summary>
    public long UnqualifiedWindows { get; init; }

    public string RulesetVersion { get; init; } = CountingRules.RulesetVersion;

    public CountingWindow Window { get; init; }

    public CountingMode Mode { get; init; }

    /// <summary><c>calendar</c>, <c>rolling-first</c> or <c>rolling-last</c>.</summary>
    public string WindowName => CountingNames.Of(Window);

    /// <summary><c>prefix</c> or <c>strict</c>.</summary>
    public string ModeName => CountingNames.Of(Mode);
}
