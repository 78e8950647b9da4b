using Feed.Updater.Fetching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Feed.Updater.Tests.Fetching;

/// <summary>Options defaults, validation messages and binding through <see cref="FetchingServices"/>.</summary>
public sealed class FetcherOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var options = new FetcherOptions();

        Assert.True(new FetcherOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(30L * 1024 * 1024, options.MaxDecodedBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Deadline);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectTimeout);
        Assert.Equal(5, options.MaxRedirects);
        Assert.False(options.AllowLoopback);
        Assert.False(options.AllowPrivateNetworks);
        Assert.Equal(16, options.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ProbeDeadline);
    }

    [Theory]
    [InlineData("MaxDecodedBytes", "0", "Updater:Fetching:MaxDecodedBytes = '0'")]
    [InlineData("Deadline", "00:00:00", "Updater:Fetching:Deadline = '00:00:00'")]
    [InlineData("ConnectTimeout", "00:01:00", "Updater:Fetching:ConnectTimeout = '00:01:00'")]
    [InlineData("MaxRedirects", "-1", "Updater:Fetching:MaxRedirects = '-1'")]
    [InlineData("MaxConnectionsPerServer", "0", "Updater:Fetching:MaxConnectionsPerServer = '0'")]
    [InlineData("UserAgent", " ", "Updater:Fetching:UserAgent = ' '")]
    [InlineData("ProbeDeadline", "-00:00:01", "Updater:Fetching:ProbeDeadline = '-00:00:01'")]
    public void AddFeedFetching_BadSetting_FailsNamingTheKeyAndValue(string key, string value, string expected)
    {
        using var services = Build(new Dictionary<string, string?> { ["Updater:Fetching:" + key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FetcherOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFeedFetching_Configuration_IsBoundAndServicesResolve()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Updater:Fetching:Deadline"] = "00:00:20",
            ["Updater:Fetching:AllowLoopback"] = "true",
            ["Updater:Fetching:MaxDecodedBytes"] = "1048576",
        });

        var options = services.GetRequiredService<IOptions<FetcherOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(20), options.Deadline);
        Assert.True(options.AllowLoopback);
        Assert.Equal(1048576, options.MaxDecodedBytes);
        Assert.Same(services.GetRequiredService<FeedFetcher>(), services.GetRequiredService<FeedFetcher>());
        Assert.NotNull(services.GetRequiredService<EnclosureProbe>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFeedFetching(configuration);
        return services.BuildServiceProvider();
    }
}
