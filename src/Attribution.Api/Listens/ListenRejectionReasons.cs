namespace Attribution.Api.Listens;

/// <summary>The reason codes of <see cref="ListenRejection"/>; stable, clients may switch on them.</summary>
public static class ListenRejectionReasons
{
    public const string NotAnObject = "not_an_object";
    public const string MissingDeviceId = "missing_device_id";
    public const string MissingEventId = "missing_event_id";
    public const string MissingEpisode = "missing_episode";
    public const string BadEpisodeId = "bad_episode_id";
    public const string BadPodcastGuid = "bad_podcast_guid";
    public const string BadEnclosureUrl = "bad_enclosure_url";
    public const string UnknownType = "unknown_type";
    public const string BadPosition = "bad_position";
    public const string BadClientTime = "bad_client_time";
    public const string BadOffline = "bad_offline";
    public const string TooLate = "too_late";
    public const string InFuture = "in_future";
}
