using Attribution.Api.Listens;

namespace Attribution.Api.Tests.Listens;

public sealed class ListenCalculatorTests
{
    private const long T0 = 1_795_000_000_000;
    private static readonly ListenCalculator Calculator = new(new ListenOptions());

    // Each event: "type@positionSec@clockSec", one device, one episode.
    [Theory]
    [InlineData("play@0@0 pause@40@40", 40, 1, 0)]
    [InlineData("play@0@0 pause@29@29", 29, 0, 0)]
    [InlineData("play@0@0 pause@30@30", 30, 1, 0)]
    [InlineData("play@0@0 pause@29.9@30", 29.9, 0, 0)]
    [InlineData("play@0@0 seek@40@40 play@10@41 pause@50@81", 50, 1, 0)]
    [InlineData("play@0@0 pause@40@40 play@0@100 pause@40@140", 40, 1, 0)]
    [InlineData("play@0@0 progress@10@10 progress@20@20 stop@30@30", 30, 1, 0)]
    [InlineData("progress@100@0 progress@110@10 complete@120@20", 20, 0, 0)]
    [InlineData("play@0@0 pause@100@10", 0, 0, 1)]
    [InlineData("play@0@0 pause@12@10", 12, 0, 0)]
    [InlineData("play@0@0 pause@13@10", 0, 0, 1)]
    [InlineData("play@0@0 progress@50@40 pause@60@50", 10, 0, 1)]
    [InlineData("play@50@0 pause@10@40", 0, 0, 0)]
    [InlineData("play@0@0 play@100@5 pause@140@45", 40, 1, 0)]
    [InlineData("pause@0@0 stop@40@40", 0, 0, 0)]
    [InlineData("play@0@0 seek@20@20 pause@60@60", 20, 0, 0)]
    public void Calculate_OneDevice_PlayedSecondsListensAndRejectedIntervals(string script, double played, int listens, int rejected)
    {
        var summary = Calculator.Calculate(Script("d1", script), [], null);

        var device = Assert.Single(summary.PerDevice);
        Assert.Equal(played, device.PlayedSec, 6);
        Assert.Equal(listens, summary.Listens);
        Assert.Equal(rejected, device.RejectedIntervals);
        Assert.Equal(ListenFlags.None, device.Flags);
        Assert.Equal(1, summary.Devices);
        Assert.Equal(30, summary.ThresholdSec);
    }

    [Fact]
    public void Calculate_EventsOutOfOrder_SortedByTimeFirst()
    {
        var events = Script("d1", "pause@40@40 play@0@0");

        Assert.Equal(40, Calculator.Calculate(events, [], null).PlayedSec, 6);
    }

    [Fact]
    public void Calculate_TwoDevices_CountedSeparatelyAndSummed()
    {
        var events = Script("a", "play@0@0 pause@45@45").Concat(Script("b", "play@0@0 pause@20@20")).ToList();

        var summary = Calculator.Calculate(events, [], null);

        Assert.Equal(1, summary.Listens);
        Assert.Equal(2, summary.Devices);
        Assert.Equal(65, summary.PlayedSec, 6);
        Assert.Equal(0, summary.Flagged);
        Assert.Equal(["a", "b"], summary.PerDevice.Select(d => d.DeviceId));
    }

    [Fact]
    public void Calculate_InterleavedDevices_IntervalsStayPerDevice()
    {
        // b's pause must not close a's play: intervals are per (device, episode).
        var events = new List<ListenEvent>
        {
            Event("a", ListenEventType.Play, 0, 0),
            Event("b", ListenEventType.Play, 0, 1),
            Event("b", ListenEventType.Pause, 5, 6),
            Event("a", ListenEventType.Pause, 60, 60),
        };

        var summary = Calculator.Calculate(events, [], null);

        Assert.Equal(60, summary.PerDevice[0].PlayedSec, 6);
        Assert.Equal(5, summary.PerDevice[1].PlayedSec, 6);
    }

    [Theory]
    [InlineData(100, 0.75)]
    [InlineData(200, 0.375)]
    public void Calculate_DurationKnown_CompletionShareIsMeanOverListensCappedAtOne(double durationSec, double expected)
    {
        var events = Script("a", "play@0@0 pause@100@100").Concat(Script("b", "play@0@0 pause@50@50")).Concat(Script("c", "play@0@0 pause@10@10")).ToList();

        var summary = Calculator.Calculate(events, [], durationSec);

        // c (10 s) is no listen and does not enter the share.
        Assert.Equal(2, summary.Listens);
        Assert.Equal(expected, summary.CompletionShare!.Value, 6);
    }

    [Fact]
    public void Calculate_DurationUnknownOrNoListen_CompletionShareNull()
    {
        Assert.Null(Calculator.Calculate(Script("a", "play@0@0 pause@100@100"), [], null).CompletionShare);
        Assert.Null(Calculator.Calculate(Script("a", "play@0@0 pause@10@10"), [], 600).CompletionShare);
    }

