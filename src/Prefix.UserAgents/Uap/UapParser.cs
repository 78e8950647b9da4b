using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Prefix.UserAgents.Uap;

/// <summary>
/// The three parser lists of uap-core's <c>regexes.yaml</c>, loaded at run time (the file is data we install, not
/// code we copy). Each list is tried in order and the first matching regex wins, as the specification requires.
/// </summary>
/// <remarks>
/// <para>The regexes are built interpreted (<see cref="RegexOptions.None"/>): compiling ~1,200 of them costs ~6 s at
/// start-up for a 1.5–4× faster match, and the classifier's cache means each distinct agent is parsed once.</para>
/// <para>uap-core's crawler rules are not loaded: device rules whose device is "Spider", and user-agent rules whose
/// regex names bot, spider or crawl. Our bot checks run first, so an agent that reaches uap-core never contains
/// "bot", "crawler" or "spider"; those rules were also the slowest (four of them took ~75% of the user-agent list's
/// time and two ~60% of the device list's, unanchored <c>.{0,200}</c> scans over long alternations).</para>
/// </remarks>
internal sealed partial class UapParser
{
    private const string Other = "Other";

    private readonly UapRule[] _browsers;
    private readonly UapRule[] _operatingSystems;
    private readonly UapRule[] _devices;

    private UapParser(UapRule[] browsers, UapRule[] operatingSystems, UapRule[] devices)
    {
        _browsers = browsers;
        _operatingSystems = operatingSystems;
        _devices = devices;
    }

    public int RuleCount => _browsers.Length + _operatingSystems.Length + _devices.Length;

    public int SkippedCrawlerRuleCount { get; private init; }

    public static UapParser Load(string path, List<string> warnings)
    {
        Dictionary<string, List<Dictionary<string, string>>> document;
        using (var reader = new StreamReader(path))
        {
            document = new DeserializerBuilder().Build()
                .Deserialize<Dictionary<string, List<Dictionary<string, string>>>>(reader);
        }

        var skipped = 0;
        return new UapParser(
            Rules(document, "user_agent_parsers", "family_replacement", path, warnings, ref skipped),
            Rules(document, "os_parsers", "os_replacement", path, warnings, ref skipped),
            Rules(document, "device_parsers", "device_replacement", path, warnings, ref skipped))
        {
            SkippedCrawlerRuleCount = skipped,
        };
    }

    /// <summary>The browser or app family, e.g. "Chrome Mobile", "Mobile Safari"; "" when uap-core says "Other".</summary>
    public string ParseBrowser(string userAgent)
    {
        var (rule, match) = FirstMatch(_browsers, userAgent);
        return rule is null ? string.Empty : WithoutOther(UapTemplate.Expand(rule.Replacement, match));
    }

    /// <summary>The operating system family, e.g. "iOS", "Mac OS X", "Ubuntu"; "" when uap-core says "Other".</summary>
    public string ParseOs(string userAgent)
    {
        var (rule, match) = FirstMatch(_operatingSystems, userAgent);
        return rule is null ? string.Empty : WithoutOther(UapTemplate.Expand(rule.Replacement, match));
    }

    public UapDevice ParseDevice(string userAgent)
    {
        var (rule, match) = FirstMatch(_devices, userAgent);
        if (rule is null)
        {
            return UapDevice.Other;
        }

        var family = UapTemplate.Expand(rule.Replacement, match);
        var brand = rule.BrandReplacement is null ? string.Empty : UapTemplate.Expand(rule.BrandReplacement, match);
        var model = UapTemplate.Expand(rule.ModelReplacement, match);
        return new UapDevice(family.Length == 0 ? Other : family, brand, model);
    }

    private static (UapRule? Rule, Match Match) FirstMatch(UapRule[] rules, string userAgent)
    {
        foreach (var rule in rules)
        {
            var match = PatternCompiler.SafeMatch(rule.Regex, userAgent);
            if (match.Success)
            {
                return (rule, match);
            }
        }

        return (null, Match.Empty);
    }

    private static string WithoutOther(string family) => family == Other ? string.Empty : family;

    private static UapRule[] Rules(
        Dictionary<string, List<Dictionary<string, string>>> document,
        string section,
        string replacementKey,
        string path,
        List<string> warnings,
        ref int skipped)
    {
        if (!document.TryGetValue(section, out var entries))
        {
            warnings.Add($"{path}: section '{section}' is missing; its parsers are skipped");
            return [];
        }

        var rules = new List<UapRule>(entries.Count);
        foreach (var entry in entries)
        {
            if (!entry.TryGetValue("regex", out var pattern))
            {
                warnings.Add($"{path}: an entry of '{section}' has no regex; skipped");
                continue;
            }

            if (IsCrawlerRule(section, pattern, entry.GetValueOrDefault(replacementKey)))
            {
                skipped++;
                continue;
            }

            var options = entry.TryGetValue("regex_flag", out var flag) && flag.Contains('i', StringComparison.Ordinal)
                ? RegexOptions.IgnoreCase
                : RegexOptions.None;
            var regex = PatternCompiler.TryCreate(pattern, options, $"{path} {section}", warnings);
            if (regex is null)
            {
                continue;
            }

            rules.Add(new UapRule(
                regex,
                entry.GetValueOrDefault(replacementKey),
                entry.GetValueOrDefault("brand_replacement"),
                entry.GetValueOrDefault("model_replacement")));
        }

        return [.. rules];
    }

    private static bool IsCrawlerRule(string section, string pattern, string? replacement)
    {
        if (section == "device_parsers")
        {
            return replacement == "Spider";
        }

        if (section != "user_agent_parsers")
        {
            return false;
        }

        // uap-core spells case-insensitive words as classes ("[Bb]ot", "[Ss][Pp][Ii][Dd][Ee][Rr]"): fold them first.
        var folded = CaseClass().Replace(pattern, "$1");
        return folded.Contains("bot", StringComparison.OrdinalIgnoreCase)
            || folded.Contains("spider", StringComparison.OrdinalIgnoreCase)
            || folded.Contains("crawl", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\[([A-Za-z])([A-Za-z])\]")]
    private static partial Regex CaseClass();
}
