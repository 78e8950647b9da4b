using Prefix.Testing.Servers;

namespace Prefix.Services.Tests.Configuration;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Prefix.Edge", "Redis__EndPoint", "nowhere", "Redis:EndPoint = 'nowhere'")]
    [InlineData("Feed.Updater", "ClickHouse__Url", "ftp://example.org/", "ClickHouse:Url = 'ftp://example.org/'")]
    [InlineData("Attribution.Api", "ClickHouse__Database", "prefix; DROP", "ClickHouse:Database = 'prefix; DROP'")]
    [InlineData("Prefix.Edge", "Redis__CommandTimeout", "-00:00:01", "Redis:CommandTimeout = '-00:00:01'")]
    [InlineData("Prefix.Edge", "Redis__Database", "abc", "'abc'")]
    public async Task Start_BadSetting_ExitsWithCode2AndNamesKeyAndValue(string project, string key, string value, string expectedMessage)
    {
        var settings = ServiceSettings.For("127.0.0.1:1", new Uri("http://127.0.0.1:1/"));
        settings[key] = value;
        await using var service = ServiceHost.Start(project, settings);

        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains("configuration error", service.Output, StringComparison.Ordinal);
        Assert.Contains(expectedMessage, service.Output, StringComparison.Ordinal);
    }
}
