namespace Attribution.Api.Listens;

/// <summary>One stored playback event as <see cref="ListenCalculator"/> reads it.</summary>
/// <param name="DeviceId">The reporting device.</param>
/// <param name="Stream">Which episode the event belongs to (any stable text; only compared for equality).</param>
/// <param name="Type">The event type.</param>
/// <param name="PositionSec">Playback position in the audio, seconds.</param>
/// <param name="TimeMs">Skew-corrected event time (server clock), Unix milliseconds.</param>
internal readonly record struct ListenEvent(string DeviceId, string Stream, ListenEventType Type, double PositionSec, long TimeMs);
