using Prefix.Bench;

// Each benchmark runs the reference (redis-benchmark, curl, nginx) and our code in the same run, so the
// ratio is meaningful on whatever machine it runs on. ./prefix bench starts the servers and passes them in.
return await BenchCommand.RunAsync(args);
