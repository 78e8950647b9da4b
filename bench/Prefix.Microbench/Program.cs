using BenchmarkDotNet.Running;

// Hot-path micro-benchmarks (STYLE.md point 11): run before and after changing one of these paths and
// put both numbers in the change. `dotnet run -c Release --project bench/Prefix.Microbench -- --filter '*'`
BenchmarkSwitcher.FromAssembly(typeof(Prefix.Microbench.EdgeHotPathBenchmarks).Assembly).Run(args);
