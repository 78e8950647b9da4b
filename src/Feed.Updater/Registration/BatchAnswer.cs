using Prefix.Redis;

namespace Feed.Updater.Registration;

/// <summary>One feed's answer from <see cref="RegistryScripts.RegisterBatch"/>: 'c' created, 'e' existing (detail = status), 'r' deregistered (detail = q).</summary>
internal readonly record struct BatchAnswer(char Kind, Guid FeedId, string? Detail)
{
    public static BatchAnswer Parse(RedisResult item)
    {
        var text = item.AsString() ?? throw new InvalidOperationException("The registration script answered null for a feed.");
        if (text == "c")
        {
            return new BatchAnswer('c', Guid.Empty, null);
        }

        // "e {id} {status}" or "r {id} {q}": the id is 32 hex digits.
        var parts = text.Split(' ', 3);
        if (parts.Length != 3 || parts[0] is not ("e" or "r") || !Guid.TryParseExact(parts[1], "N", out var feedId))
        {
            throw new InvalidOperationException($"Unexpected answer from the registration script: '{text}'.");
        }

        return new BatchAnswer(parts[0][0], feedId, parts[2]);
    }
}
