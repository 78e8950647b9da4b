namespace Attribution.Api.Listens;

/// <summary>
/// Turns stored playback events into listens (COUNTING.md, "Client-reported listens"). Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// Per device and episode, in event-time order:
/// <list type="number">
/// <item>A <c>play</c> or <c>progress</c> at position a opens an interval; the next <c>pause</c>, <c>stop</c>,
/// <c>seek</c>, <c>complete</c> or <c>progress</c> at position b closes it (a <c>progress</c> also opens the next).
/// A second <c>play</c> while one is open re-anchors it: the first had no end we can trust.</item>
/// <item>The interval counts when 0 &lt; b − a ≤ (t_b − t_a) × (1 + tolerance) + seconds tolerance: positions may not
/// advance faster than the clock. Faster intervals are rejected (and counted); backward ones are not playback.</item>
/// <item>Played seconds are the union of the valid intervals, so scrubbing back and replaying adds nothing.
/// A listen is at least <see cref="ListenOptions.ListenThresholdSec"/> of distinct audio.</item>
/// <item>Fraud guards flag the device (it then counts only in <c>flagged</c>): a position past the duration; more than
/// <see cref="ListenOptions.MaxEventsPerDeviceHour"/> events in any hour; more audio played, over all the device's
/// episodes, than the wall-clock time the playing covered (beyond what the per-interval tolerance allows).</item>
/// </list>
/// The caller reads all of an episode's events into memory (and, for the guards, the same devices' events on other
/// episodes), which bounds one answer to what fits in memory (see <see cref="ListenStore"/>).
/// </remarks>
internal sealed class ListenCalculator(ListenOptions options)
{
    private const long HourMs = 3_600_000;

    // Sums of many doubles drift a little; a millisecond of audio decides nothing.
    private const double RoundingSec = 0.001;

