using Prefix.Attribution.Statistics;

namespace Prefix.Attribution.Tests.Statistics;

public sealed class KeyBootstrapTests
{
    private static (double[] Exposed, ControlGroup Control) Sample()
    {
        var exposed = Enumerable.Range(0, 400).Select(i => i % 5 == 0 ? 1.0 : 0.0).ToArray(); // r = 0.2
        var trials = Enumerable.Repeat(1, 1000).ToArray();
        var successes = Enumerable.Range(0, 1000).Select(i => i % 10 == 0 ? 1.0 : 0.0).ToArray(); // r = 0.1
        return (exposed, new ControlGroup(trials, successes));
    }

    [Fact]
    public void Run_SameSeed_SameIntervals()
    {
        var (exposed, control) = Sample();

        var first = KeyBootstrap.Run(exposed, control, 1000, 42);
        var second = KeyBootstrap.Run(exposed, control, 1000, 42);

        Assert.Equal(first.Delta, second.Delta);
        Assert.Equal(first.Lift, second.Lift);
    }

    [Fact]
    public void Run_OtherSeed_OtherIntervalSamePoint()
    {
        var (exposed, control) = Sample();

        var first = KeyBootstrap.Run(exposed, control, 1000, 42);
        var second = KeyBootstrap.Run(exposed, control, 1000, 43);

        Assert.Equal(first.Delta.Value, second.Delta.Value);
        Assert.NotEqual(first.Delta.Low, second.Delta.Low);
    }

    [Fact]
    public void Run_KnownRates_PointAndIntervalAreSensible()
    {
        var (exposed, control) = Sample();

        var (delta, lift) = KeyBootstrap.Run(exposed, control, 2000, 7);

        // Δ = 400 × (0.2 − 0.1) = 40; SE ≈ 400 × sqrt(0.2·0.8/400 + 0.1·0.9/1000) ≈ 9.0, so ±1.96·SE ≈ ±17.6.
        Assert.Equal(40, delta.Value, 9);
        Assert.InRange(delta.Low, 40 - 22, 40 - 13);
        Assert.InRange(delta.High, 40 + 13, 40 + 22);
        Assert.NotNull(lift);
        Assert.Equal(1.0, lift.Value, 9);
        Assert.True(lift.Low > 0);
    }
}
