using Feed.Updater.Registration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Feed.Updater.Tests.Registration;

public class RegistrationServicesTests
{
    [Fact]
    public void AddFeedRegistration_BadSettings_ValidationNamesKeyAndValue()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Updater:Registration:ImportBatchSize"] = "0",
                ["Updater:Registration:AllowCredentials"] = "true",
            })
            .Build();
        using var services = new ServiceCollection().AddFeedRegistration(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<RegistrationOptions>>().Value);

        Assert.Contains("Updater:Registration:ImportBatchSize = '0' is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFeedRegistration_Defaults_BoundAndValid()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Updater:Registration:AllowCredentials"] = "true" }).Build();
        using var services = new ServiceCollection().AddFeedRegistration(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<RegistrationOptions>>().Value;

        Assert.True(options.AllowCredentials);
        Assert.Equal(1_000_000, options.ChangeLogMaxLength);
        Assert.Equal(1000, options.ImportBatchSize);
    }
}
