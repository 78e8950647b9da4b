namespace Prefix.Bench;

internal sealed record BenchArguments(string Target, string Redis, Uri ClickHouse, string OutputDirectory)
{
    public static BenchArguments Parse(string[] args)
    {
        var target = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "clients";
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new BenchArguments(
            target,
            Value("--redis", "127.0.0.1:6379"),
            new Uri(Value("--clickhouse", "http://127.0.0.1:8123/")),
            Value("--out", "bench/results"));
    }
}
