namespace Prefix.Redis;

/// <summary>XINFO STREAM. <see cref="Fields"/> has every field the server sent, for ones not modelled here.</summary>
public sealed record StreamInfo(
    long Length,
    long RadixTreeKeys,
    long RadixTreeNodes,
    long ConsumerGroupCount,
    string LastGeneratedId,
    long? EntriesAdded,
    StreamEntry? FirstEntry,
    StreamEntry? LastEntry,
    IReadOnlyDictionary<string, RedisResult> Fields);
