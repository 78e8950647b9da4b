using System.Globalization;

namespace Prefix.Edge.Recording;

/// <summary>Segment file naming (<c>hits-00000000000000000042.log</c>) and listing.</summary>
internal static class HitLogSegments
{
    private const string Prefix = "hits-";
    private const string Suffix = ".log";

    public static string PathOf(string directory, long segment) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{segment:D20}{Suffix}"));

    /// <summary>Segment numbers present in the directory, ascending.</summary>
    public static List<long> List(string directory)
    {
        var segments = new List<long>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, Prefix + "*" + Suffix))
        {
            var name = Path.GetFileName(path);
            if (long.TryParse(name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                segments.Add(number);
            }
        }

        segments.Sort();
        return segments;
    }

    public static long SizeOf(string directory, long segment)
    {
        var info = new FileInfo(PathOf(directory, segment));
        return info.Exists ? info.Length : 0;
    }
}
