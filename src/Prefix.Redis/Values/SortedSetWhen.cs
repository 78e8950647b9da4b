namespace Prefix.Redis;

/// <summary>ZADD conditions; combine <see cref="Exists"/> with <see cref="GreaterThan"/> or <see cref="LessThan"/>.</summary>
[Flags]
public enum SortedSetWhen
{
    /// <summary>Add new members and update existing ones.</summary>
    Always = 0,

    /// <summary>XX: only update members that already exist.</summary>
    Exists = 1,

    /// <summary>GT: only update when the new score is greater (new members are still added).</summary>
    GreaterThan = 2,

    /// <summary>LT: only update when the new score is less (new members are still added).</summary>
    LessThan = 4,

    /// <summary>NX: only add new members, never update.</summary>
    NotExists = 8,
}
