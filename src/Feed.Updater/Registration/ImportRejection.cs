namespace Feed.Updater.Registration;

/// <summary>One refused import line: where it was and why.</summary>
internal sealed record ImportRejection(long Line, string Reason);
