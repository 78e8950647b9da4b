using Prefix.Counting;

namespace Attribution.Api.Downloads;

/// <summary>What a counting request asks for, validated: period [Start, End), window and counting mode, interval, breakdown, format.</summary>
internal sealed record DownloadQuery(
    DateTimeOffset Start,
    DateTimeOffset End,
    CountingWindow Window,
    CountingMode Mode,
    string? Interval,
    string? By,
    string Format);
