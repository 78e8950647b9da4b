using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Feed.Updater.Fetching;

namespace Feed.Updater.Tests.Fetching;

/// <summary>Transport failures become outcomes with actionable sentences.</summary>
public sealed class FeedFetcherFailureTests
{
    private static readonly Uri Url = new("https://feeds.example.com/show.xml");

    public static TheoryData<Exception, string, string> Failures => new()
    {
        { new HttpRequestException("x", new SsrfBlockedException("refused to connect to a.example: 10.0.0.1 (private 10.0.0.0/8)")), nameof(FetchOutcome.Blocked), "10.0.0.1 (private 10.0.0.0/8)" },
        { new HttpRequestException("x", new TimeoutException("connecting to a.example:443 took longer than 10 s (Updater:Fetching:ConnectTimeout)")), nameof(FetchOutcome.Timeout), "Updater:Fetching:ConnectTimeout" },
        { new HttpRequestException("x", new SocketException((int)SocketError.HostNotFound)), nameof(FetchOutcome.NetworkError), "DNS lookup of feeds.example.com failed" },
        { new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), nameof(FetchOutcome.NetworkError), "feeds.example.com:443 refused the connection" },
        { new HttpRequestException("x", new IOException("y", new SocketException((int)SocketError.ConnectionReset))), nameof(FetchOutcome.NetworkError), "reset the connection" },
        { new HttpRequestException("x", new AuthenticationException("certificate expired")), nameof(FetchOutcome.NetworkError), "TLS handshake with feeds.example.com failed: certificate expired" },
        { new HttpRequestException(HttpRequestError.ResponseEnded, "x"), nameof(FetchOutcome.NetworkError), "closed the connection before the response was complete" },
        { new HttpRequestException(HttpRequestError.NameResolutionError, "x"), nameof(FetchOutcome.NetworkError), "DNS lookup" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Classify_TransportFailure_MapsToOutcomeAndSentence(Exception exception, string expectedOutcome, string expectedText)
    {
        var (outcome, error) = FeedFetcher.Classify(exception, Url);

        Assert.Equal(Enum.Parse<FetchOutcome>(expectedOutcome), outcome);
        Assert.Contains(expectedText, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_ConnectNeverCompletes_TimesOutNamingConnect()
    {
        // A listener that never accepts: once its backlog is full the kernel drops further SYNs, so a connect hangs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                try
                {
                    await filler.ConnectAsync(endPoint, quick.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            using var fetcher = TestFetchers.Fetcher(o =>
            {
                o.ConnectTimeout = TimeSpan.FromMilliseconds(500);
                o.Deadline = TimeSpan.FromSeconds(3);
            });
            var watch = Stopwatch.StartNew();
            var result = await fetcher.FetchAsync(TestFetchers.Get(new Uri($"http://127.0.0.1:{endPoint.Port}/feed.xml")), CancellationToken.None);

            Assert.Equal(FetchOutcome.Timeout, result.Outcome);
            Assert.Contains("connecting to 127.0.0.1", result.Error, StringComparison.Ordinal);
            Assert.Contains("Updater:Fetching:ConnectTimeout", result.Error, StringComparison.Ordinal);
            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
        }
        finally
        {
            fillers.ForEach(s => s.Dispose());
        }
    }
}
