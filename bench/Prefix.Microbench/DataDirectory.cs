namespace Prefix.Microbench;

/// <summary>The npm data packages: PREFIX_DATA_DIR, else .prefix/data/node_modules above the working directory.</summary>
internal static class DataDirectory
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("PREFIX_DATA_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".prefix", "data", "node_modules");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Run ./prefix up (or ./prefix test) once so .prefix/data exists, or set PREFIX_DATA_DIR.");
    }
}
