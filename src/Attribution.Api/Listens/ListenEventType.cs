namespace Attribution.Api.Listens;

/// <summary>The playback event types COUNTING.md fixes for <c>POST /v1/listens</c>.</summary>
internal enum ListenEventType
{
    Play,
    Pause,
    Seek,
    Stop,
    Complete,
    Progress,
}
