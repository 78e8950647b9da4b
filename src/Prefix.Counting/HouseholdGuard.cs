namespace Prefix.Counting;

/// <summary>
/// The excessive-IP guard (COUNTING.md stage 3): per household key (IP*) and window, more than
/// <see cref="CountingRules.ExcessiveIpCeiling"/> distinct downloads make all of them suspect, unless the
/// household is safe-listed.
/// </summary>
/// <remarks>
/// Household windows follow the run's window mode over the downloads' <see cref="Download.QualifiedAt"/>
/// times: the UTC day for calendar; for rolling-first a window opens at a household's first download and
/// lasts 24 h; for rolling-last each download extends it 24 h. An empty household key (unknown) is not
/// guarded: unrelated hits must not be lumped together.
/// </remarks>
internal static class HouseholdGuard
{
    public static (List<Download> Counted, List<Download> Suspect) Apply(List<Download> downloads, CountingRules rules)
    {
        var ceiling = Math.Max(0, rules.ExcessiveIpCeiling);
        var suspect = new bool[downloads.Count];
        var anySuspect = false;
        if (downloads.Count > ceiling)
        {
            var byHousehold = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < downloads.Count; i++)
            {
                var key = downloads[i].HouseholdKey;
                if (key.Length == 0 || rules.SafeHouseholds.Contains(key))
                {
                    continue;
                }

                if (!byHousehold.TryGetValue(key, out var list))
                {
                    byHousehold[key] = list = [];
                }

                list.Add(i);
            }

            foreach (var indices in byHousehold.Values)
            {
                if (indices.Count > ceiling)
                {
                    anySuspect |= MarkBusyWindows(downloads, indices, rules.Window, ceiling, suspect);
                }
            }
        }

        if (!anySuspect)
        {
            return (downloads, []);
        }

        var counted = new List<Download>(downloads.Count);
        var flagged = new List<Download>();
        for (var i = 0; i < downloads.Count; i++)
        {
            if (suspect[i])
            {
                flagged.Add(downloads[i] with { Suspect = true });
            }
            else
            {
                counted.Add(downloads[i]);
            }
        }

        return (counted, flagged);
    }

    private static bool MarkBusyWindows(List<Download> downloads, List<int> indices, CountingWindow window, int ceiling, bool[] suspect)
    {
        indices.Sort((a, b) => downloads[a].QualifiedAt.CompareTo(downloads[b].QualifiedAt));
        var marked = false;
        var from = 0;
        var start = WindowRule.OpenAt(window, downloads[indices[0]].QualifiedAt);
        var last = downloads[indices[0]].QualifiedAt;
        for (var i = 1; i <= indices.Count; i++)
        {
            var time = i < indices.Count ? downloads[indices[i]].QualifiedAt : default;
            if (i < indices.Count && !WindowRule.StartsNew(window, start, last, time))
            {
                last = time;
                continue;
            }

            if (i - from > ceiling)
            {
                for (var j = from; j < i; j++)
                {
                    suspect[indices[j]] = true;
                }

                marked = true;
            }

            if (i < indices.Count)
            {
                from = i;
                start = WindowRule.OpenAt(window, time);
                last = time;
            }
        }

        return marked;
    }
}
