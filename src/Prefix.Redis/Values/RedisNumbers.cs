using System.Globalization;

namespace Prefix.Redis;

/// <summary>Number spellings Redis uses on the wire (scores accept and return inf/-inf).</summary>
internal static class RedisNumbers
{
    public static string FormatDouble(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "+inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-inf";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    public static bool TryParseDouble(string? text, out double value)
    {
        switch (text)
        {
            case null:
                value = 0;
                return false;
            case "inf" or "+inf":
                value = double.PositiveInfinity;
                return true;
            case "-inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    public static int DigitCount(long value)
    {
        if (value == long.MinValue)
        {
            return 20;
        }

        var count = value < 0 ? 2 : 1;
        var magnitude = (ulong)Math.Abs(value);
        while (magnitude >= 10)
        {
            magnitude /= 10;
            count++;
        }

        return count;
    }
}
