namespace Prefix.Testing.Servers;

/// <summary>Locates the server binaries that <c>./prefix</c> installs from Debian packages.</summary>
public static class ServerBinaries
{
    private static readonly string[] SearchPath = ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"];

    public static string Find(string name)
    {
        foreach (var directory in SearchPath.Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')))
        {
            if (directory.Length == 0)
            {
                continue;
            }

            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"{name} is not installed. Run ./prefix test (it installs the Debian packages) or apt-get install it.", name);
    }
}
