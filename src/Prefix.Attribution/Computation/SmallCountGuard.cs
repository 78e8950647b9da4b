using Prefix.Attribution.Results;

namespace Prefix.Attribution.Computation;

/// <summary>
/// Privacy guard of ATTRIBUTION.md, "Outputs": no cell with fewer than 5 listeners of B's audience. A count of
/// 1–4 is withheld; 0 is shown (it names nobody).
/// Reach, eligible and new-converted feed every rate and estimate, so a small one withholds the whole answer;
/// prior listeners and unknown history add up to reach − eligible, so a small one withholds both; retained is
/// withheld alone.
/// </summary>
internal static class SmallCountGuard
{
    public static bool IsSmall(int count, int minCell) => count > 0 && count < minCell;

    public static AttributionResult Apply(AttributionResult result, Variant main, int minCell, List<string> notes)
    {
        if (IsSmall(main.Reach, minCell) || IsSmall(main.Eligible, minCell) || IsSmall(main.Converted, minCell))
        {
            notes.Add($"suppressed: fewer than {minCell} listeners in a cell; counts and estimates withheld");
            return result with
            {
                Reach = null,
                Impressions = null,
                Eligible = null,
                PriorListeners = null,
                UnknownHistory = null,
                NewConverted = null,
                Retained = null,
                RExposed = null,
                RControl = null,
                Incremental = null,
                Lift = null,
                Significant = false,
                CostPerNewListener = null,
                CostPerIncrementalListener = null,
                Sensitivity = [],
                Suppressed = true,
                Notes = [.. notes.Where(n => !n.StartsWith("rExposed", StringComparison.Ordinal) && !n.StartsWith("rControl", StringComparison.Ordinal))],
            };
        }

        var suppressed = false;
        if (IsSmall(main.Prior, minCell) || IsSmall(main.Unknown, minCell))
        {
            result = result with { PriorListeners = null, UnknownHistory = null };
            notes.Add($"priorListeners and unknownHistory withheld: one is below {minCell}");
            suppressed = true;
        }

        if (IsSmall(main.Retained, minCell))
        {
            result = result with { Retained = null };
            notes.Add($"retained withheld: below {minCell}");
            suppressed = true;
        }

        return result with { Suppressed = suppressed, Notes = notes };
    }
}
