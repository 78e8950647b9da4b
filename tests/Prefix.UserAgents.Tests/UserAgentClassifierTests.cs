using System.Diagnostics;

namespace Prefix.UserAgents.Tests;

[Collection(UserAgentDataGroup.Name)]
public sealed class UserAgentClassifierTests(ClassifierFixture data)
{
    private readonly UserAgentClassifier _classifier = data.Classifier;

    [Theory]
    // Apple Podcasts: AppleCoreMedia on iPhone/iPad/HomePod, the localized "Podcasts" CFNetwork agent, iTunes.
    [InlineData("AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4_1 like Mac OS X; en_us)", "Apple Podcasts", "phone", "iOS", "")]
    [InlineData("AppleCoreMedia/1.0.0.20G75 (iPad; U; CPU OS 16_6 like Mac OS X; en_gb)", "Apple Podcasts", "tablet", "iOS", "")]
    [InlineData("AppleCoreMedia/1.0.0.20L563 (HomePod; U; CPU OS 16_6 like Mac OS X; en_us)", "Apple Podcasts", "smart_speaker", "audioOS", "")]
    [InlineData("Podcasts/1650.20 CFNetwork/1333.0.4 Darwin/21.5.0", "Apple Podcasts", "unknown", "iOS", "")]
    [InlineData("Podcasts/1555.2.4 CFNetwork/1237 Darwin/20.4.0 (x86_64)", "Apple Podcasts", "computer", "macOS", "")]
    [InlineData("Подкасты/1520.39 CFNetwork/1206 Darwin/20.1.0", "Apple Podcasts", "unknown", "iOS", "")]
    [InlineData("%E6%92%AD%E5%AE%A2/1660.5 CFNetwork/1335.0.3 Darwin/21.6.0", "Apple Podcasts", "unknown", "iOS", "")]
    [InlineData("iTunes/12.10.9 (Windows; Microsoft Windows 10 x64 Home Premium Edition (Build 19041); x64) AppleWebKit/7609.3005.1003.3", "Apple Podcasts", "computer", "Windows", "")]
    [InlineData("iTunes/10.6.3 (Macintosh; Intel Mac OS X 10.5.8) AppleWebKit/534.50.2", "Apple Podcasts", "computer", "macOS", "")]
    // Spotify, including its car and watch agents.
    [InlineData("Spotify/8.7.10 iOS/15.3.1 (iPhone13,2)", "Spotify", "phone", "iOS", "")]
    [InlineData("Spotify/8.6.98 Android/31 (SM-G991B)", "Spotify", "phone", "Android", "")]
    [InlineData("Spotify/4.3.2.0 Polestar/30 (Polestar)", "Spotify", "car", "", "")]
    [InlineData("Spotify/4.3.2.0 Volvo/30 (Volvo)", "Spotify", "car", "", "")]
    [InlineData("Spotify/8.7.76.359 SM-R870/30 (SM-R870)", "Spotify", "watch", "", "")]
    [InlineData("spotify_android-tablet", "Spotify", "tablet", "Android", "")]
    // Podcast apps.
    [InlineData("Overcast/3.0 (+http://overcast.fm/; iOS podcast app)", "Overcast", "unknown", "iOS", "")]
    [InlineData("Pocket Casts", "Pocket Casts", "unknown", "", "")]
    [InlineData("Castro 2020.14/1287", "Castro", "unknown", "", "")]
    [InlineData("CastBox/8.19.0-200927161 (Linux;Android 10) ExoPlayerLib/2.10.4", "CastBox", "phone", "Android", "")]
    [InlineData("PodcastAddict/v5 (+https://podcastaddict.com/; Android podcast app)", "Podcast Addict", "phone", "Android", "")]
    [InlineData("PodcastAddict/v2 - Dalvik/2.1.0 (Linux; U; Android 9; SM-N950U Build/PPR1.180610.011)", "Podcast Addict", "phone", "Android", "")]
    [InlineData("de.danoeh.antennapod/1.7.3b (Linux;Android 8.0.0) ExoPlayerLib/2.9.3", "AntennaPod", "phone", "Android", "")]
    [InlineData("AntennaPod/3.2.0", "AntennaPod", "unknown", "", "")]
    [InlineData("Podverse/Android Mobile App", "Podverse", "phone", "Android", "")]
    [InlineData("Fountain/0.3.13 android https://www.fountain.fm", "Fountain", "phone", "Android", "")]
    [InlineData("Player%20FM/588 CFNetwork/1121.2.2 Darwin/19.2.0", "Player FM", "unknown", "iOS", "")]
    [InlineData("AlexaMediaPlayer/2.1.4676.0 (Linux;Android 5.1.1) ExoPlayerLib/1.5.9", "Alexa", "smart_speaker", "Android", "")]
    [InlineData("Echo/1.0(APNG)", "Alexa", "smart_speaker", "", "")]
    [InlineData("AmazonMusic/16.17.0 Dalvik/2.1.0 (Linux; U; Android 6.0.1; vivo 1610 Build/MMB29M)", "Amazon Music", "phone", "Android", "")]
    [InlineData("iHeartRadio/9.20.0 (iPhone; iOS 13.4.1; iPhone11,8)", "iHeartRadio", "phone", "iOS", "")]
    [InlineData("Deezer/6.2.2.80 (Android; 9; Mobile; fr) samsung SM-G950F", "Deezer", "phone", "Android", "")]
    [InlineData("Podbean/Android App 8.1.5 (http://podbean.com),4f6852f59091d32475ef75a53325a4fe", "Podbean", "phone", "Android", "")]
    [InlineData("GooglePodcasts/2.0.10 iPhone/14.6 hw/iPhone12_1", "Google Podcasts", "phone", "iOS", "")]
    [InlineData("com.google.android.apps.youtube.music/6.29.59 (Linux; U; Android 13; en_US; Pixel 7; Build/TQ3A.230805.001; Cronet/117.0.5938.60)", "YouTube Music", "phone", "Android", "")]
    [InlineData("Sonos/70.3-35220 (ZPS27)", "Sonos", "smart_speaker", "", "")]
    [InlineData("Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.225 Safari/537.36 CrKey/1.56.500000 DeviceType/SmartSpeaker", "Google Cast", "smart_speaker", "Chromecast", "")]
    [InlineData("Stitcher/Android", "Stitcher", "phone", "Android", "")]
    [InlineData("Audible/3.58.0 (iPhone; iOS 16.5; Scale/3.00)", "Audible", "phone", "iOS", "")]
    [InlineData("Podimo/1.11.3 build 91/Android 28", "Podimo", "phone", "Android", "")]
    [InlineData("Goodpods.iOS / 2.2.2", "Goodpods", "unknown", "iOS", "")]
    [InlineData("Snipd/90 CFNetwork/1329 Darwin/21.3.0", "Snipd", "unknown", "iOS", "")]
    [InlineData("Castamatic/5.1.4 (com.gunpmedia.Castamatic; build:3136; iOS 13.1.3) Alamofire/4.9.0", "Castamatic", "unknown", "iOS", "")]
    [InlineData("Downcast/2.9.57 (Mac OS X Version 10.15.7 (Build 19H15))", "Downcast", "computer", "macOS", "")]
    [InlineData("PodcastRepublic/18.0 (Linux; U; Android 10;blueline/QP1A.190711.020.C3)", "Podcast Republic", "phone", "Android", "")]
    [InlineData("Mozilla/5.0 (Linux; U; en-us; BeyondPod 4)", "BeyondPod", "phone", "Android", "")]
    [InlineData("Mozilla/5.0 (Linux; U; Windows NT 6.1; en-us; dream) DoggCatcher", "DoggCatcher", "phone", "Android", "")]
    [InlineData("gPodder/3.10.21 (+http://gpodder.org/) Linux", "gPodder", "computer", "Linux", "")]
    [InlineData("Kodi/19.4 (X11; Linux x86_64) Ubuntu/22.04 App_Bitness/64 Version/19.4-(19.4.0)-Git:20220307-0ad2a6a9da", "Kodi", "computer", "Linux", "")]
    [InlineData("VLC/3.0.18 LibVLC/3.0.18", "VLC", "unknown", "", "")]
    [InlineData("WinampMPEG/5.66, Ultravox/2.1", "Winamp", "unknown", "", "")]
    [InlineData("iVooxApp/3.85 (iPhone; iOS; iOS 15.6.1; d:16910714; 113F)", "iVoox", "phone", "iOS", "")]
    [InlineData("RadioPublic/android-2.2", "RadioPublic", "phone", "Android", "")]
    [InlineData("luminary.next/1.25 (Linux;Android 9) ExoPlayerLib/2.10.5", "Luminary", "phone", "Android", "")]
    [InlineData("NRC Audio/2.0.0 (nl.nrc.audio; build:29; Android 12; Sdk:31; Manufacturer:samsung; Model: SM-G975F) OkHttp/4.9.3", "NRC Audio", "phone", "Android", "")]
    [InlineData("Juice/2.2 (Darwin) +http://juicereceiver.sf.net/", "Juice", "unknown", "", "")]
    // Browsers, named by uap-core when no podcast app matched.
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Chrome", "computer", "Windows", "")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0", "Edge", "computer", "Windows", "")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "Safari", "phone", "iOS", "")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "Safari", "computer", "macOS", "")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36", "Chrome", "phone", "Android", "")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Chrome", "tablet", "Android", "")]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "Firefox", "computer", "Linux", "")]
    // Bots: podcast crawlers from our table, crawler-user-agents, and the bot/crawler/spider word rule.
    [InlineData("Overcast/1.0 Podcast Sync (123 subscribers; feed-id=1234567; +http://overcast.fm/)", "Overcast Podcast Sync", "server", "", "bot_ua")]
    [InlineData("PocketCasts/1.0 (Pocket Casts Feed Parser; +http://pocketcasts.com/)", "Pocket Casts Feed Parser", "server", "", "bot_ua")]
    [InlineData("PodcastIndex.org/1.0", "Podcast Index", "server", "", "bot_ua")]
    [InlineData("iTMS", "Apple Podcasts feed crawler", "server", "", "bot_ua")]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "", "server", "", "bot_ua")]
    [InlineData("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.118 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "", "server", "", "bot_ua")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "", "server", "", "bot_ua")]
    [InlineData("SomethingBot/1.0", "", "server", "", "bot_ua")]
    [InlineData("FeedFetcher Spider (podcast archive; +https://example.org/about)", "", "server", "", "bot_ua")]
    // HTTP libraries.
    [InlineData("curl/8.5.0", "curl", "server", "", "bot_lib")]
    [InlineData("Wget/1.21.3", "Wget", "server", "", "bot_lib")]
    [InlineData("python-requests/2.31.0", "python-requests", "server", "", "bot_lib")]
    [InlineData("Go-http-client/2.0", "Go-http-client", "server", "", "bot_lib")]
    [InlineData("okhttp/4.12.0", "okhttp", "server", "", "bot_lib")]
    [InlineData("axios/1.6.8", "axios", "server", "", "bot_lib")]
    [InlineData("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "node-fetch", "server", "", "bot_lib")]
    [InlineData("Java/17.0.2", "Java", "server", "", "bot_lib")]
    [InlineData("libwww-perl/6.72", "libwww-perl", "server", "", "bot_lib")]
    [InlineData("Lavf/60.3.100", "FFmpeg", "server", "", "bot_lib")]
    // Blank and unknown.
    [InlineData("", "", "unknown", "", "no_ua")]
    [InlineData("   ", "", "unknown", "", "no_ua")]
    [InlineData("\t\r\n", "", "unknown", "", "no_ua")]
    [InlineData("SomeUnknownThing/1.0", "", "unknown", "", "")]
    // Control characters are spaces, then trimmed.
    [InlineData("Overcast/3.0 (+http://overcast.fm/; iOS podcast app)\u0000\u0007\r\n", "Overcast", "unknown", "iOS", "")]
    [InlineData("curl/8.5.0\u001b[31m", "curl", "server", "", "bot_lib")]
    public void Classify_RealAgent_GivesExpectedInfo(string userAgent, string app, string device, string os, string botReason)
    {
        var info = _classifier.Classify(userAgent);

        Assert.Equal(new UserAgentInfo(app, device, os, botReason, IsAppleWatch: false), info);
    }

    [Theory]
    [InlineData("atc/1.0 watchOS/7.3 model/Watch5,4 hwp/t8006 build/18S178 (6; dt:203)", "Apple Podcasts")]
    [InlineData("(null)/(null) watchOS/5.1.2 model/Watch3,2 hwp/t8004 build/16R600 (6; dt:156)", "Apple Podcasts")]
    [InlineData("AppleCoreMedia/1.0.0.19R570 (Watch; U; CPU OS 8_5 like Mac OS X; en_us)", "Apple Podcasts")]
    [InlineData("Overcast ( http://overcast.fm/; Apple Watch podcast app)", "Overcast")]
    public void Classify_AppleWatchAgent_IsAppleWatch(string userAgent, string app)
    {
        var info = _classifier.Classify(userAgent);

        Assert.Equal(new UserAgentInfo(app, "watch", "watchOS", "", IsAppleWatch: true), info);
    }

    [Fact]
    public void Classify_Null_IsNoUserAgent()
    {
        Assert.Equal(new UserAgentInfo("", "unknown", "", "no_ua", false), _classifier.Classify(null));
    }

    [Fact]
    public void Classify_HundredKilobyteAgent_ReturnsQuickly()
    {
        var hostile = "Mozilla/5.0 (" + string.Concat(Enumerable.Repeat("Linux; Android 13; (((aaaa/1.1 ", 3_500)) + ")";
        Assert.True(hostile.Length > 100_000);

        var stopwatch = Stopwatch.StartNew();
        var info = _classifier.ClassifyUncached(hostile);
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal("", info.BotReason);
    }

    [Fact]
    public void Classify_LongAgentWithKnownPrefix_KeepsTheApp()
    {
        var info = _classifier.Classify("Overcast/3.0 (+http://overcast.fm/; iOS podcast app) " + new string('x', 100_000));

        Assert.Equal("Overcast", info.App);
    }

    [Fact]
    public void Load_RealData_SkipsNothingAndLoadsEveryList()
    {
        Assert.Empty(_classifier.LoadWarnings);
        Assert.True(_classifier.KnownAgentCount > 100);
        Assert.True(_classifier.CrawlerPatternCount > 500);
        Assert.True(_classifier.UapRuleCount > 1_000);
    }

    [Fact]
    public void Load_MissingDirectory_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => UserAgentClassifier.Load(Path.Combine(Path.GetTempPath(), "no-such-prefix-data")));
    }
}
