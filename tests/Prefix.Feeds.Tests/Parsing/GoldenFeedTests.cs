namespace Prefix.Feeds.Tests.Parsing;

public sealed class GoldenFeedTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenFiles.Names())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Documents_Corpus_HasAtLeast32Feeds() => Assert.True(GoldenFiles.Names().Count() >= 32);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Parse_GoldenDocument_MatchesExpectedJson(string name)
    {
        var actual = GoldenFiles.Serialize(GoldenFiles.Parse(name));
        if (GoldenFiles.Updating)
        {
            GoldenFiles.WriteExpected(name, actual);
            return;
        }

        var expected = GoldenFiles.Expected(name);
        Assert.True(expected is not null, $"{name}.expected.json is missing; run with PREFIX_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(expected, actual);
    }
}
