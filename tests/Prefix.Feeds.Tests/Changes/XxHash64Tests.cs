using System.Text;
using Prefix.Feeds.Changes;

namespace Prefix.Feeds.Tests.Changes;

public sealed class XxHash64Tests
{
    // Expected values from the reference implementation (libxxhash 0.8.1, XXH64): lengths chosen to cover the
    // short path, every tail branch (8-, 4- and 1-byte steps) and the 32-byte stripe loop.
    [Theory]
    [InlineData("", 0xef46db3751d8e999UL)]
    [InlineData("a", 0xd24ec4f1a98c6e5bUL)]
    [InlineData("abc", 0x44bc2cf5ad770999UL)]
    [InlineData("Nobody inspects the spammish repetition", 0xfbcea83c8a378bf1UL)]
    public void Hash_Text_MatchesReference(string text, ulong expected)
    {
        Assert.Equal(expected, XxHash64.Hash(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData(12, 0x424af23f1f08dca5UL)]
    [InlineData(31, 0xc346d2b59b4d8ee1UL)]
    [InlineData(37, 0xd93fa2dfee5c24c9UL)]
    public void Hash_ByteRamp_MatchesReference(int length, ulong expected)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        Assert.Equal(expected, XxHash64.Hash(data));
    }

    [Fact]
    public void Hash_LongInputAndSeed_MatchesReference()
    {
        var ramp = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        byte[] longInput = [.. ramp, .. ramp, .. ramp, .. ramp, .. "xyz"u8];

        Assert.Equal(0xe146cb31b65bc21aUL, XxHash64.Hash(longInput));
        Assert.Equal(0x8832442a88284f11UL, XxHash64.Hash(ramp.AsSpan(0, 100), seed: 2654435761));
    }
}
