namespace Attribution.Api.Listens;

/// <summary>The wire names of <see cref="ListenEventType"/> (lower case, as clients send and the table stores them).</summary>
internal static class ListenEventTypes
{
    public static bool TryParse(string? name, out ListenEventType type)
    {
        switch (name)
        {
            case "play": type = ListenEventType.Play; return true;
            case "pause": type = ListenEventType.Pause; return true;
            case "seek": type = ListenEventType.Seek; return true;
            case "stop": type = ListenEventType.Stop; return true;
            case "complete": type = ListenEventType.Complete; return true;
            case "progress": type = ListenEventType.Progress; return true;
            default: type = default; return false;
        }
    }

    public static string Name(ListenEventType type) => type switch
    {
        ListenEventType.Play => "play",
        ListenEventType.Pause => "pause",
        ListenEventType.Seek => "seek",
        ListenEventType.Stop => "stop",
        ListenEventType.Complete => "complete",
        ListenEventType.Progress => "progress",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown listen event type."),
    };

    /// <summary>Whether an event of this type starts a played interval (COUNTING.md: a play or a progress).</summary>
    public static bool Opens(ListenEventType type) => type is ListenEventType.Play or ListenEventType.Progress;

    /// <summary>Whether an event of this type ends the open interval (pause, stop, seek, complete or progress).</summary>
    public static bool Closes(ListenEventType type) => type is not ListenEventType.Play;
}
