using System.Text;
using System.Text.RegularExpressions;

namespace Prefix.UserAgents.Uap;

/// <summary>
/// The replacement rules of the uap-core specification: <c>$N</c> is capture group N (empty when it did not take
/// part), no template means group 1, and the result is trimmed.
/// See https://github.com/ua-parser/uap-core/blob/master/docs/specification.md.
/// </summary>
internal static class UapTemplate
{
    public static string Expand(string? template, Match match)
    {
        if (template is null)
        {
            return match.Groups.Count > 1 ? match.Groups[1].Value.Trim() : string.Empty;
        }

        if (!template.Contains('$', StringComparison.Ordinal))
        {
            return template;
        }

        var builder = new StringBuilder(template.Length + 16);
        for (var i = 0; i < template.Length; i++)
        {
            var character = template[i];
            if (character == '$' && i + 1 < template.Length && char.IsAsciiDigit(template[i + 1]))
            {
                var group = template[i + 1] - '0';
                if (group < match.Groups.Count)
                {
                    builder.Append(match.Groups[group].Value);
                }

                i++;
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString().Trim();
    }
}
