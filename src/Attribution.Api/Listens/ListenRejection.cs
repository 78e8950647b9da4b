namespace Attribution.Api.Listens;

/// <summary>Why one event of a batch was not stored.</summary>
/// <param name="Index">The event's position in <c>events</c> (0-based).</param>
/// <param name="EventId">Its <c>eventId</c> when it had one.</param>
/// <param name="Reason">A stable code: see <see cref="ListenRejectionReasons"/>.</param>
/// <param name="Detail">A sentence a person can act on.</param>
public sealed record ListenRejection(int Index, string? EventId, string Reason, string Detail);
