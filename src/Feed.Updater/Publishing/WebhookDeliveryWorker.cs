using System.Text.Json;
using Microsoft.Extensions.Options;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Publishing;

/// <summary>
/// Hosted service that delivers every webhook subscription: re-reads the subscription list every
/// <see cref="WebhookOptions.RefreshInterval"/>, runs one <see cref="WebhookDeliveryLoop"/> per subscription and
/// stops the loops of deleted ones. With several updater instances every instance runs a loop per subscription,
/// but only the holder of the subscription's lock delivers.
/// </summary>
internal sealed partial class WebhookDeliveryWorker : BackgroundService
{
    private readonly WebhookRegistry _registry;
    private readonly RedisConnectionProvider _redis;
    private readonly WebhookOptions _options;
    private readonly WebhookMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDeliveryWorker> _logger;
    private readonly HttpClient _http;
    private readonly WebhookSender _sender;
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);

    public WebhookDeliveryWorker(
        WebhookRegistry registry,
        RedisConnectionProvider redis,
        IOptions<WebhookOptions> options,
        WebhookMetrics metrics,
        TimeProvider time,
        ILogger<WebhookDeliveryWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _redis = redis;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _http = WebhookSender.CreateClient(_options);
        _sender = new WebhookSender(_http, _options, time);

        // One token per worker: two instances (or two workers in one test process) never share a lock owner.
        Owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    }

    /// <summary>This worker's lock owner token.</summary>
    public string Owner { get; }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    Reconcile(await _registry.ListAsync(stoppingToken).ConfigureAwait(false), stoppingToken);
                }
                catch (Exception e) when (e is RedisException or IOException or JsonException)
                {
                    LogRefreshFailed(_logger, e.Message);
                }

                await Task.Delay(_options.RefreshInterval, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var running in _running.Values)
            {
                await running.Stop.CancelAsync().ConfigureAwait(false);
            }

            // Each loop releases its lock on the way out, so a peer instance can take over at once.
            await Task.WhenAll(_running.Values.Select(r => r.Task)).ConfigureAwait(false);
            foreach (var running in _running.Values)
            {
                running.Stop.Dispose();
            }

            _running.Clear();
        }
    }

    private void Reconcile(IReadOnlyList<WebhookSubscription> subscriptions, CancellationToken stoppingToken)
    {
        var wanted = subscriptions.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var (id, running) in _running.ToArray())
        {
            if (running.Task.IsCompleted || !wanted.ContainsKey(id))
            {
                running.Stop.Cancel();
                if (running.Task.IsFaulted)
                {
                    LogLoopFailed(_logger, running.Task.Exception, id);
                }

                // A loop that is still finishing its current attempt is left to end by itself; it records nothing
                // once the subscription is gone (the record script checks).
                _ = running.Task.ContinueWith(static (_, stop) => ((CancellationTokenSource)stop!).Dispose(), running.Stop, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                _running.Remove(id);
            }
        }

        foreach (var subscription in subscriptions)
        {
            if (!_running.ContainsKey(subscription.Id))
            {
                var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var loop = new WebhookDeliveryLoop(subscription, _redis, _sender, _options, _metrics, Owner, _time, _logger);
                _running[subscription.Id] = new Running(stop, Task.Run(() => loop.RunAsync(stop.Token), CancellationToken.None));
            }
        }
    }

    private sealed record Running(CancellationTokenSource Stop, Task Task);

    [LoggerMessage(EventId = 4620, Level = LogLevel.Warning, Message = "Webhooks: could not read the subscription list: {Error}")]
    private static partial void LogRefreshFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4621, Level = LogLevel.Error, Message = "Webhook {WebhookId}: delivery loop failed; restarting it")]
    private static partial void LogLoopFailed(ILogger logger, Exception? exception, string webhookId);
}
