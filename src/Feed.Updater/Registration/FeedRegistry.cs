using System.Diagnostics;
using System.Globalization;
using Feed.Updater.Registration.Import;
using Feed.Updater.Storage;
using Microsoft.Extensions.Options;
using Prefix.Core.Identities;
using Prefix.Feeds.Events;
using Prefix.Feeds.Urls;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Registration;

/// <summary>
/// The feed registry in Redis (FEEDS.md "Registration"): register by URL (idempotent), bulk import,
/// soft deregistration, lookups. Every change is stored together with its event (see <see cref="RegistryScripts"/>).
/// </summary>
/// <remarks>
/// <para><b>Identity.</b> A feed's id is <see cref="PodcastIdentity.ShowId"/> of its canonical URL: the
/// podcast:guid UUIDv5 of the URL without scheme and trailing slashes. So <c>http://x/feed</c>,
/// <c>https://x/feed</c> and <c>https://x/feed/</c> are one feed: the first spelling registered is the
/// feed's URL (<c>u</c>), later spellings are added to <c>feeds:byurl</c> as aliases and answered as
/// existing.</para>
/// <para><b>Register</b> (one script per batch of URLs): 1. canonicalise with <see cref="FeedUrlRules"/>;
/// 2. build the <c>feed.registered</c> event with sequence 1 for each URL; 3. the script creates each new
/// feed (byurl, hash with u/s/ra/q/nc, due now, count) with its event, or answers "existing"; 4. a
/// deregistered feed found in step 3 is re-registered with a sequence compare-and-set (its sequence is
/// not 0). Both the API and bulk import use trigger <c>register</c>; FEEDS.md's trigger list has no
/// separate "import" value.</para>
/// <para><b>Sequence compare-and-set.</b> The event JSON carries the feed's next sequence and is built here,
/// before the script runs, so the script applies only if <c>q</c> still holds the value read; otherwise
/// another event (a poll) got in first, and the read/build/apply cycle is retried up to
/// <see cref="RegistrationOptions.MaxSequenceAttempts"/> times.</para>
/// <para><b>Deregister</b> is soft: status <c>deregistered</c>, removed from due and leases, counted out,
/// everything else kept, <c>feed.deregistered</c> with trigger <c>manual</c>.</para>
/// </remarks>
internal sealed class FeedRegistry(
    RedisConnectionProvider redis,
    IOptions<RegistrationOptions> options,
    TimeProvider time,
    ILogger<FeedRegistry> logger)
{
    internal const string TriggerRegister = "register";
    internal const string TriggerManual = "manual";
    internal const string StatusActive = "active";
    internal const string StatusDeregistered = "deregistered";

    private readonly RegistrationOptions _options = options.Value;

    /// <summary>Test seam: runs after a feed's sequence was read and before the compare-and-set script.</summary>
    internal Func<Guid, CancellationToken, Task>? AfterSequenceRead { get; set; }

    /// <summary>Registers one feed URL; idempotent (an existing feed is returned unchanged, with no event).</summary>
    /// <param name="url">The URL as given; canonicalised first.</param>
    /// <param name="trigger">Event <c>source.trigger</c>; <c>register</c> for the API and for imports.</param>
    /// <param name="cancellationToken">Cancels the wait (a script already sent still runs).</param>
    public async Task<RegisterResult> RegisterAsync(string url, string trigger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(trigger);
        var check = FeedUrlRules.Check(url, _options.AllowCredentials);
        if (!check.IsValid)
        {
            return RegisterResult.Rejected(check.Rejection);
        }

        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var batch = new RegistrationBatch(1);
        var feedId = PodcastIdentity.ShowId(check.Url);
        var now = time.GetUtcNow();
        batch.Add(0, check.Url, feedId, RegistrationEvents.Registered(feedId, check.Url, now, trigger));
        var reply = await RunBatchAsync(connection, batch, now, cancellationToken).ConfigureAwait(false);
        var answer = BatchAnswer.Parse(reply[0]);
        switch (answer.Kind)
        {
            case 'c':
                RegistrationLog.FeedRegistered(logger, feedId, check.Url);
                return new RegisterResult { Outcome = RegisterOutcome.Created, FeedId = feedId, Url = check.Url, Status = StatusActive };
            case 'e':
                return new RegisterResult { Outcome = RegisterOutcome.Existing, FeedId = answer.FeedId, Url = check.Url, Status = answer.Detail };
            default:
                return await ReregisterAsync(connection, answer.FeedId, check.Url, trigger, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Registers every valid URL of an import (see <see cref="FeedImportReader"/>) in batches of
    /// <see cref="RegistrationOptions.ImportBatchSize"/>, several batches pipelined; each feed is still
    /// stored atomically with its event. Consumes the lines as they are read, so a million-line body is never held.
    /// </summary>
    public async Task<BulkRegisterResult> RegisterManyAsync(IAsyncEnumerable<ImportLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var started = Stopwatch.GetTimestamp();
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        // One SCRIPT LOAD up front so the pipelined batches do not all hit NOSCRIPT and resend the text.
        await connection.ScriptLoadAsync(RegistryScripts.RegisterBatch.Script, cancellationToken).ConfigureAwait(false);

        var tally = new ImportTally(_options.MaxReportedRejections);
        var inFlight = new Queue<(RegistrationBatch Batch, Task<RedisResult> Reply)>();
        var batch = new RegistrationBatch(_options.ImportBatchSize);
        var now = time.GetUtcNow();
        await foreach (var line in lines.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!line.IsValid)
            {
                tally.Reject(line.Line, line.Rejection);
                continue;
            }

            if (batch.Count == 0)
            {
                now = time.GetUtcNow();
            }

            var feedId = PodcastIdentity.ShowId(line.Url);
            batch.Add(line.Line, line.Url, feedId, RegistrationEvents.Registered(feedId, line.Url, now, TriggerRegister));
            if (batch.Count < _options.ImportBatchSize)
            {
                continue;
            }

            inFlight.Enqueue((batch, RunBatchAsync(connection, batch, now, cancellationToken)));
            batch = new RegistrationBatch(_options.ImportBatchSize);
            if (inFlight.Count >= _options.ImportBatchesInFlight)
            {
                var (done, reply) = inFlight.Dequeue();
                tally.Apply(done, await reply.ConfigureAwait(false));
            }
        }

        if (batch.Count > 0)
        {
            inFlight.Enqueue((batch, RunBatchAsync(connection, batch, time.GetUtcNow(), cancellationToken)));
        }

        while (inFlight.Count > 0)
        {
            var (done, reply) = inFlight.Dequeue();
            tally.Apply(done, await reply.ConfigureAwait(false));
        }

        // Re-registrations need a compare-and-set each; they are rare, so one at a time, in line order.
        foreach (var (feedId, url) in tally.DeregisteredFound)
        {
            var result = await ReregisterAsync(connection, feedId, url, TriggerRegister, cancellationToken).ConfigureAwait(false);
            tally.Reregistered(result.Outcome == RegisterOutcome.Reregistered);
        }

        var summary = tally.ToResult();
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        RegistrationLog.ImportFinished(logger, summary.Created, summary.Reregistered, summary.Existing, summary.Rejected, elapsedMs);
        return summary;
    }

    /// <summary>Soft-deregisters a feed: it stops being polled, its state is kept, <c>feed.deregistered</c> is published.</summary>
    public async Task<DeregisterOutcome> DeregisterAsync(Guid feedId, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = UpdaterKeys.Feed(feedId);
        var id = feedId.ToString("N");
        for (var attempt = 1; attempt <= _options.MaxSequenceAttempts; attempt++)
        {
            var state = await ReadSequenceAsync(connection, feedId, cancellationToken).ConfigureAwait(false);
            if (state.Status is null)
            {
                return DeregisterOutcome.NotFound;
            }

            if (state.Status == StatusDeregistered)
            {
                return DeregisterOutcome.AlreadyDeregistered;
            }

            var now = time.GetUtcNow();
            var json = RegistrationEvents.Deregistered(feedId, state.Url, state.PodcastGuid, state.Sequence + 1, now, TriggerManual);
            var reply = await connection.ScriptEvaluateAsync(
                RegistryScripts.Deregister,
                [key, UpdaterKeys.Due, UpdaterKeys.Leases, UpdaterKeys.Count, UpdaterKeys.Changes],
                [state.Sequence, json, id, _options.ChangeLogMaxLength],
                cancellationToken).ConfigureAwait(false);
            switch (reply.AsString())
            {
                case "ok":
                    RegistrationLog.FeedDeregistered(logger, feedId);
                    return DeregisterOutcome.Done;
                case "notfound":
                    return DeregisterOutcome.NotFound;
                case "already":
                    return DeregisterOutcome.AlreadyDeregistered;
                default:
                    RegistrationLog.SequenceConflict(logger, feedId, state.Sequence, FeedEventTypes.Deregistered);
                    break;
            }
        }

        RegistrationLog.SequenceGaveUp(logger, feedId, FeedEventTypes.Deregistered, _options.MaxSequenceAttempts);
        return DeregisterOutcome.Conflict;
    }

    /// <summary>
    /// The id of the feed registered under this URL or another spelling of it (http/https, trailing slash),
    /// deregistered feeds included; null when none or when the URL is not acceptable.
    /// </summary>
    public async Task<Guid?> FindByUrlAsync(string url, CancellationToken cancellationToken)
    {
        var check = FeedUrlRules.Check(url, _options.AllowCredentials);
        if (!check.IsValid)
        {
            return null;
        }

        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var known = await connection.HashGetAsync(UpdaterKeys.ByUrl, check.Url, cancellationToken).ConfigureAwait(false);
        if (!known.IsNull && Guid.TryParseExact(known.ToString(), "N", out var id))
        {
            return id;
        }

        var derived = PodcastIdentity.ShowId(check.Url);
        var exists = await connection.ExecuteAsync("EXISTS", [UpdaterKeys.Feed(derived)], cancellationToken).ConfigureAwait(false);
        return exists.AsInt64() == 1 ? derived : null;
    }

    /// <summary>The feed's raw state hash (fields of <see cref="FeedStateFields"/>), or null when there is no such feed.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> GetStateAsync(Guid feedId, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var entries = await connection.HashGetAllAsync(UpdaterKeys.Feed(feedId), cancellationToken).ConfigureAwait(false);
        if (entries.Length == 0)
        {
            return null;
        }

        var state = new Dictionary<string, string>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            state[entry.Name.ToString()!] = entry.Value.ToString() ?? string.Empty;
        }

        return state;
    }

    private Task<RedisResult> RunBatchAsync(RedisConnection connection, RegistrationBatch batch, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ScriptEvaluateAsync(
            RegistryScripts.RegisterBatch,
            batch.Keys,
            batch.Arguments(now.ToUnixTimeMilliseconds(), _options.ChangeLogMaxLength),
            cancellationToken);

    private async Task<RegisterResult> ReregisterAsync(RedisConnection connection, Guid feedId, string url, string trigger, CancellationToken cancellationToken)
    {
        var key = UpdaterKeys.Feed(feedId);
        var id = feedId.ToString("N");
        for (var attempt = 1; attempt <= _options.MaxSequenceAttempts; attempt++)
        {
            var state = await ReadSequenceAsync(connection, feedId, cancellationToken).ConfigureAwait(false);
            if (state.Status is not StatusDeregistered)
            {
                // Someone else re-registered it (or it vanished) since the batch looked: answer with what is there now.
                return new RegisterResult { Outcome = RegisterOutcome.Existing, FeedId = feedId, Url = state.Url ?? url, Status = state.Status };
            }

            var now = time.GetUtcNow();
            var feedUrl = state.Url ?? url;
            var json = RegistrationEvents.Reregistered(feedId, feedUrl, state.PodcastGuid, state.Sequence + 1, now, trigger);
            var reply = (await connection.ScriptEvaluateAsync(
                RegistryScripts.Reregister,
                [key, UpdaterKeys.Due, UpdaterKeys.Count, UpdaterKeys.Changes],
                [state.Sequence, json, id, now.ToUnixTimeMilliseconds(), _options.ChangeLogMaxLength],
                cancellationToken).ConfigureAwait(false)).AsString()!;
            if (reply == "ok")
            {
                RegistrationLog.FeedReregistered(logger, feedId);
                return new RegisterResult { Outcome = RegisterOutcome.Reregistered, FeedId = feedId, Url = feedUrl, Status = StatusActive };
            }

            if (reply.StartsWith("e ", StringComparison.Ordinal))
            {
                return new RegisterResult { Outcome = RegisterOutcome.Existing, FeedId = feedId, Url = feedUrl, Status = reply[2..] };
            }

            if (reply != "conflict")
            {
                // "notfound": nothing to re-register any more; register from scratch on the caller's next attempt.
                return new RegisterResult { Outcome = RegisterOutcome.Existing, FeedId = feedId, Url = feedUrl, Status = null };
            }

            RegistrationLog.SequenceConflict(logger, feedId, state.Sequence, FeedEventTypes.Registered);
        }

        RegistrationLog.SequenceGaveUp(logger, feedId, FeedEventTypes.Registered, _options.MaxSequenceAttempts);
        return new RegisterResult { Outcome = RegisterOutcome.Existing, FeedId = feedId, Url = url, Status = StatusDeregistered };
    }

    private async Task<SequenceState> ReadSequenceAsync(RedisConnection connection, Guid feedId, CancellationToken cancellationToken)
    {
        var values = await connection.HashGetAsync(
            UpdaterKeys.Feed(feedId),
            [FeedStateFields.Status, FeedStateFields.Sequence, FeedStateFields.Url, FeedStateFields.PodcastGuid],
            cancellationToken).ConfigureAwait(false);
        var sequence = values[1].IsNull ? 0 : long.Parse(values[1].ToString()!, NumberStyles.None, CultureInfo.InvariantCulture);
        var state = new SequenceState(values[0].ToString(), sequence, values[2].ToString(), values[3].ToString());
        if (AfterSequenceRead is { } hook)
        {
            await hook(feedId, cancellationToken).ConfigureAwait(false);
        }

        return state;
    }

    private readonly record struct SequenceState(string? Status, long Sequence, string? Url, string? PodcastGuid);
}
