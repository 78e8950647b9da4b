using Prefix.Core.Identities;

namespace Prefix.Core.Tests.Identities;

public sealed class PodcastIdentityTests
{
    [Fact]
    public void Uuid5_RfcDnsNamespaceExample_MatchesPublishedValue()
    {
        // The value Python's uuid module documents for uuid5(NAMESPACE_DNS, "python.org").
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), Uuid5.Create(dns, "python.org"));
    }

    [Theory]
    [InlineData("https://podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c")]
    [InlineData("http://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c")]
    [InlineData("podnews.net/rss//", "9b024349-ccf0-5f69-a609-6b82873eab3c")]
    [InlineData("https://example.com/feed.xml", "d84ced82-1926-54c0-88c2-bb01dd35d7e3")]
    public void ShowId_NoDeclaredGuid_IsUuid5OfUrlWithoutSchemeAndTrailingSlashes(string feedUrl, string expected)
    {
        Assert.Equal(new Guid(expected), PodcastIdentity.ShowId(feedUrl));
    }

    [Fact]
    public void ShowId_DeclaredPodcastGuid_WinsOverUrl()
    {
        var declared = new Guid("11111111-2222-5333-8444-555555555555");
        Assert.Equal(declared, PodcastIdentity.ShowId("https://example.com/feed.xml", " 11111111-2222-5333-8444-555555555555 "));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("")]
    public void ShowId_InvalidDeclaredGuid_FallsBackToUrl(string declared)
    {
        Assert.Equal(new Guid("d84ced82-1926-54c0-88c2-bb01dd35d7e3"), PodcastIdentity.ShowId("https://example.com/feed.xml", declared));
    }

    [Fact]
    public void EpisodeId_ItemGuid_IsUuid5InShowNamespace()
    {
        var show = new Guid("d84ced82-1926-54c0-88c2-bb01dd35d7e3");
        Assert.Equal(new Guid("6a08eaa9-0d92-55eb-8198-9c13d37c83f2"), PodcastIdentity.EpisodeId(show, "episode-1", "https://cdn.example.com/1.mp3"));
    }

    [Fact]
    public void EpisodeId_EmptyGuid_UsesEnclosureUrl()
    {
        var show = new Guid("d84ced82-1926-54c0-88c2-bb01dd35d7e3");
        var enclosure = "https://cdn.example.com/1.mp3";
        Assert.Equal(Uuid5.Create(show, enclosure), PodcastIdentity.EpisodeId(show, "  ", enclosure));
        Assert.NotEqual(PodcastIdentity.EpisodeId(show, "episode-1", enclosure), PodcastIdentity.EpisodeId(show, null, enclosure));
    }
}
