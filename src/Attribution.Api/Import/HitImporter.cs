using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Prefix.Core.Hits;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Attribution.Api.Import;

/// <summary>
/// Imports hits from host or CDN logs (COUNTING.md "Hit import format") onto the Redis Stream the edges
/// ship to, so the ingest stores them exactly like edge hits (with <c>source = import</c>).
/// </summary>
/// <remarks>
/// One request:
/// <list type="number">
/// <item>Read the body line by line with bounded memory (<see cref="BoundedLineReader"/>); a line over
/// <see cref="MaxLineBytes"/> is refused and skipped; blank lines are passed over.</item>
/// <item>On the first non-blank line, settle the format if the Content-Type did not: a line starting with
/// <c>{</c> is NDJSON, anything else a combined log, which needs the <c>host</c> parameter (400 without).</item>
/// <item>Parse and check the line (<see cref="NdjsonHitParser"/>, <see cref="CombinedLogParser"/>); a bad
/// line becomes a rejection with its number and reason and never stops the import.</item>
/// <item>Map it to a <see cref="HitRecord"/> (<see cref="ImportedHitMapper"/>): the raw IP becomes keys and
/// geo fields there and is dropped.</item>
/// <item>XADD the hits in pipelined batches of <see cref="HitImportOptions.BatchSize"/>, the entry layout of the
/// edge's shipper (one field <c>h</c> holding the hit JSON). A line counts as accepted once Redis took it.</item>
/// </list>
/// </remarks>
internal sealed partial class HitImporter(
    IOptions<HitImportOptions> options,
    ImportedHitMapper mapper,
    RedisConnectionProvider redis,
    HitImportMetrics metrics,
    TimeProvider time,
    ILogger<HitImporter> logger)
{
    /// <summary>Longest line accepted, in bytes.</summary>
    public const int MaxLineBytes = 16 * 1024;

    private static readonly RedisValue HitField = "h";

    /// <param name="body">The request body.</param>
    /// <param name="format">The format the Content-Type named; null to decide by the first line.</param>
    /// <param name="origin">For combined logs: <c>https://host</c> request paths are appended to; null when not given.</param>
    /// <param name="cancellationToken">The request's token.</param>
    public async Task<HitImportOutcome> ImportAsync(PipeReader body, HitImportFormat? format, string? origin, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var rejections = new List<HitImportRejection>();
        long rejected = 0;
        long accepted = 0;
        long storedThroughLine = 0;
        var batch = new List<byte[]>(settings.BatchSize);
        using var lines = new BoundedLineReader(body, MaxLineBytes);

        void Reject(long line, string reason)
        {
            rejected++;
            if (rejections.Count < settings.MaxRejectionsListed)
            {
                rejections.Add(new HitImportRejection(line, reason));
            }
        }

        string? failure = null;
        while (failure is null && await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (lines.LineNumber > settings.MaxLinesPerRequest)
            {
                Reject(lines.LineNumber, $"the import stopped here: at most {settings.MaxLinesPerRequest} lines are read per request; send the lines from this one on in another request");
                break;
            }

            if (lines.TooLong)
            {
                Reject(lines.LineNumber, $"the line is longer than {MaxLineBytes / 1024} KB and was skipped");
                continue;
            }

            var line = lines.Line.Span;
            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            format ??= line.TrimStart(" \t"u8)[0] == (byte)'{' ? HitImportFormat.Ndjson : HitImportFormat.CombinedLog;
            if (format == HitImportFormat.CombinedLog && origin is null)
            {
                // Nothing is stored before the first non-blank line, so refusing the request here loses nothing.
                return HitImportOutcome.Failed(400, "combined log lines hold only the request path: say which host they were served from with ?host=cdn.example.com (and &scheme=http if not https)");
            }

            var parsed = format == HitImportFormat.Ndjson
                ? NdjsonHitParser.TryParse(line, now, settings.MaxFutureSkew, out var hit, out var reason)
                : CombinedLogParser.TryParse(line, origin!, now, settings.MaxFutureSkew, out hit, out reason);
            if (!parsed)
            {
                Reject(lines.LineNumber, reason);
                continue;
            }

            batch.Add(JsonSerializer.SerializeToUtf8Bytes(mapper.Map(hit), HitJsonContext.Default.HitRecord));
            if (batch.Count >= settings.BatchSize)
            {
                failure = await SendAsync(settings.Stream, batch, cancellationToken).ConfigureAwait(false);
                if (failure is null)
                {
                    accepted += settings.BatchSize;
                    storedThroughLine = lines.LineNumber;
                }
            }
        }

        if (failure is null && batch.Count > 0)
        {
            var last = batch.Count;
            failure = await SendAsync(settings.Stream, batch, cancellationToken).ConfigureAwait(false);
            accepted += failure is null ? last : 0;
        }

        metrics.Counted(accepted, rejected);
        if (failure is not null)
        {
            LogRedisFailed(logger, accepted, storedThroughLine, failure);
            return HitImportOutcome.Failed(503, $"Redis did not take the hits ({failure}); the {accepted} hits through line {storedThroughLine} are stored, some after it may be: resend from line {storedThroughLine + 1} when Redis is back");
        }

        LogImported(logger, format, accepted, rejected);
        return HitImportOutcome.Done(new HitImportResult(accepted, rejected, rejections, rejected > rejections.Count));
    }

    /// <summary>XADDs the batch pipelined on the shared connection, in order, and empties it; null, or why Redis failed.</summary>
    private async Task<string?> SendAsync(string stream, List<byte[]> batch, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
            var sends = new Task<string>[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                // Started together: the client pipelines them on one connection. No MAXLEN: the ingest trims what it stored.
                sends[i] = connection.StreamAddAsync(stream, HitField, batch[i], cancellationToken: cancellationToken);
            }

            await Task.WhenAll(sends).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is RedisException or IOException or TimeoutException or SocketException)
        {
            return ex.Message;
        }
        finally
        {
            batch.Clear();
        }
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Hit import ({Format}): {Accepted} lines accepted, {Rejected} rejected")]
    private static partial void LogImported(ILogger logger, HitImportFormat? format, long accepted, long rejected);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Hit import stopped: Redis failed after {Accepted} hits (through line {Line}): {Reason}")]
    private static partial void LogRedisFailed(ILogger logger, long accepted, long line, string reason);
}