    /// <param name="episodeEvents">The episode's events (all devices), deduplicated.</param>
    /// <param name="otherEvents">The same devices' events on other episodes in the same time range; may be empty.</param>
    /// <param name="durationSec">The episode's duration, or null when unknown.</param>
    public ListenSummary Calculate(IReadOnlyList<ListenEvent> episodeEvents, IReadOnlyList<ListenEvent> otherEvents, double? durationSec)
    {
        ArgumentNullException.ThrowIfNull(episodeEvents);
        ArgumentNullException.ThrowIfNull(otherEvents);
        var duration = durationSec is > 0 && double.IsFinite(durationSec.Value) ? durationSec : null;
        var others = otherEvents.ToLookup(e => e.DeviceId, StringComparer.Ordinal);
        var perDevice = new List<DeviceListen>();
        foreach (var device in episodeEvents.GroupBy(e => e.DeviceId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            perDevice.Add(Device(device.Key, Ordered(device), others[device.Key].ToList(), duration));
        }

        var counted = perDevice.Where(d => d.Flags == ListenFlags.None).ToList();
        var listens = counted.Where(d => d.IsListen).ToList();
        double? completion = duration is { } known && listens.Count > 0
            ? listens.Average(l => Math.Min(1, l.PlayedSec / known))
            : null;
        return new ListenSummary(
            options.ListenThresholdSec,
            listens.Count,
            counted.Count,
            counted.Sum(d => d.PlayedSec),
            perDevice.Count - counted.Count,
            completion,
            perDevice);
    }

    /// <summary>The valid played intervals of one device's events on one episode, and how many were too fast.</summary>
    public (List<PlayedSegment> Segments, int Rejected) Trace(IReadOnlyList<ListenEvent> ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var segments = new List<PlayedSegment>();
        var rejected = 0;
        ListenEvent? open = null;
        foreach (var e in ordered)
        {
            if (open is { } start && ListenEventTypes.Closes(e.Type))
            {
                var advanced = e.PositionSec - start.PositionSec;
                var clockSec = (e.TimeMs - start.TimeMs) / 1000.0;
                if (advanced > AllowedAdvance(clockSec))
                {
                    rejected++;
                }
                else if (advanced > 0)
                {
                    segments.Add(new PlayedSegment(start.PositionSec, e.PositionSec, start.TimeMs, e.TimeMs));
                }
            }

            open = ListenEventTypes.Opens(e.Type) ? e : null;
        }

        return (segments, rejected);
    }

    /// <summary>Length of the union of [from, to] ranges (touching or overlapping ranges merge).</summary>
    public static double UnionLength(IEnumerable<(double From, double To)> ranges)
    {
        double total = 0;
        double? runFrom = null;
        double runTo = 0;
        foreach (var (from, to) in ranges.OrderBy(r => r.From))
        {
            if (runFrom is null || from > runTo)
            {
                total += runFrom is { } f ? runTo - f : 0;
                runFrom = from;
                runTo = to;
            }
            else
            {
                runTo = Math.Max(runTo, to);
            }
        }

        return total + (runFrom is { } last ? runTo - last : 0);
    }

    private static List<ListenEvent> Ordered(IEnumerable<ListenEvent> events) =>
        // OrderBy is stable, so events at the same millisecond keep the order the store returned them in.
        events.OrderBy(e => e.TimeMs).ToList();

    private double AllowedAdvance(double clockSec) =>
        Math.Max(0, clockSec) * (1 + options.ClockTolerance) + options.ClockToleranceSec;

    private DeviceListen Device(string deviceId, List<ListenEvent> events, List<ListenEvent> others, double? duration)
    {
        var (segments, rejected) = Trace(events);
        var played = UnionLength(segments.Select(s => (s.FromSec, s.ToSec)));
        var flags = ListenFlags.None;
        if (duration is { } d && events.Exists(e => e.PositionSec > (d * (1 + options.DurationTolerance)) + options.DurationToleranceSec))
        {
            flags |= ListenFlags.PositionBeyondDuration;
        }

        if (IsFlood(events, others))
        {
            flags |= ListenFlags.EventFlood;
        }

        var allSegments = new List<PlayedSegment>(segments);
        foreach (var stream in others.GroupBy(e => e.Stream, StringComparer.Ordinal))
        {
            allSegments.AddRange(Trace(Ordered(stream)).Segments);
        }

        if (PlaysFasterThanClock(allSegments))
        {
            flags |= ListenFlags.PlayedExceedsClock;
        }

        return new DeviceListen(deviceId, played, flags == ListenFlags.None && played >= options.ListenThresholdSec, flags, rejected);
    }

    private bool IsFlood(List<ListenEvent> events, List<ListenEvent> others)
    {
        var times = events.Select(e => e.TimeMs).Concat(others.Select(e => e.TimeMs)).Order().ToArray();
        var max = options.MaxEventsPerDeviceHour;
        for (int first = 0, last = max; last < times.Length; first++, last++)
        {
            // max + 1 events within one hour (a sliding window, not clock hours, so a flood cannot hide across :00).
            if (times[last] - times[first] < HourMs)
            {
                return true;
            }
        }

        return false;
    }

    private bool PlaysFasterThanClock(List<PlayedSegment> segments)
    {
        // Each interval may run ahead of its own clock by the tolerance; intervals of one episode never overlap in
        // time, so only audio played in parallel (several episodes at once) can exceed the wall clock plus that slack.
        if (segments.Count == 0)
        {
            return false;
        }

        // Relative to the first start, so epoch milliseconds keep their precision as doubles.
        var origin = segments.Min(s => s.StartMs);
        var played = segments.Sum(s => s.ToSec - s.FromSec);
        var wallClock = UnionLength(segments.Select(s => ((s.StartMs - origin) / 1000.0, (s.EndMs - origin) / 1000.0)));
        var slack = segments.Sum(s => AllowedAdvance((s.EndMs - s.StartMs) / 1000.0) - ((s.EndMs - s.StartMs) / 1000.0));
        return played - wallClock > slack + RoundingSec;
    }
}
