namespace Prefix.Redis;

/// <summary>XGROUP CREATE outcome; an existing group (BUSYGROUP) is a normal result, not an error.</summary>
public enum StreamGroupCreateResult
{
    Created,
    AlreadyExists,
}
