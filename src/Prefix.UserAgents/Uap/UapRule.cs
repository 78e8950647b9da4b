using System.Text.RegularExpressions;

namespace Prefix.UserAgents.Uap;

/// <summary>One entry of a uap-core parser list: a regex and the replacement templates we use.</summary>
/// <param name="Regex">The entry's <c>regex</c>, with <c>regex_flag: 'i'</c> applied.</param>
/// <param name="Replacement">
/// <c>family_replacement</c>, <c>os_replacement</c> or <c>device_replacement</c>: the name, with <c>$1</c>..<c>$9</c>
/// standing for capture groups; null means "capture group 1".
/// </param>
/// <param name="BrandReplacement">Device entries only: <c>brand_replacement</c>; null means no brand.</param>
/// <param name="ModelReplacement">Device entries only: <c>model_replacement</c>; null means "capture group 1".</param>
internal sealed record UapRule(Regex Regex, string? Replacement, string? BrandReplacement, string? ModelReplacement);
