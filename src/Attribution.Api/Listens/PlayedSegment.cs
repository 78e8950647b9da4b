namespace Attribution.Api.Listens;

/// <summary>A valid played interval: audio from <paramref name="FromSec"/> to <paramref name="ToSec"/>, played between two event times.</summary>
internal readonly record struct PlayedSegment(double FromSec, double ToSec, long StartMs, long EndMs);
