using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Prefix.Feeds.Changes;
using Prefix.Feeds.Model;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Storage;

/// <summary>Reads a feed's state and commits poll results (<see cref="PollCommitScript"/>).</summary>
internal sealed class FeedStateStore(RedisConnectionProvider redis, IOptions<StorageOptions> options)
{
    private const int MaxCommitAttempts = 5;

    public async Task<FeedState?> GetAsync(Guid feedId, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var entries = await connection.HashGetAllAsync(UpdaterKeys.Feed(feedId), cancellationToken).ConfigureAwait(false);
        return FeedState.FromHash(feedId, entries);
    }

    /// <summary>The stored fingerprint; null when there is none or it cannot be read (then the next parse counts as the first).</summary>
    public async Task<FeedFingerprint?> GetFingerprintAsync(Guid feedId, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var bytes = (await connection.StringGetAsync(UpdaterKeys.Fingerprint(feedId), cancellationToken).ConfigureAwait(false)).ToByteArray();
        return bytes is { Length: > 0 } && FeedFingerprint.TryFromBytes(bytes, out var fingerprint) ? fingerprint : null;
    }

    public async Task<PollCommitOutcome> CommitAsync(PollCommit commit, long expectedSequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var id = commit.FeedId.ToString("N");
        string[] keys =
        [
            UpdaterKeys.Feed(commit.FeedId), UpdaterKeys.Fingerprint(commit.FeedId), UpdaterKeys.Due, UpdaterKeys.Leases,
            UpdaterKeys.Changes, UpdaterKeys.ByUrl,
        ];

        var sequence = expectedSequence;
        for (var attempt = 1; ; attempt++)
        {
            var result = await connection.ScriptEvaluateAsync(PollCommitScript.Script, keys, Arguments(commit, id, sequence), cancellationToken).ConfigureAwait(false);
            var text = result.AsString() ?? string.Empty;
            switch (text)
            {
                case "ok":
                    return PollCommitOutcome.Committed;
                case "lease-lost":
                    return PollCommitOutcome.LeaseLost;
                case "deregistered":
                    return PollCommitOutcome.Deregistered;
            }

            // "conflict:<q>": a registration or deregistration event took the next sequence; rebuild ours after it.
            if (!text.StartsWith("conflict:", StringComparison.Ordinal) || attempt == MaxCommitAttempts ||
                !long.TryParse(text.AsSpan("conflict:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
            {
                throw new InvalidOperationException($"the poll commit for feed {id} failed: {text}");
            }
        }
    }

    private List<RedisValue> Arguments(PollCommit commit, string id, long sequence)
    {
        var args = new List<RedisValue>(16 + (commit.Set.Count * 2))
        {
            commit.LeaseToken,
            sequence,
            id,
            commit.NextCheckAt is { } next ? next.ToUnixTimeMilliseconds() : string.Empty,
            options.Value.ChangeLogMaxLength,
            commit.Fingerprint is null ? "0" : "1",
            commit.Fingerprint ?? [],
            commit.NewUrl ?? string.Empty,
            commit.Set.Count,
        };
        foreach (var (name, value) in commit.Set)
        {
            args.Add(name);
            args.Add(value);
        }

        args.Add(commit.Delete.Count);
        foreach (var name in commit.Delete)
        {
            args.Add(name);
        }

        var events = commit.BuildEvents(sequence);
        args.Add(events.Count);
        foreach (var change in events)
        {
            args.Add(change.EventType);
            args.Add(change.Sequence);
            args.Add(JsonSerializer.SerializeToUtf8Bytes(change, FeedJsonContext.Default.FeedChangeEvent));
        }

        return args;
    }
}
