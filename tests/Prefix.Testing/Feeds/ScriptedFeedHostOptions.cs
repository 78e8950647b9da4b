namespace Prefix.Testing.Feeds;

/// <summary>How a <see cref="ScriptedFeedHost"/> is set up; the defaults suit most tests.</summary>
public sealed class ScriptedFeedHostOptions
{
    /// <summary>
    /// The kernel send buffer (SO_SNDBUF) of accepted connections, in bytes; null keeps the system's auto-tuned
    /// buffer. Loopback buffers can grow to several MB, which hides a client that stops reading: a small buffer
    /// makes the server's writes block, so a test sees the client drop the connection. Default null.
    /// </summary>
    public int? SendBufferBytes { get; init; }
}
