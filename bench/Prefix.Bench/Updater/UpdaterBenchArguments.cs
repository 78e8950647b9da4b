using System.Globalization;

namespace Prefix.Bench.Updater;

/// <summary>Arguments of the updater bench phases (bench/updater/updater.sh passes them).</summary>
internal sealed record UpdaterBenchArguments(
    string Phase,
    Uri Updater,
    string AdminKey,
    Uri FakeHost,
    string Redis,
    int Feeds,
    int Rate,
    TimeSpan Cycle,
    TimeSpan Warmup,
    TimeSpan Measure,
    int UpdaterPid,
    string StateFile)
{
    public static UpdaterBenchArguments Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        return new UpdaterBenchArguments(
            Value("--phase", "import"),
            new Uri(Value("--updater", "http://127.0.0.1:8081/")),
            Value("--admin-key", string.Empty),
            new Uri(Value("--fakehost", "http://127.0.0.1:8090/")),
            Value("--redis", "127.0.0.1:6379"),
            Number("--feeds", 1_000_000),
            Number("--rate", 1_200),
            TimeSpan.FromSeconds(Number("--cycle-seconds", 60)),
            TimeSpan.FromSeconds(Number("--warmup-seconds", 75)),
            TimeSpan.FromSeconds(Number("--measure-seconds", 120)),
            Number("--updater-pid", 0),
            Value("--state", "/tmp/prefix-updater-bench.state"));
    }
}
