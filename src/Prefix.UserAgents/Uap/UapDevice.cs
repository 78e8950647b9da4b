namespace Prefix.UserAgents.Uap;

/// <summary>The device uap-core names: family ("iPhone", "Samsung SM-G991B", "Generic Smartphone"), brand and model.</summary>
internal sealed record UapDevice(string Family, string Brand, string Model)
{
    public static readonly UapDevice Other = new("Other", string.Empty, string.Empty);
}
