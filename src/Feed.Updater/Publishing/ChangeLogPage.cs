namespace Feed.Updater.Publishing;

/// <summary>
/// A page of the change log. <see cref="NextCursor"/> is the id of the last entry examined: pass it as
/// <c>after</c> to continue. A page with no events and <see cref="NextCursor"/> equal to the request's
/// <c>after</c> means caught up. With a feed filter a page may hold fewer events than the limit (even none)
/// while the cursor still advances, because at most <see cref="ChangeLogReader.MaxScanned"/> entries are examined
/// per request.
/// </summary>
internal sealed record ChangeLogPage(IReadOnlyList<ChangeLogEntry> Events, string NextCursor);
