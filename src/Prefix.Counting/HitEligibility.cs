namespace Prefix.Counting;

/// <summary>Stage-1 verdict for one hit.</summary>
/// <param name="Reason">Empty when eligible, else one of <see cref="RejectionReasons"/>.</param>
/// <param name="IsProbe">True for an eligible lone <c>bytes=0-1</c> request.</param>
public readonly record struct HitEligibility(string Reason, bool IsProbe)
{
    public bool IsEligible => Reason.Length == 0;

    /// <summary>True for <see cref="RejectionReasons.BotUserAgent"/> and <see cref="RejectionReasons.BotLibrary"/>.</summary>
    public bool IsBot => Reason is RejectionReasons.BotUserAgent or RejectionReasons.BotLibrary;
}
