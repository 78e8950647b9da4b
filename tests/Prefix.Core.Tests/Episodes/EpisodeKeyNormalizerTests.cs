using Prefix.Core.Episodes;

namespace Prefix.Core.Tests.Episodes;

public sealed class EpisodeKeyNormalizerTests
{
    private readonly EpisodeKeyNormalizer _normalizer = new(["pfx.example.net"]);

    [Theory]
    [InlineData("https://cdn.example.com/show/ep1.mp3", "cdn.example.com/show/ep1.mp3")]
    [InlineData("http://CDN.Example.COM/Show/Ep1.mp3", "cdn.example.com/Show/Ep1.mp3")]
    [InlineData("https://cdn.example.com:443/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("http://cdn.example.com:80/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://cdn.example.com:8443/ep1.mp3", "cdn.example.com:8443/ep1.mp3")]
    [InlineData("https://cdn.example.com/ep1.mp3/", "cdn.example.com/ep1.mp3")]
    [InlineData("https://cdn.example.com/ep1.mp3?v=2&utm_source=x&_from=app&fbclid=1", "cdn.example.com/ep1.mp3?v=2")]
    [InlineData("https://cdn.example.com/ep1.mp3?utm_medium=a&aw_0_1st.x=1&DIST=y", "cdn.example.com/ep1.mp3")]
    [InlineData("https://cdn.example.com/ep1.mp3?download=true&query=&id=7", "cdn.example.com/ep1.mp3?id=7")]
    [InlineData("https://cdn.example.com/ep1.mp3?a=1&amp;b=2", "cdn.example.com/ep1.mp3?a=1&b=2")]
    [InlineData("https://dts.podtrac.com/redirect.mp3/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://www.podtrac.com/pts/redirect.mp3/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://chrt.fm/track/ABC123/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://chtbl.com/track/ABC123/https://cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://pdst.fm/e/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://op3.dev/e,pg=6a08eaa9-0d92-55eb-8198-9c13d37c83f2/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://pscrb.fm/rss/p/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://2.gum.fm/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://prfx.byspotify.com/e/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://pfx.example.net/e/dts.podtrac.com/redirect.mp3/chrt.fm/track/X1/op3.dev/e/cdn.example.com/ep1.mp3?_from=y", "cdn.example.com/ep1.mp3")]
    [InlineData("https://PDST.FM/e/http://cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://chrt.fm/track/", "chrt.fm/track")]
    [InlineData("cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("", "")]
    [InlineData("https://", "")]
    public void Normalize_Url_GivesEpisodeKey(string url, string expected)
    {
        Assert.Equal(expected, _normalizer.Normalize(url));
    }

    [Fact]
    public void Normalize_EnclosureAndPrefixedDownload_GiveTheSameKey()
    {
        var enclosure = _normalizer.Normalize("http://cdn.example.com/show/ep1.mp3?v=2");
        var download = _normalizer.Normalize("https://pfx.example.net/e,pg=x/https://dts.podtrac.com/redirect.mp3/cdn.example.com/show/ep1.mp3?v=2&utm_source=app");
        Assert.Equal(enclosure, download);
    }

    [Fact]
    public void Normalize_EndlessChain_StopsAndReturnsEmpty()
    {
        var url = string.Concat(Enumerable.Repeat("pdst.fm/e/", 50)) + "cdn.example.com/a.mp3";
        Assert.Equal(string.Empty, _normalizer.Normalize(url));
    }

    [Theory]
    [InlineData("cdn.example.com/a.mp3?x=1", "cdn.example.com/a.mp3")]
    [InlineData("cdn.example.com/a.mp3", "cdn.example.com/a.mp3")]
    public void WithoutQuery_Key_DropsQuery(string key, string expected) => Assert.Equal(expected, EpisodeKeyNormalizer.WithoutQuery(key));
}
