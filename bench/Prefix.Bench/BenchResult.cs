namespace Prefix.Bench;

/// <summary>One measured line: ours against the reference, measured in the same run.</summary>
/// <param name="Name">What was measured, e.g. "XADD pipelined (ours vs redis-benchmark -P 64)".</param>
/// <param name="Unit">e.g. "ops/s" or "rows/s".</param>
/// <param name="Ours">Our rate.</param>
/// <param name="Reference">The reference rate.</param>
/// <param name="Goal">The ratio ours/reference the issue asks for.</param>
/// <param name="Detail">How it was measured (counts, batch sizes, repetitions).</param>
internal sealed record BenchResult(string Name, string Unit, double Ours, double Reference, double Goal, string Detail)
{
    public double Ratio => Reference > 0 ? Ours / Reference : double.NaN;
}
