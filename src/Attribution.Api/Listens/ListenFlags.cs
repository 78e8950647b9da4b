namespace Attribution.Api.Listens;

/// <summary>Why a device's playback of an episode is not believed (COUNTING.md, "Fraud guards").</summary>
[Flags]
internal enum ListenFlags
{
    None = 0,

    /// <summary>The device played more audio, over all its episodes, than wall-clock time passed.</summary>
    PlayedExceedsClock = 1,

    /// <summary>The device sent more events in some hour than <see cref="ListenOptions.MaxEventsPerDeviceHour"/>.</summary>
    EventFlood = 2,

    /// <summary>A position lies beyond the episode's duration (plus tolerance).</summary>
    PositionBeyondDuration = 4,
}