    [Theory]
    [InlineData(104, false)]
    [InlineData(110, false)]
    [InlineData(111, true)]
    public void Calculate_PositionBeyondDuration_FlaggedAndExcluded(double position, bool flagged)
    {
        var events = Script("a", $"play@0@0 pause@60@60 play@{position}@100");

        var summary = Calculator.Calculate(events, [], 100);

        Assert.Equal(flagged ? 1 : 0, summary.Flagged);
        Assert.Equal(flagged ? 0 : 1, summary.Listens);
        Assert.Equal(flagged ? 0 : 1, summary.Devices);
        Assert.Equal(flagged ? 0 : 60, summary.PlayedSec, 6);
        Assert.Equal(flagged ? ListenFlags.PositionBeyondDuration : ListenFlags.None, summary.PerDevice[0].Flags);
    }

    [Theory]
    [InlineData(1000, false)]
    [InlineData(1001, true)]
    public void Calculate_EventFloodWithinOneHour_Flagged(int count, bool flagged)
    {
        // count events spread over 59 minutes: progress every few seconds at the clock's pace.
        var events = new List<ListenEvent>();
        var stepMs = 59 * 60_000 / count;
        for (var i = 0; i < count; i++)
        {
            var ms = (long)i * stepMs;
            events.Add(new ListenEvent("a", "ep", ListenEventType.Progress, ms / 1000.0, T0 + ms));
        }

        var summary = Calculator.Calculate(events, [], null);

        Assert.Equal(flagged ? ListenFlags.EventFlood : ListenFlags.None, summary.PerDevice[0].Flags);
        Assert.Equal(flagged ? 0 : 1, summary.Listens);
    }

    [Fact]
    public void Calculate_EventFloodCountsOtherEpisodes_Flagged()
    {
        var events = Script("a", "play@0@0 pause@60@60");
        var others = Enumerable.Range(0, 1000).Select(i => new ListenEvent("a", "other", ListenEventType.Pause, 0, T0 + (i * 1000L))).ToList();

        Assert.Equal(ListenFlags.EventFlood, Calculator.Calculate(events, others, null).PerDevice[0].Flags);
    }

    [Fact]
    public void Calculate_SpreadOverMoreThanAnHour_NotAFlood()
    {
        var events = Enumerable.Range(0, 2000).Select(i => new ListenEvent("a", "ep", ListenEventType.Progress, i * 4.0, T0 + (i * 4000L))).ToList();

        var summary = Calculator.Calculate(events, [], null);

        Assert.Equal(ListenFlags.None, summary.PerDevice[0].Flags);
        Assert.Equal(7996, summary.PlayedSec, 6);
    }

    [Fact]
    public void Calculate_TwoEpisodesPlayedAtOnce_PlayedExceedsClockFlagged()
    {
        var events = Script("a", "play@0@0 progress@60@60 pause@120@120");
        var others = Script("a", "play@0@0 progress@60@60 pause@120@120", "other");

        var summary = Calculator.Calculate(events, others, null);

        Assert.Equal(ListenFlags.PlayedExceedsClock, summary.PerDevice[0].Flags);
        Assert.Equal(1, summary.Flagged);
        Assert.Equal(0, summary.Listens);
        Assert.Equal(0, summary.PlayedSec);
    }

    [Fact]
    public void Calculate_TwoEpisodesOneAfterTheOther_NotFlagged()
    {
        var events = Script("a", "play@0@0 pause@120@120");
        var others = Script("a", "play@0@130 pause@120@250", "other");

        var summary = Calculator.Calculate(events, others, null);

        Assert.Equal(ListenFlags.None, summary.PerDevice[0].Flags);
        Assert.Equal(1, summary.Listens);
    }

    [Fact]
    public void Calculate_ProgressAtEdgeOfToleranceForAnHour_NotFlagged()
    {
        // Every 10 s the position advances 12.5 s: each interval is as fast as allowed, and chained they must not trip the clock guard.
        var events = Enumerable.Range(0, 360).Select(i => new ListenEvent("a", "ep", ListenEventType.Progress, i * 12.5, T0 + (i * 10_000L))).ToList();

        var summary = Calculator.Calculate(events, [], null);

        Assert.Equal(ListenFlags.None, summary.PerDevice[0].Flags);
        Assert.Equal(359 * 12.5, summary.PlayedSec, 6);
    }

    [Fact]
    public void Calculate_ThresholdOption_Used()
    {
        var calculator = new ListenCalculator(new ListenOptions { ListenThresholdSec = 60 });

        var summary = calculator.Calculate(Script("a", "play@0@0 pause@45@45"), [], null);

        Assert.Equal(60, summary.ThresholdSec);
        Assert.Equal(0, summary.Listens);
    }

    [Theory]
    [InlineData("0-10 5-20", 20)]
    [InlineData("0-10 10-20", 20)]
    [InlineData("0-10 11-20", 19)]
    [InlineData("30-40 0-10 5-8", 20)]
    [InlineData("", 0)]
    public void UnionLength_Ranges_OverlapsCountOnce(string ranges, double expected)
    {
        var parsed = ranges.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split('-'))
            .Select(p => (double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(expected, ListenCalculator.UnionLength(parsed), 6);
    }

    private static ListenEvent Event(string device, ListenEventType type, double position, double clockSec, string stream = "ep") =>
        new(device, stream, type, position, T0 + (long)(clockSec * 1000));

    private static List<ListenEvent> Script(string device, string script, string stream = "ep") =>
        script.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(step => step.Split('@'))
            .Select(p => Event(
                device,
                ListenEventTypes.TryParse(p[0], out var type) ? type : throw new ArgumentException(p[0]),
                double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture),
                stream))
            .ToList();
}
