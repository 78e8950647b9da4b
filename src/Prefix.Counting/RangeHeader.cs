namespace Prefix.Counting;

/// <summary>
/// Parses a <c>Range</c> header per RFC 9110 §14.1.2 (byte ranges, inclusive ends) into half-open
/// intervals, and classifies it for COUNTING.md stage 1.7.
/// </summary>
/// <remarks>
/// Grammar: <c>bytes=range-spec *( OWS "," OWS range-spec )</c>, with
/// <c>int-range = first-pos "-" [ last-pos ]</c> and <c>suffix-range = "-" suffix-length</c>.
/// Tolerated beyond the grammar: spaces/tabs around <c>=</c>, around the dash and around commas, empty
/// list elements (RFC 9110 §5.6.1 asks recipients to accept them), and a case-insensitive unit.
/// Decisions (RFC 9110 §14.1.1–14.1.2):
/// <list type="bullet">
/// <item>Another unit, a missing <c>=</c>, non-digits, numbers beyond 64 bits, no range at all, or
/// last-pos &lt; first-pos anywhere → bad (the header is invalid as a whole).</item>
/// <item>An int-range is satisfiable when first-pos &lt; S; a suffix-range when its length &gt; 0 and S &gt; 0.
/// Unsatisfiable ranges are ignored, as a server would; none satisfiable → bad. With S unknown every
/// valid non-empty range is taken as satisfiable.</item>
/// <item>Ends are clamped to S. <c>a-</c> runs to S, or is open when S is unknown. <c>-n</c> is the last
/// n bytes; with S unknown it cannot be placed and adds no interval (its length n still counts for the
/// tiny test).</item>
/// <item>Exactly one range spec equal to <c>0-1</c> → probe (no interval). Otherwise every satisfiable
/// range ≤ 2 bytes (after clamping) → tiny.</item>
/// </list>
/// </remarks>
internal static class RangeHeader
{
    /// <summary>Parses <paramref name="header"/>; appends intervals to <paramref name="output"/> only for <see cref="RangeOutcome.Ranges"/>.</summary>
    public static RangeOutcome Parse(string? header, long? size, List<ByteInterval>? output)
    {
        var text = TrimOws(header.AsSpan());
        if (text.IsEmpty)
        {
            return RangeOutcome.WholeFile;
        }

        var equals = text.IndexOf('=');
        if (equals < 0 || !TrimOws(text[..equals]).Equals("bytes", StringComparison.OrdinalIgnoreCase))
        {
            return RangeOutcome.Bad;
        }

        var firstOutput = output?.Count ?? 0;
        var set = text[(equals + 1)..];
        var specs = 0;
        var satisfiable = false;
        var allTiny = true;
        var loneProbe = false;
        while (true)
        {
            var comma = set.IndexOf(',');
            var element = TrimOws(comma < 0 ? set : set[..comma]);
            if (!element.IsEmpty)
            {
                specs++;
                if (!TryParseSpec(element, out var first, out var last))
                {
                    return Fail(output, firstOutput);
                }

                loneProbe = specs == 1 && first == 0 && last == 1;
                if (TryPlace(first, last, size, out var interval, out var length))
                {
                    satisfiable = true;
                    allTiny &= length <= 2;
                    if (interval is { } placed)
                    {
                        output?.Add(placed);
                    }
                }
            }

            if (comma < 0)
            {
                break;
            }

            set = set[(comma + 1)..];
        }

        if (specs == 0)
        {
            return Fail(output, firstOutput);
        }

        if (specs == 1 && loneProbe)
        {
            // A probe never adds bytes (COUNTING.md stage 1.7).
            Rollback(output, firstOutput);
            return RangeOutcome.Probe;
        }

        if (!satisfiable)
        {
            return Fail(output, firstOutput);
        }

        if (allTiny)
        {
            Rollback(output, firstOutput);
            return RangeOutcome.Tiny;
        }

        return RangeOutcome.Ranges;
    }

    // first = -1 for a suffix range (then last = suffix length); last = -1 for an open int-range.
    private static bool TryParseSpec(ReadOnlySpan<char> element, out long first, out long last)
    {
        first = -1;
        last = -1;
        var dash = element.IndexOf('-');
        if (dash < 0)
        {
            return false;
        }

        var left = TrimOws(element[..dash]);
        var right = TrimOws(element[(dash + 1)..]);
        if (left.IsEmpty)
        {
            return TryDigits(right, out last);
        }

        if (!TryDigits(left, out first))
        {
            return false;
        }

        if (right.IsEmpty)
        {
            return true;
        }

        // last-pos < first-pos makes the range (and so the header) invalid: RFC 9110 §14.1.1.
        return TryDigits(right, out last) && last >= first;
    }

    private static bool TryPlace(long first, long last, long? size, out ByteInterval? interval, out long length)
    {
        interval = null;
        length = 0;
        if (first < 0)
        {
            // Suffix range: the last `last` bytes.
            if (last == 0)
            {
                return false;
            }

            if (size is not { } s)
            {
                length = last;
                return true;
            }

            var start = Math.Max(0, s - last);
            interval = new ByteInterval(start, s);
            length = s - start;
            return true;
        }

        if (size is { } known)
        {
            if (first >= known)
            {
                return false;
            }

            var end = last < 0 ? known : Math.Min(last, known - 1) + 1;
            interval = new ByteInterval(first, end);
            length = end - first;
            return true;
        }

        var openEnd = last < 0 || last == long.MaxValue ? ByteInterval.Open : last + 1;
        interval = new ByteInterval(first, openEnd);
        length = openEnd - first;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9' || value > (long.MaxValue - (c - '0')) / 10)
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static ReadOnlySpan<char> TrimOws(ReadOnlySpan<char> text) => text.Trim(" \t");

    private static RangeOutcome Fail(List<ByteInterval>? output, int firstOutput)
    {
        Rollback(output, firstOutput);
        return RangeOutcome.Bad;
    }

    private static void Rollback(List<ByteInterval>? output, int firstOutput)
    {
        if (output is not null && output.Count > firstOutput)
        {
            output.RemoveRange(firstOutput, output.Count - firstOutput);
        }
    }
}
