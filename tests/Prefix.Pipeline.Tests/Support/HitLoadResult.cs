using System.Globalization;

namespace Prefix.Pipeline.Tests.Support;

/// <summary>Every sent request's outcome, indexed by its marker.</summary>
internal sealed record HitLoadResult(RequestOutcome[] Outcomes, TimeSpan Elapsed)
{
    public IReadOnlyList<int> Markers(RequestKind kind) =>
        Enumerable.Range(0, Outcomes.Length).Where(i => Outcomes[i].Kind == kind).ToList();

    public int Count(RequestKind kind) => Outcomes.Count(o => o.Kind == kind);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Outcomes.Length - Count(RequestKind.NotSent)} sent in {Elapsed.TotalSeconds:F1} s: {Count(RequestKind.Redirected)} redirected, {Count(RequestKind.OtherStatus)} other status, {Count(RequestKind.InFlight)} failed in flight, {Count(RequestKind.Refused)} refused");
}
