namespace Prefix.Counting.Tests;

public class EligibilityTests
{
    private static CountingHit Hit(string method = "GET", int status = 0, string agent = TestHits.Agent, string range = "") =>
        TestHits.Get(TestHits.Day, range, agent: agent) with { Method = method, Status = status };

    [Theory]
    [InlineData("GET", "")]
    [InlineData("get", "")]
    [InlineData("HEAD", "non_get")]
    [InlineData("head", "non_get")]
    [InlineData("OPTIONS", "non_get")]
    [InlineData("POST", "non_get")]
    [InlineData("", "non_get")]
    public void Check_Method_OnlyGetEligible(string method, string reason)
    {
        Assert.Equal(reason, Eligibility.Check(Hit(method: method)).Reason);
    }

    [Theory]
    [InlineData(0, "")] // edge hits: unknown status
    [InlineData(200, "")]
    [InlineData(206, "")]
    [InlineData(304, "status")]
    [InlineData(301, "status")]
    [InlineData(404, "status")]
    [InlineData(416, "status")]
    [InlineData(500, "status")]
    public void Check_Status_200And206AndUnknownEligible(int status, string reason)
    {
        Assert.Equal(reason, Eligibility.Check(Hit(status: status)).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void Check_BlankAgent_NoUa(string agent)
    {
        Assert.Equal(RejectionReasons.NoUserAgent, Eligibility.Check(Hit(agent: agent)).Reason);
    }

    [Theory]
    [InlineData(true, "bot_ua", "bot_ua")]
    [InlineData(true, "bot_lib", "bot_lib")]
    [InlineData(true, "", "bot_ua")]
    [InlineData(true, "no_ua", "no_ua")]
    [InlineData(false, "", "")]
    public void Check_ClassifiedBot_ReasonFromClassifier(bool isBot, string botReason, string reason)
    {
        var hit = Hit() with { IsBot = isBot, BotReason = botReason };

        var verdict = Eligibility.Check(hit);

        Assert.Equal(reason, verdict.Reason);
        Assert.Equal(reason is "bot_ua" or "bot_lib", verdict.IsBot);
    }

    [Theory]
    [InlineData("atc/1.0 watchOS/10.1 model/Watch6,1 hwp/t8301 build/21S71 (6; dt:280)")]
    [InlineData("(null)/(null) watchOS/8.1.1 model/Watch5,1 hwp/t8006 build/19S55 (6; dt:202)")]
    public void Check_AppleWatchAgent_AppleWatch(string agent)
    {
        Assert.Equal(RejectionReasons.AppleWatch, Eligibility.Check(Hit(agent: agent)).Reason);
    }

    [Fact]
    public void Check_AppleWatchFlag_AppleWatch()
    {
        Assert.Equal(RejectionReasons.AppleWatch, Eligibility.Check(Hit() with { IsAppleWatch = true }).Reason);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36", true, "dc_ip")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36", false, "")]
    [InlineData("Overcast/3.0 (+http://overcast.fm/; iOS podcast app)", true, "")]
    public void Check_Datacenter_OnlyBrowserLikeAgentsDropped(string agent, bool datacenter, string reason)
    {
        Assert.Equal(reason, Eligibility.Check(Hit(agent: agent) with { IsDatacenter = datacenter }).Reason);
    }

    [Theory]
    [InlineData("bytes=0-1", "", true)]
    [InlineData("bytes=0-", "", false)]
    [InlineData("bytes=-500", "", false)]
    [InlineData("bytes=0-0", "tiny_range", false)]
    [InlineData("bytes=0-1,2-3", "tiny_range", false)]
    [InlineData("bytes=x-y", "bad_range", false)]
    [InlineData("bytes=4000000-", "bad_range", false)] // start beyond the last byte of S = 4,000,000
    [InlineData("bytes=10-5", "bad_range", false)]
    public void Check_Range_ReasonAndProbe(string range, string reason, bool probe)
    {
        var verdict = Eligibility.Check(Hit(range: range), TestHits.Standard);

        Assert.Equal(reason, verdict.Reason);
        Assert.Equal(probe, verdict.IsProbe);
        Assert.Equal(reason.Length == 0, verdict.IsEligible);
    }

    [Fact]
    public void Check_OpenRangeBeyondUnknownSize_Eligible()
    {
        Assert.True(Eligibility.Check(Hit(range: "bytes=4000000-")).IsEligible);
    }

    [Fact]
    public void Check_HeadWithBotAgent_MethodReportedFirst()
    {
        // Checks run in the spec's order, so the reason is the first failing one.
        var hit = Hit(method: "HEAD", agent: "") with { IsBot = true, BotReason = "bot_ua", Range = "bytes=x" };

        Assert.Equal(RejectionReasons.NonGet, Eligibility.Check(hit).Reason);
    }
}
