using Microsoft.Extensions.Logging;

namespace Prefix.Hosting;

/// <summary>Log messages of the shared hosting layer. Event ids 1000–1099.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "{Service} started on {Urls}")]
    public static partial void ServiceStarted(ILogger logger, string service, string urls);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Readiness: {Dependency} unavailable: {Reason}")]
    public static partial void DependencyUnavailable(ILogger logger, string dependency, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "Configuration error, not starting: {Reason}")]
    public static partial void ConfigurationInvalid(ILogger logger, string reason);
}
