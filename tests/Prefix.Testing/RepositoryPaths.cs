namespace Prefix.Testing;

/// <summary>Finds the repository and the build output of its executables from a test's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: whichever the running test assembly was built in.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>
    /// The npm data packages (GeoLite2, ASN ranges, uap-core, crawler-user-agents) that ./prefix installs:
    /// <c>PREFIX_DATA_DIR</c>, else <c>.prefix/data/node_modules</c> in the repository.
    /// </summary>
    public static string DataDirectory =>
        Environment.GetEnvironmentVariable("PREFIX_DATA_DIR") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Root, ".prefix", "data", "node_modules");

    /// <summary>Path of <c>src/&lt;project&gt;/bin/&lt;configuration&gt;/net10.0/&lt;project&gt;.dll</c>.</summary>
    public static string ExecutableDll(string project)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", project + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{project} is not built in {Configuration}; run ./prefix test or dotnet build.", path);
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PREFIX_REPO_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Prefix.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Prefix.sln not found above " + AppContext.BaseDirectory);
    }
}
