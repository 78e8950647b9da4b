namespace Prefix.Redis;

/// <summary>A stream and the id to read after: ">" for new entries, "0" for this consumer's pending ones.</summary>
public readonly record struct StreamPosition(string Key, string Position);
