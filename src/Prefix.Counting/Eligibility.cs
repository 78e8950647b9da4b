namespace Prefix.Counting;

/// <summary>
/// COUNTING.md stage 1: which hits are eligible. Checks run in the spec's order and the first failing
/// one names the reason, so every dropped hit carries exactly one code.
/// </summary>
public static class Eligibility
{
    /// <summary>
    /// Stage-1 verdict for <paramref name="hit"/>. <paramref name="facts"/> supplies the file size that
    /// suffix ranges and the satisfiability test need; without it the size is unknown.
    /// </summary>
    public static HitEligibility Check(CountingHit hit, EpisodeFacts? facts = null)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var reason = CheckRequest(hit);
        if (reason.Length > 0)
        {
            return new HitEligibility(reason, false);
        }

        return RangeHeader.Parse(hit.Range, facts?.KnownSize, null) switch
        {
            RangeOutcome.Bad => new HitEligibility(RejectionReasons.BadRange, false),
            RangeOutcome.Tiny => new HitEligibility(RejectionReasons.TinyRange, false),
            RangeOutcome.Probe => new HitEligibility(string.Empty, true),
            _ => new HitEligibility(string.Empty, false),
        };
    }

    /// <summary>Stage 1.1–1.6 (everything but the Range header); empty when they pass.</summary>
    internal static string CheckRequest(CountingHit hit)
    {
        // 1.1 GET only; HEAD fetches no audio.
        if (!string.Equals(hit.Method?.Trim(), "GET", StringComparison.OrdinalIgnoreCase))
        {
            return RejectionReasons.NonGet;
        }

        // 1.2 Known status: 200 and 206 deliver audio; 304 and everything else do not. 0 = unknown (edge).
        if (hit.Status is not (0 or 200 or 206))
        {
            return RejectionReasons.Status;
        }

        // 1.3 before the classifier's verdict, so a blank agent is no_ua whatever the row says.
        if (string.IsNullOrWhiteSpace(hit.UserAgent))
        {
            return RejectionReasons.NoUserAgent;
        }

        // 1.4 The classifier (Prefix.UserAgents) already decided; trust its reason code.
        switch (hit.BotReason)
        {
            case RejectionReasons.BotLibrary: return RejectionReasons.BotLibrary;
            case RejectionReasons.BotUserAgent: return RejectionReasons.BotUserAgent;
            case RejectionReasons.NoUserAgent: return RejectionReasons.NoUserAgent;
            default:
                if (hit.IsBot)
                {
                    return RejectionReasons.BotUserAgent;
                }

                break;
        }

        // 1.5 Apple Watch pre-downloads do not mean a listen (IAB guidelines; COUNTING.md 1.5).
        if (hit.IsAppleWatch || IsAppleWatchAgent(hit.UserAgent))
        {
            return RejectionReasons.AppleWatch;
        }

        // 1.6 Only browser-like agents are dropped in datacenters: a podcast app on a VPN still counts.
        if (hit.IsDatacenter && hit.UserAgent.Contains("Mozilla/", StringComparison.Ordinal))
        {
            return RejectionReasons.DatacenterIp;
        }

        return string.Empty;
    }

    // `atc/… watchOS/…` (Apple's background transfer agent on the watch) and `(null)/(null) watchOS/…`.
    private static bool IsAppleWatchAgent(string agent)
    {
        var text = agent.AsSpan().Trim();
        return (text.StartsWith("atc/", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("(null)/(null)", StringComparison.Ordinal))
            && text.Contains("watchOS", StringComparison.OrdinalIgnoreCase);
    }
}
