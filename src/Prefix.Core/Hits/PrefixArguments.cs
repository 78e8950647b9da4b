namespace Prefix.Core.Hits;

/// <summary>
/// The comma-separated <c>name=value</c> list between <c>/e,</c> and the slash. Only <c>pg</c>
/// (the show's <c>podcast:guid</c>) means something today; unknown names and malformed values are
/// ignored, never an error, so a typo in an argument never costs a download. The edge reads them when
/// redirecting and the ingest when storing, with this one reader.
/// </summary>
public static class PrefixArguments
{
    public static Guid? PodcastGuid(ReadOnlySpan<char> arguments)
    {
        foreach (var range in arguments.Split(','))
        {
            var argument = arguments[range];
            ReadOnlySpan<char> value;
            if (argument.StartsWith("pg=", StringComparison.OrdinalIgnoreCase))
            {
                value = argument[3..];
            }
            else if (argument.StartsWith("pg%3D", StringComparison.OrdinalIgnoreCase))
            {
                value = argument[5..];
            }
            else
            {
                continue;
            }

            if (Guid.TryParse(value, out var guid) && guid != Guid.Empty)
            {
                return guid;
            }
        }

        return null;
    }
}
