using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prefix.Testing;

namespace Prefix.Ingest.Tests.Options;

public sealed class IngestOptionsValidatorTests
{
    private readonly IngestOptionsValidator _validator = new();

    [Fact]
    public void Validate_MissingDataDirectory_FailsNamingTheKeyAndValue()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"prefix-no-data-{Guid.NewGuid():N}");

        var result = _validator.Validate(null, new IngestOptions { DataDirectory = missing });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Ingest:DataDirectory = '", failure, StringComparison.Ordinal);
        Assert.Contains(missing, failure, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("uap-core", "regexes.yaml"), failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RealDataDirectory_Succeeds()
    {
        var result = _validator.Validate(null, new IngestOptions { DataDirectory = RepositoryPaths.DataDirectory });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_Disabled_SucceedsWithoutData()
    {
        var result = _validator.Validate(null, new IngestOptions { Enabled = false, DataDirectory = "/nonexistent" });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("BatchSize", "0", "Ingest:BatchSize")]
    [InlineData("Table", "hits; DROP TABLE hits", "Ingest:Table")]
    [InlineData("ClaimIdle", "00:00:00", "Ingest:ClaimIdle")]
    [InlineData("Block", "-00:00:01", "Ingest:Block")]
    public void Validate_BadSetting_FailsNamingIt(string setting, string value, string key)
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Ingest:DataDirectory"] = RepositoryPaths.DataDirectory,
            [$"Ingest:{setting}"] = value,
        });

        var error = Assert.Throws<OptionsValidationException>(() => options.Value);

        Assert.Contains(error.Failures, f => f.StartsWith(key + " = ", StringComparison.Ordinal));
    }

    [Fact]
    public void AddHitIngest_MissingDataDirectory_RefusesTheOptions()
    {
        var options = Bind(new Dictionary<string, string?> { ["Ingest:DataDirectory"] = "/nonexistent/node_modules" });

        var error = Assert.Throws<OptionsValidationException>(() => options.Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Ingest:DataDirectory = '/nonexistent/node_modules'", StringComparison.Ordinal));
    }

    /// <summary>The options as the real registration binds and validates them.</summary>
    private static IOptions<IngestOptions> Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var provider = new ServiceCollection().AddHitIngest(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<IngestOptions>>();
    }
}
