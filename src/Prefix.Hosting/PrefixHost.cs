using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Prefix.Hosting;

/// <summary>
/// Runs a service and turns a bad setting into one clear line and exit code 2, instead of a stack
/// trace: "Redis:EndPoint = 'nowhere' is invalid: expected host:port, e.g. 127.0.0.1:6379."
/// </summary>
public static class PrefixHost
{
    public const int ConfigurationErrorExitCode = 2;

    public static async Task<int> RunAsync(Func<WebApplication> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        WebApplication app;
        try
        {
            app = build();
        }
        catch (InvalidOperationException ex)
        {
            // Binding a value of the wrong type (Redis:Database = "abc") fails while building.
            return ReportConfigurationError(null, ex.Message);
        }

        await using (app.ConfigureAwait(false))
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Prefix.Hosting");
            try
            {
                await app.StartAsync().ConfigureAwait(false);
            }
            catch (OptionsValidationException ex)
            {
                return ReportConfigurationError(logger, string.Join(" ", ex.Failures));
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
            {
                return ReportConfigurationError(logger, ex.Message);
            }

            var service = app.Services.GetRequiredService<ServiceIdentity>().Name;
            var urls = string.Join(", ", app.Urls);
            LogMessages.ServiceStarted(logger, service, urls);

            await app.WaitForShutdownAsync().ConfigureAwait(false);
            return 0;
        }
    }

    private static int ReportConfigurationError(ILogger? logger, string reason)
    {
        if (logger is not null)
        {
            LogMessages.ConfigurationInvalid(logger, reason);
        }

        // Also on stderr in plain words: this is what a person starting the service reads.
        Console.Error.WriteLine($"configuration error: {reason}");
        return ConfigurationErrorExitCode;
    }
}
