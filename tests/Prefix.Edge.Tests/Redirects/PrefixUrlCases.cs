using Prefix.Testing.Redirects;

namespace Prefix.Edge.Tests.Redirects;

/// <summary>
/// The prefix URL table (<see cref="PrefixUrlTable"/> in Prefix.Testing, shared with the tests through the
/// real edge in Prefix.Pipeline.Tests) as theory data: raw request target → exact status and Location (null for 400).
/// </summary>
public static class PrefixUrlCases
{
    public const string Guid1 = PrefixUrlTable.Guid1;

    public static TheoryData<string, int, string?> All { get; } = ToTheoryData();

    private static TheoryData<string, int, string?> ToTheoryData()
    {
        var data = new TheoryData<string, int, string?>();
        foreach (var (rawTarget, status, location) in PrefixUrlTable.Cases)
        {
            data.Add(rawTarget, status, location);
        }

        return data;
    }
}
