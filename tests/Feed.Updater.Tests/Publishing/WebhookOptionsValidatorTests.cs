using Feed.Updater.Publishing;

namespace Feed.Updater.Tests.Publishing;

public sealed class WebhookOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new WebhookOptionsValidator().Validate(null, new WebhookOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_MessagesNameTheKeyAndValue()
    {
        var options = new WebhookOptions
        {
            MaxAttempts = 0,
            InitialBackoff = TimeSpan.FromSeconds(10),
            MaxBackoff = TimeSpan.FromSeconds(1),
            PollInterval = TimeSpan.Zero,
            BatchSize = 5000,
        };

        var result = new WebhookOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Updater:Webhooks:MaxAttempts = '0' is invalid", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Updater:Webhooks:MaxBackoff = '00:00:01' is invalid", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Updater:Webhooks:PollInterval = '00:00:00' is invalid", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Updater:Webhooks:BatchSize = '5000' is invalid", StringComparison.Ordinal));
    }
}
