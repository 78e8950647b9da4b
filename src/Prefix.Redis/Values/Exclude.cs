namespace Prefix.Redis;

/// <summary>Which ends of a score range are exclusive ("(" in ZRANGEBYSCORE).</summary>
[Flags]
public enum Exclude
{
    None = 0,
    Start = 1,
    Stop = 2,
    Both = Start | Stop,
}
